// What every fuzz target asserts about a rejected input: a ScenarioError whose message is one
// non-empty line of at most 1,000 bytes (ScenarioError cuts longer ones). Any other exception escapes the target, and libFuzzer reports it as a crash.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "models/scenario/values.hpp"

namespace market::fuzz {

inline void check_message(const scenario::ScenarioError& e) {
  const std::string_view what = e.what();
  if (what.empty() || what.find('\n') != std::string_view::npos || what.size() > 1000) {
    std::fprintf(stderr, "bad error message (%zu bytes): [%.*s]\n", what.size(), static_cast<int>(std::min<std::size_t>(what.size(), 2000)), what.data());
    std::abort();
  }
}

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

}  // namespace market::fuzz
