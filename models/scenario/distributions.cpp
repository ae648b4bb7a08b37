// Distribution texts -> sim::Distribution. The Distribution is built as plain data here (sorted
// table for empirical) so the parameters checked below are exactly what sampling will see.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/decimal.hpp"
#include "models/scenario/input_file.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {
namespace {

struct Arg {
  std::string_view name;  // empty when positional
  std::string_view value;
};

struct Call {
  std::string_view kind;
  std::vector<Arg> args;
};

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw ScenarioError(fmt::format("invalid distribution \"{}\" ({})", text, why));
}

Call split_call(std::string_view text) {
  const auto open = text.find('(');
  if (open == std::string_view::npos || !text.ends_with(')')) {
    fail(text, "expected kind(arguments): const, uniform, exp, normal, lognormal or empirical");
  }
  Call call{trim(text.substr(0, open)), {}};
  std::string_view rest = text.substr(open + 1, text.size() - open - 2);
  if (trim(rest).empty()) fail(text, "no arguments");
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      call.args.push_back(Arg{{}, item});
    } else {
      call.args.push_back(Arg{trim(item.substr(0, eq)), trim(item.substr(eq + 1))});
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return call;
}

// Binds positional or named arguments to the kind's parameter names, in order.
std::vector<std::string_view> bind(std::string_view text, const Call& call,
                                   const std::vector<std::string_view>& params) {
  if (call.args.size() != params.size()) {
    fail(text, fmt::format("{} takes {}: {}", call.kind, params.size() == 1 ? "one argument" : "arguments",
                           fmt::join(params, ", ")));
  }
  std::vector<std::string_view> values(params.size());
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const Arg& arg = call.args[i];
    std::size_t slot = i;
    if (!arg.name.empty()) {
      const auto it = std::find(params.begin(), params.end(), arg.name);
      if (it == params.end()) {
        fail(text, fmt::format("{} has no parameter \"{}\" (it takes {})", call.kind, arg.name,
                               fmt::join(params, ", ")));
      }
      slot = static_cast<std::size_t>(it - params.begin());
    }
    if (!values[slot].empty()) fail(text, fmt::format("\"{}\" given twice", params[slot]));
    if (arg.value.empty()) fail(text, fmt::format("\"{}\" is empty", params[slot]));
    values[slot] = arg.value;
  }
  return values;
}

double plain_number(std::string_view text, std::string_view what, std::string_view number) {
  const auto v = parse_real(number);
  if (!v) fail(text, fmt::format("{} must be a number, got \"{}\"", what, number));
  return *v;
}

// A header is a first line that names its column: it starts with a letter.
bool header_like(std::string_view line) {
  const char c = line.front();
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<double> read_table(const std::filesystem::path& file, auto&& parse_line) {
  const std::string name = file.string();
  const std::string content = read_input_file(file, "empirical file", name);
  const std::string_view text = content;
  std::vector<double> values;
  int line_no = 0;
  bool first_value_line = true;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    const std::string_view t = trim(line);
    if (t.empty() || t.starts_with('#')) continue;
    try {
      values.push_back(parse_line(t));
    } catch (const ScenarioError& e) {
      if (!first_value_line || !header_like(t)) throw ScenarioError(fmt::format("{}:{}: {}", name, line_no, e.what()));
    }
    first_value_line = false;
  }
  if (values.empty()) throw ScenarioError(fmt::format("{}: no values", name));
  std::sort(values.begin(), values.end());
  return values;
}

