// The buyer's country: who may use a channel (000:110, 004), where a route's buyers live.
#pragma once

#include <cstdint>
#include <string_view>

namespace market {

enum class Country : std::uint8_t { Russia, Ukraine, Kazakhstan, Belarus, China, Other };

std::string_view country_name(Country c);  // snake_case, stable for scenario files and CSV

}  // namespace market
