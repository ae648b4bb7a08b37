// One progress line on stderr, redrawn in place: replications done of the total, the simulated
// day of the running replication(s) out of the horizon (per run, not summed), orders per second
// and the time left. It never wraps: parts are dropped from the right until the line fits the
// terminal's width. Drawn only when enabled (stderr is a terminal and the user did not ask
// quiet); finish() clears it.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "models/experiment/experiment.hpp"

namespace marketsim {

struct ProgressView {
  double horizon_days = 0;  // of every run; 0 when the points' horizons differ (no day shown)
  int concurrent = 1;       // runs in flight at once (threads, at most the runs)
};

// The line for `p` after `elapsed_s` seconds, at most `width - 1` characters wide.
std::string progress_line(const market::Progress& p, double elapsed_s, const ProgressView& view,
                          int width);

// The terminal's columns on `fd` (TIOCGWINSZ), else $COLUMNS, else 80.
int terminal_width(int fd);

class ProgressBar {
 public:
  ProgressBar(std::FILE* out, bool enabled, double horizon_days, int concurrent);
  bool enabled() const { return enabled_; }
  void update(const market::Progress& p);
  void finish();  // clears the line

 private:
  std::FILE* out_;
  bool enabled_;
  ProgressView view_;
  bool drawn_ = false;
  std::size_t last_width_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace marketsim
