// Exact decimal numbers for the unit parsers (private to models/scenario).
#pragma once

#include <optional>
#include <string_view>

namespace market::scenario {

__extension__ typedef __int128 Int128;  // GCC/Clang extension; -Wpedantic needs the marker

// "[+-]digits[.digits]": the value is mantissa / 10^fraction_digits. At most 30 significant
// digits, so callers can scale by any unit without overflowing 128 bits.
struct Decimal {
  bool negative = false;
  Int128 mantissa = 0;
  int fraction_digits = 0;
};

std::optional<Decimal> parse_decimal(std::string_view text);
Int128 pow10(int n);

// A finite real number in plain or scientific notation, the whole text consumed.
std::optional<double> parse_real(std::string_view text);

}  // namespace market::scenario
