// Every scenario-visible parameter struct lists its fields through a `visit_params(P&, V&&)`
// function: `v(key, field, ParamMeta{...})` once per field, in a fixed order. The scenario
// schema (keys, types, defaults, sources), the INI reader, `marketsim params` and the effective
// scenario dump are all generated from these lists, so a field is declared in exactly one place.
#pragma once

#include <string_view>
#include <type_traits>

namespace market {

// The unit decides how a value is parsed and printed when the C++ type alone does not:
//   "duration" (sim::Time), "money" (Money), "rate" (BasisPoints), "probability" (double in
//   [0,1]), "ratio" (double >= 0), "count" (int), "bool", "text", "dist(duration)" and
//   "dist(money)" and "dist(ratio)" (sim::Distribution over seconds, USD
//   minor units or a plain number), "shares", "list(duration)", "country" (Country, by
//   country_name: "russia", ..., "other").
// `min` and `max`, when given, replace the unit's bounds (models/scenario/limits.hpp) for this
// field: value texts in the field's unit ("1", "1000"), inclusive.
struct ParamMeta {
  std::string_view unit;
  std::string_view source;  // "000:187", "public-rules.md: ...", or "ASSUMPTION"
  std::string_view description;
  std::string_view min = {};
  std::string_view max = {};
};

// `template <ParamsOf<X> P, class V> void visit_params(P& p, V&& v)` serves X and const X.
template <class P, class T>
concept ParamsOf = std::is_same_v<std::remove_const_t<P>, T>;

}  // namespace market
