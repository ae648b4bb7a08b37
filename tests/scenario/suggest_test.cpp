#include "models/scenario/suggest.hpp"

#include <catch2/catch.hpp>

using namespace market::scenario;

// Textbook edit distances (Wikipedia's "Levenshtein distance" examples).
TEST_CASE("levenshtein distance matches textbook examples", "[scenario][suggest]") {
  CHECK(levenshtein("kitten", "sitting") == 3);
  CHECK(levenshtein("flaw", "lawn") == 2);
  CHECK(levenshtein("", "abc") == 3);
  CHECK(levenshtein("same", "same") == 0);
}

TEST_CASE("nearest suggests only close candidates", "[scenario][suggest]") {
  const std::vector<std::string> keys{"channel.card.fee", "channel.card.delay", "run.seed"};
  CHECK(nearest("chanel.card.fee", keys) == "channel.card.fee");
  CHECK(nearest("run.sed", keys) == "run.seed");
  CHECK_FALSE(nearest("weather.rain", keys).has_value());
}

TEST_CASE("nearest answers at once for a very long word", "[scenario][suggest]") {
  const std::vector<std::string> keys(1000, "buyers.uses_app");
  const std::string huge(10'000'000, 'k');
  CHECK_FALSE(nearest(huge, keys).has_value());
  // Within the length filter the distance still decides: one edit away.
  CHECK(nearest("buyers.uses_ap", keys) == "buyers.uses_app");
}
