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

}  // namespace market
