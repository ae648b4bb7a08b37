#include "tools/marketsim/progress_bar.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace marketsim {

ProgressBar::ProgressBar(std::FILE* out, bool enabled)
    : out_(out), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(const market::Progress& p) {
  if (!enabled_ || p.simulated_days_total <= 0) return;
  const double done = std::clamp(p.simulated_days_done / p.simulated_days_total, 0.0, 1.0);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // No bar for runs that end within a second or two.
  if (elapsed < 1.5 && done < 1.0) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(done * kWidth);
  const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                          std::string(static_cast<std::size_t>(kWidth - filled), '.');
  const double left = done > 0 ? elapsed * (1 - done) / done : 0;
  fmt::print(out_, "\r[{}] {:.0f}/{:.0f} days  {:.0f} orders/s  {:.0f}s left ", bar,
             p.simulated_days_done, p.simulated_days_total, p.orders_per_second, left);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  fmt::print(out_, "\r{:<80}\r", "");
  std::fflush(out_);
}

}  // namespace marketsim
