// CSV as RFC 4180 asks, with LF line ends (RFC 4180 says CRLF; every spreadsheet and csv reader
// takes LF, and LF keeps files diffable; docs/output.md says so). A cell is quoted only when it
// holds a comma, a double quote, CR or LF; quotes inside are doubled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace market {

// Appends one cell in its CSV form to `out`.
void append_csv_cell(std::string& out, std::string_view cell);
// Appends one record (cells joined by commas) and a LF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

}  // namespace market
