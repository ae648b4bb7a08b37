#include "tools/marketsim/progress_bar.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

namespace marketsim {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

// 12345 -> "12,345"
std::string grouped(double x) {
  const std::string digits = fmt::format("{:.0f}", std::max(0.0, x));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string progress_line(const market::Progress& p, double elapsed_s, const ProgressView& view,
                          int width) {
  std::vector<std::string> parts;  // most important first
  const auto total = p.runs_total;
  const double H = view.horizon_days;
  const std::uint64_t running =
      std::min<std::uint64_t>(static_cast<std::uint64_t>(std::max(1, view.concurrent)),
                              total > p.runs_done ? total - p.runs_done : 0);
  // Each finished run has counted exactly its horizon; the rest is the running runs'.
  double day = 0;
  if (H > 0 && running > 0)
    day = std::clamp((p.simulated_days_done - static_cast<double>(p.runs_done) * H) /
                         static_cast<double>(running), 0.0, H);
  const bool draining = H > 0 && running > 0 && day >= H;
  std::string where;
  if (H > 0 && running > 0) {
    where = draining ? fmt::format("day {:.0f}/{:.0f}, ending open orders", H, H)
                     : fmt::format("day {:.0f}/{:.0f}", std::floor(day), H);
    if (running > 1) where = fmt::format("{} running at {}", running, where);
  }
  if (total > 1) {
    parts.push_back(fmt::format("{}/{} replications done", p.runs_done, total));
    if (!where.empty()) parts.push_back(where);
  } else if (!where.empty()) {
    parts.push_back(where);
  }
  const double done = p.simulated_days_total > 0
                          ? std::clamp(p.simulated_days_done / p.simulated_days_total, 0.0, 1.0)
                          : 0.0;
  if (done > 0 && done < 1) parts.push_back(fmt::format("ETA {}", clock_text(elapsed_s * (1 - done) / done)));
  if (p.orders_per_second > 0) parts.push_back(fmt::format("{} orders/s", grouped(p.orders_per_second)));
  parts.push_back(fmt::format("{} elapsed", clock_text(elapsed_s)));

  const auto limit = static_cast<std::size_t>(std::max(1, width - 1));
  std::string line;
  for (const std::string& part : parts) {
    const std::size_t grown = line.size() + (line.empty() ? 0 : 3) + part.size();
    if (grown > limit) break;
    if (!line.empty()) line.append(" | ");
    line.append(part);
  }
  // A bar in front when there is room for one of at least 10 cells.
  if (line.size() + 14 <= limit) {
    const std::size_t cells = std::min<std::size_t>(30, limit - line.size() - 3);
    const auto filled = static_cast<std::size_t>(done * static_cast<double>(cells));
    line = fmt::format("[{}{}] {}", std::string(filled, '#'), std::string(cells - filled, '.'), line);
  }
  if (line.size() > limit) line.resize(limit);
  return line;
}

int terminal_width(int fd) {
  winsize w{};
  if (::ioctl(fd, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    const int n = std::atoi(c);
    if (n > 0) return n;
  }
  return 80;
}

ProgressBar::ProgressBar(std::FILE* out, bool enabled, double horizon_days, int concurrent)
    : out_(out), enabled_(enabled), view_{horizon_days, concurrent},
      start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(const market::Progress& p) {
  if (!enabled_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // No line for runs that end within a second or two.
  if (elapsed < 1.5) return;
  const std::string line = progress_line(p, elapsed, view_, terminal_width(::fileno(out_)));
  // \r, the line, and blanks over what a longer previous line left (no wrap: both fit).
  const std::size_t pad = last_width_ > line.size() ? last_width_ - line.size() : 0;
  fmt::print(out_, "\r{}{}", line, std::string(pad, ' '));
  std::fflush(out_);
  last_width_ = line.size();
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  fmt::print(out_, "\r{}\r", std::string(last_width_, ' '));
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace marketsim
