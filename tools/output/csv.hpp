// CSV as RFC 4180 asks, with LF line ends (RFC 4180 says CRLF; every spreadsheet and csv reader
// takes LF, and LF keeps files diffable; docs/output.md says so). A cell is quoted only when it
// holds a comma, a double quote, CR or LF; quotes inside are doubled.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace market {

// Appends one cell in its CSV form to `out`.
void append_csv_cell(std::string& out, std::string_view cell);
// Appends one record (cells joined by commas) and a LF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// Malformed CSV text (what is wrong, without the file's name: the caller knows it).
class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CsvRecord = std::vector<std::string>;

// A strict RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside
// quotes, CRLF or LF record ends. Throws CsvError on a quote inside an unquoted field, text after
// a closing quote, an unterminated quoted field or a bare CR.
std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace market
