// The report of an output folder: one self-contained report.html (inline CSS and SVG, no
// script, no network). A single run: key figures with their 95% intervals, settlement CDFs by
// channel, the escrow float over time, the dispute funnel, refusals by channel, fees by payer
// and refund latency by route. Several points: the headline figures against the swept parameter
// with intervals and paired differences from the base, compare.csv's differences, and every
// point's distributions on shared axes (docs/output.md, "The HTML report").
#pragma once

#include <filesystem>

namespace market {

// Reads outdir's summary_ci.csv, metrics.csv, escrow_daily.csv (compare.csv and manifest.ini
// when present) and writes
// outdir/report.html atomically (a temporary file renamed into place). Throws OutputError with
// one line naming the file when the folder or a file is missing or a CSV file is malformed.
void write_report(const std::filesystem::path& outdir);

}  // namespace market
