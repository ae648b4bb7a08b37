// The report of an output folder: one self-contained report.html (inline CSS and SVG, no
// network) with the key figures and their 95% intervals, settlement-latency CDFs by channel,
// the escrow float over time, the dispute funnel, fees by channel and refund latency by route.
#pragma once

#include <filesystem>

namespace market {

// Reads outdir's summary_ci.csv, escrow_daily.csv (and manifest.ini when present) and writes
// outdir/report.html atomically (a temporary file renamed into place). Throws OutputError with
// one line naming the file when the folder or a file is missing or a CSV file is malformed.
void write_report(const std::filesystem::path& outdir);

}  // namespace market
