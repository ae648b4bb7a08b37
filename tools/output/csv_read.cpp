#include <string>

#include "tools/output/csv.hpp"

namespace market {

std::vector<CsvRecord> read_csv(std::string_view text) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  std::size_t i = 0;
  bool quoted_field = false;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    quoted_field = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      if (!field.empty() || quoted_field) throw CsvError("quote inside an unquoted field");
      quoted_field = true;
      ++i;
      for (;;) {
        if (i >= text.size()) throw CsvError("unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        throw CsvError("text after a closing quote");
    } else if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))
        throw CsvError("bare CR");
      end_field();
      records.push_back(std::move(record));
      record.clear();
      i += c == '\r' ? 2 : 1;
    } else {
      if (quoted_field) throw CsvError("text after a closing quote");
      field += c;
      ++i;
    }
  }
  if (!field.empty() || !record.empty() || quoted_field) {
    end_field();
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace market
