// The buyer's country: who may use a channel (000:110, 004), where a route's buyers live.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace market {

enum class Country : std::uint8_t { Russia, Ukraine, Kazakhstan, Belarus, China, Other };
inline constexpr int kCountryCount = 6;

std::string_view country_name(Country c);  // snake_case, stable for scenario files and CSV

// The countries whose residents may use a channel; empty: every country (no restriction).
struct CountrySet {
  std::uint8_t bits = 0;
  constexpr CountrySet() = default;
  constexpr CountrySet(std::initializer_list<Country> countries) {
    for (Country c : countries) bits = static_cast<std::uint8_t>(bits | (1u << static_cast<unsigned>(c)));
  }
  constexpr bool empty() const { return bits == 0; }
  constexpr bool contains(Country c) const { return (bits >> static_cast<unsigned>(c)) & 1u; }
  // Whether a resident of `c` is admitted: an empty set admits everyone.
  constexpr bool admits(Country c) const { return empty() || contains(c); }
  friend constexpr bool operator==(CountrySet, CountrySet) = default;
};
// "russia, ukraine" in enum order; "none" for the empty set.
std::string country_set_text(CountrySet s);

}  // namespace market
