// A one-line progress bar on stderr: simulated days out of the horizon, orders per second and
// the time left. Drawn only when enabled (stderr is a terminal and the user did not ask quiet).
#pragma once

#include <chrono>
#include <cstdio>

#include "models/experiment/experiment.hpp"

namespace marketsim {

class ProgressBar {
 public:
  ProgressBar(std::FILE* out, bool enabled);
  bool enabled() const { return enabled_; }
  void update(const market::Progress& p);
  void finish();  // clears the line

 private:
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace marketsim
