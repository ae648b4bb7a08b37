#include "tools/report/palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

#include <fmt/core.h>

namespace market::report {
namespace {

// The catalogue's channels (models/channels/channel_catalog), each its own colour: related
// channels (the phone operators, the Chinese wallets) in nearby hues, so a legend groups them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kChannels{{
    {"card", "#1f77b4"},           {"qiwi", "#ff7f0e"},
    {"webmoney", "#2ca02c"},       {"yandex_money", "#d62728"},
    {"phone_mts", "#9467bd"},      {"phone_beeline", "#8c564b"},
    {"phone_megafon", "#e377c2"},  {"phone_tele2", "#7f7f7f"},
    {"cash", "#bcbd22"},           {"bank_transfer", "#17becf"},
    {"western_union", "#393b79"},  {"platform_balance", "#000000"},
    {"gift_certificate", "#8c6d31"}, {"union_pay", "#843c39"},
    {"wechat_pay", "#7b4173"},     {"domestic_alipay", "#3182bd"},
    {"installments", "#e6550d"},
}};

// For channels outside the catalogue: darker tones none of the table uses.
constexpr std::array<std::string_view, 12> kOthers{
    "#5254a3", "#8ca252", "#bd9e39", "#ad494a", "#a55194", "#6b6ecf",
    "#b5cf6b", "#e7ba52", "#d6616b", "#ce6dbd", "#31a354", "#756bb1"};

constexpr std::array<std::string_view, 7> kOkabeIto{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                    "#56B4E9", "#D55E00", "#000000"};
constexpr std::array<std::string_view, 3> kDashes{"", "7 4", "2 3"};

// Viridis at 0, 1/8, ..., 1 (matplotlib's table); the ramp runs from 0 to 0.85.
constexpr std::array<std::array<int, 3>, 9> kViridis{{{68, 1, 84},
                                                      {71, 44, 122},
                                                      {59, 81, 139},
                                                      {44, 113, 142},
                                                      {33, 144, 141},
                                                      {39, 173, 129},
                                                      {92, 200, 99},
                                                      {170, 220, 50},
                                                      {253, 231, 37}}};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string channel_colour(std::string_view channel) {
  for (const auto& [name, colour] : kChannels)
    if (name == channel) return std::string(colour);
  return std::string(kOthers[fnv1a(channel) % kOthers.size()]);
}

std::string ramp_colour(std::size_t i, std::size_t n) {
  const double t = n <= 1 ? 0 : 0.85 * static_cast<double>(i) / static_cast<double>(n - 1);
  const double at = t * (kViridis.size() - 1);
  const auto k = std::min(static_cast<std::size_t>(at), kViridis.size() - 2);
  const double f = at - static_cast<double>(k);
  int rgb[3];
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<int>(std::lround(kViridis[k][c] * (1 - f) + kViridis[k + 1][c] * f));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string series_colour(std::size_t i) { return std::string(kOkabeIto[i % kOkabeIto.size()]); }

std::string series_dash(std::size_t i) {
  return std::string(kDashes[(i / kOkabeIto.size()) % kDashes.size()]);
}

std::string block_colour(std::size_t i) {
  const std::size_t k = i % (kOkabeIto.size() + kOthers.size());
  return std::string(k < kOkabeIto.size() ? kOkabeIto[k] : kOthers[k - kOkabeIto.size()]);
}

std::string dash_pattern(std::size_t k) { return std::string(kDashes[k % kDashes.size()]); }

std::string with_alpha(const std::string& colour, double alpha) {
  if (colour.size() != 7 || colour[0] != '#') return colour;
  const int r = std::stoi(colour.substr(1, 2), nullptr, 16),
            g = std::stoi(colour.substr(3, 2), nullptr, 16),
            b = std::stoi(colour.substr(5, 2), nullptr, 16);
  return fmt::format("rgba({},{},{},{:g})", r, g, b, alpha);
}

}  // namespace market::report