// Parses the distribution text with `value` turning each parameter text into the
// distribution's own number and `line` doing the same for an empirical file line.
sim::Distribution parse_with(std::string_view raw, const std::filesystem::path& base_dir,
                             auto&& value, auto&& line) {
  const std::string_view text = trim(raw);
  const Call call = split_call(text);
  auto number = [&](std::string_view param, std::string_view v) {
    try {
      return value(v);
    } catch (const ScenarioError& e) {
      fail(text, fmt::format("{}: {}", param, e.what()));
    }
  };
  sim::Distribution d;
  if (call.kind == "const") {
    const auto v = bind(text, call, {"value"});
    d.kind = sim::DistKind::Constant;
    d.a = number("value", v[0]);
  } else if (call.kind == "uniform") {
    const auto v = bind(text, call, {"min", "max"});
    d.kind = sim::DistKind::Uniform;
    d.a = number("min", v[0]);
    d.b = number("max", v[1]);
    if (!(d.a < d.b)) fail(text, "min must be below max");
  } else if (call.kind == "exp") {
    const auto v = bind(text, call, {"mean"});
    d.kind = sim::DistKind::Exponential;
    d.a = number("mean", v[0]);
    if (!(d.a > 0)) fail(text, "mean must be positive");
  } else if (call.kind == "normal") {
    const auto v = bind(text, call, {"mean", "sd"});
    d.kind = sim::DistKind::Normal;
    d.a = number("mean", v[0]);
    d.b = number("sd", v[1]);
    if (!(d.b >= 0)) fail(text, "sd must not be negative");
  } else if (call.kind == "lognormal") {
    const auto v = bind(text, call, {"median", "sigma"});
    d.kind = sim::DistKind::Lognormal;
    d.a = number("median", v[0]);
    d.b = plain_number(text, "sigma", v[1]);
    if (!(d.a > 0)) fail(text, "median must be positive");
    if (!(d.b >= 0)) fail(text, "sigma must not be negative");
  } else if (call.kind == "empirical" && call.args.size() > 1) {
    // Inline values: "empirical(1h, 6h, 1d)"; the origin is the list as written, so the
    // canonical text of the value is the text itself.
    auto table = std::make_shared<sim::EmpiricalTable>();
    std::vector<std::string_view> written;
    for (const Arg& arg : call.args) {
      if (!arg.name.empty() || arg.value.empty()) fail(text, "inline empirical values are plain, unnamed values");
      table->values.push_back(number("value", arg.value));
      written.push_back(arg.value);
    }
    std::sort(table->values.begin(), table->values.end());
    table->origin = fmt::format("{}", fmt::join(written, ", "));
    d.kind = sim::DistKind::Empirical;
    d.table = std::move(table);
  } else if (call.kind == "empirical") {
    const auto v = bind(text, call, {"file"});
    const std::filesystem::path file = (base_dir / std::string(v[0])).lexically_normal();
    auto table = std::make_shared<sim::EmpiricalTable>();
    table->values = read_table(file, line);
    table->origin = file.string();
    d.kind = sim::DistKind::Empirical;
    d.table = std::move(table);
  } else {
    fail(text, fmt::format("unknown kind \"{}\" (use const, uniform, exp, normal, lognormal or empirical)",
                           call.kind));
  }
  return d;
}

double duration_seconds(std::string_view text) {
  const Duration d = parse_duration(text);
  if (d.working_days) {
    throw ScenarioError(fmt::format("invalid duration \"{}\" (working days cannot be sampled)", text));
  }
  return static_cast<double>(d.value);
}

}  // namespace

DurationDistribution parse_duration_distribution(std::string_view text,
                                                 const std::filesystem::path& base_dir) {
  auto line = [](std::string_view t) {
    if (const auto seconds = parse_real(t)) {
      if (*seconds < 0) throw ScenarioError(fmt::format("invalid duration \"{}\" (must not be negative)", t));
      return *seconds;
    }
    return duration_seconds(t);
  };
  return DurationDistribution{parse_with(text, base_dir, duration_seconds, line)};
}

MoneyDistribution parse_money_distribution(std::string_view text,
                                           const std::filesystem::path& base_dir) {
  std::optional<Currency> currency;
  auto minor = [&currency](std::string_view t) {
    const Money m = parse_money(t);
    if (currency && *currency != m.currency()) {
      throw ScenarioError(fmt::format("\"{}\" is not in {}", t, currency_code(*currency)));
    }
    currency = m.currency();
    return static_cast<double>(m.minor());
  };
  MoneyDistribution out{parse_with(text, base_dir, minor, minor), Currency::USD};
  out.currency = currency.value_or(Currency::USD);
  return out;
}

MoneyDistributionOrNone parse_money_distribution_or_none(std::string_view text,
                                                         const std::filesystem::path& base_dir) {
  if (trim(text) == "none") return {};
  try {
    return {parse_money_distribution(text, base_dir)};
  } catch (const ScenarioError& e) {
    throw ScenarioError(fmt::format("{} (or \"none\")", e.what()));
  }
}

NumberDistribution parse_number_distribution(std::string_view text,
                                             const std::filesystem::path& base_dir) {
  auto number = [](std::string_view t) {
    const auto v = parse_real(t);
    if (!v) throw ScenarioError(fmt::format("invalid number \"{}\"", t));
    return *v;
  };
  return NumberDistribution{parse_with(text, base_dir, number, number)};
}

}  // namespace market::scenario
