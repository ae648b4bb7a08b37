// The output folder as one Excel workbook (libxlsxwriter): a sheet per CSV file, in the folder's
// order, and a "manifest" sheet with the run's facts and the effective scenario. A column whose
// every cell is a number is stored as numbers (shown with the decimals the CSV has), so the file
// reads the same in any locale; other columns are text. The header is the CSV's with the unit
// added where the column name carries it: "settlement_p50_h (hours)". The manifest's date is a
// date cell. Trace files (trace_orders.csv, journal.csv) are left out.
#pragma once

#include <filesystem>
#include <vector>

#include "tools/output/results.hpp"

namespace market {

// Writes `file` from the rendered files (render_results). Throws OutputError naming the file on
// a write failure or a CSV too long for a sheet (1,048,576 rows); nothing is left at `file`.
void write_workbook(const std::filesystem::path& file, const std::vector<OutputFile>& files);

// write_workbook from an output folder's files, written beside them atomically (a temporary
// name, then a rename). Throws OutputError naming the folder or file.
void export_workbook(const std::filesystem::path& outdir, const std::filesystem::path& file);

}  // namespace market
