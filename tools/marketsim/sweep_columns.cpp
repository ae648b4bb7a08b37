#include "tools/marketsim/sweep_columns.hpp"

#include <optional>
#include <variant>

#include <fmt/format.h>

#include "sim/time.hpp"
#include "tools/output/number_format.hpp"

namespace marketsim {
namespace {

namespace sc = market::scenario;

struct Canonical {
  std::string suffix;  // "_d", "_usd", ... ; "" for a plain or text column
  std::string cell;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Canonical canonical(const sc::Entry& e) {
  if (const auto* d = std::get_if<sc::Duration>(&e.value)) {
    if (d->working_days) return {"_wd", fmt::format("{}", d->value)};
    return {"_d", market::format_plain(static_cast<double>(d->value) / sim::kDay)};
  }
  if (const auto* m = std::get_if<market::Money>(&e.value))
    return {fmt::format("_{}", lower(market::currency_code(m->currency()))),
            market::format_amount(*m)};
  if (const auto* r = std::get_if<market::BasisPoints>(&e.value)) return {"_bp", fmt::format("{}", r->bp)};
  if (const auto* p = std::get_if<sc::Probability>(&e.value)) return {"", market::format_plain(p->value)};
  if (const auto* n = std::get_if<sc::Number>(&e.value)) return {"", market::format_plain(n->value)};
  if (const auto* i = std::get_if<sc::Integer>(&e.value)) return {"", fmt::format("{}", i->value)};
  if (const auto* f = std::get_if<sc::Flag>(&e.value)) return {"", f->value ? "1" : "0"};
  return {"", e.text};
}

}  // namespace

SweptColumns swept_columns(const std::vector<std::string>& keys,
                           const std::vector<const sc::Scenario*>& points) {
  SweptColumns out;
  out.values.resize(points.size());
  for (const std::string& key : keys) {
    std::vector<Canonical> cells;
    for (const sc::Scenario* s : points) cells.push_back(canonical(s->entry(key)));
    // One unit per column: values in mixed units (7d and 5wd, USD and RUB) are kept as text.
    bool same = true;
    for (const Canonical& c : cells) same = same && c.suffix == cells.front().suffix;
    out.names.push_back(fmt::format("{}{}", key, same && !cells.empty() ? cells.front().suffix : ""));
    for (std::size_t i = 0; i < points.size(); ++i)
      out.values[i].push_back(same ? cells[i].cell : points[i]->entry(key).text);
  }
  return out;
}

}  // namespace marketsim
