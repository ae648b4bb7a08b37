// The CSV writer's quoting, read back by the strict RFC 4180 reader.
#include <catch2/catch.hpp>

#include "tools/output/csv.hpp"

using market::read_csv;

TEST_CASE("cells are quoted only when RFC 4180 requires it", "[csv]") {
  std::string out;
  market::append_csv_row(out, {"plain", "1.5", "a,b", "say \"hi\"", "two\nlines", "", "cr\r"});
  CHECK(out == "plain,1.5,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"cr\r\"\n");
}

TEST_CASE("written records read back unchanged", "[csv]") {
  const std::vector<std::vector<std::string>> rows{
      {"point", "metric", "value"},
      {"fee=2%, card", "settlement", "696"},
      {"\"quoted\"", "multi\r\nline", ""},
      {"", "", "-0.05"}};
  std::string out;
  for (const auto& r : rows) market::append_csv_row(out, r);
  CHECK(read_csv(out) == rows);
}

TEST_CASE("the reader rejects malformed CSV", "[csv]") {
  CHECK_THROWS(read_csv("\"open\n"));
  CHECK_THROWS(read_csv("a\"b\n"));
  CHECK_THROWS(read_csv("\"a\"b\n"));
}
