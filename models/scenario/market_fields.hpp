// Private to the market scenario binding: how one model field maps to a scenario key, its
// schema type, its value text and back. The schema defaults and to_market() both go through
// these, so a field printed as a default reads back as exactly the same value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/world/market_params.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/schema.hpp"

namespace market::scenario {

// The [run] section: RunParams plus the replication count.
struct RunSettings {
  RunParams run;
  int replications = 1;
};

// "visa.filing_window" -> "visa_filing_window": one segment per key name in an INI section.
std::string scenario_name(std::string_view model_key);

// The schema type of a ParamMeta unit ("duration", "dist(money)", ...); std::logic_error for
// a unit the binding does not know.
ValueType type_of_unit(std::string_view unit);
// The values an enum unit allows ("country": russia, ..., other); empty for the other units.
std::vector<std::string> allowed_of_unit(std::string_view unit);

// Value text for a visit_params field, parsed back by from_entry with the same unit.
std::string to_text(bool v, std::string_view unit);
std::string to_text(int v, std::string_view unit);
std::string to_text(std::int64_t v, std::string_view unit);  // "duration" or "count"
std::string to_text(std::uint64_t v, std::string_view unit);
std::string to_text(double v, std::string_view unit);
std::string to_text(const Money& v, std::string_view unit);
std::string to_text(const sim::Distribution& v, std::string_view unit);
std::string to_text(const Shares& v, std::string_view unit);
std::string to_text(const std::vector<double>& v, std::string_view unit);
std::string to_text(const FxRate& v, std::string_view unit);
std::string to_text(const CivilDate& v, std::string_view unit);
std::string to_text(const std::vector<CivilDate>& v, std::string_view unit);
std::string to_text(Country v, std::string_view unit);

// Sets a field from a loaded entry; throws ScenarioError "ORIGIN: KEY: why".
void from_entry(bool& v, const Entry& e, std::string_view unit);
void from_entry(int& v, const Entry& e, std::string_view unit);
void from_entry(std::int64_t& v, const Entry& e, std::string_view unit);
void from_entry(std::uint64_t& v, const Entry& e, std::string_view unit);
void from_entry(double& v, const Entry& e, std::string_view unit);
void from_entry(Money& v, const Entry& e, std::string_view unit);
void from_entry(sim::Distribution& v, const Entry& e, std::string_view unit);
void from_entry(Shares& v, const Entry& e, std::string_view unit);
void from_entry(std::vector<double>& v, const Entry& e, std::string_view unit);
void from_entry(FxRate& v, const Entry& e, std::string_view unit);
void from_entry(CivilDate& v, const Entry& e, std::string_view unit);
void from_entry(std::vector<CivilDate>& v, const Entry& e, std::string_view unit);
void from_entry(Country& v, const Entry& e, std::string_view unit);

// A ChannelParams figure: schema type, allowed values (enums), text and reading back.
struct ChannelKeyType {
  ValueType type;
  std::vector<std::string> allowed;
};
ChannelKeyType channel_key_type(const ChannelField& f);
std::string channel_text(const ChannelParams& p, const ChannelField& f);
// Sets the field of `p` from `e` (source left alone).
void channel_from_entry(ChannelParams& p, const ChannelField& f, const Entry& e);
void set_channel_source(ChannelParams& p, const ChannelField& f, std::string_view source);

[[noreturn]] void fail_entry(const Entry& e, std::string_view why);

template <class P>
void visit_calendar(P& m, auto&& v) {
  v("start_date", m.start_date, ParamMeta{"date", "ASSUMPTION: a Monday", "first simulated day, YYYY-MM-DD"});
  v("holidays", m.holidays,
    ParamMeta{"list(date)", "ASSUMPTION", "non-working days besides weekends, YYYY-MM-DD, comma-separated"});
}

template <class R>
void visit_run(R& r, auto&& v) {
  visit_params(r.run, v);
  v("replications", r.replications, ParamMeta{"count", "ASSUMPTION", "independent replications of the run", "1", "1000000"});
}

// The plain sections, in schema order: v.section(name) then the fields of that section.
template <class M, class R, class V>
void visit_plain_sections(M& m, R& run, V& v) {
  v.section("arrivals");
  visit_params(m.arrivals, v);
  v.section("buyers");
  visit_params(m.buyers, v);
  v.section("protection");
  visit_params(m.protection, v);
  v.section("disputes");
  visit_params(m.disputes, v);
  v.section("chargebacks");
  visit_params(m.chargebacks, v);
  v.section("rules");
  visit_params(m.channel_rules, v);
  v.section("fx");
  visit_params(m.fx, v);
  v.section("calendar");
  visit_calendar(m, v);
  v.section("run");
  visit_run(run, v);
}

}  // namespace market::scenario
