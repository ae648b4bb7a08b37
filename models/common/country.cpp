#include "models/common/country.hpp"

namespace market {

std::string_view country_name(Country c) {
  switch (c) {
    case Country::Russia: return "russia";
    case Country::Ukraine: return "ukraine";
    case Country::Kazakhstan: return "kazakhstan";
    case Country::Belarus: return "belarus";
    case Country::China: return "china";
    case Country::Other: return "other";
  }
  return "?";
}

std::string country_set_text(CountrySet s) {
  if (s.empty()) return "none";
  std::string out;
  for (int i = 0; i < kCountryCount; ++i) {
    const auto c = static_cast<Country>(i);
    if (!s.contains(c)) continue;
    if (!out.empty()) out += ", ";
    out += country_name(c);
  }
  return out;
}

}  // namespace market
