// The marketplace's schema, generated from the models' parameter structs (visit_params for
// ProtectionParams, DisputeParams, ...; channel_fields() for channels): every key with its type,
// unit, default, source and description, and the tables and INI text made from it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/world/market_params.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/schema.hpp"

namespace market::scenario {

// Every key of every model, with type, unit, default (the documented world), source and
// description. Named sections: channel.*, seller.*, carrier.*, route.*. Each built-in
// entity (catalog channel, default seller segment, carrier, route) has concrete keys
// ("channel.card.fee_rate") whose defaults and sources are its own; the template keys
// ("channel.*.fee_rate") give the defaults of an entity a scenario adds.
const Schema& market_schema();
// The same with the catalog defaults that `rules` give ([rules] card_limit_5000 = true moves
// the card limit to $5,000). Cached; safe to call from several threads.
const Schema& market_schema(const ChannelRules& rules);
// The schema whose defaults are `world` and `run`: every field of every entity of `world`
// becomes a concrete key. market_schema(rules) is this for default_world(rules).
Schema build_market_schema(const MarketParams& world, const RunParams& run, int replications);
// default_market() with the channel catalogue of `rules`.
MarketParams default_world(const ChannelRules& rules);

// `marketsim params`: key, type, unit, default, source, description; a Markdown table or
// aligned plain text.
std::string schema_table(bool markdown);

// Where a value comes from: an article (a citation, "000:187", or a conflict of notes 1-5), a
// public rule (public-rules.md), an ASSUMPTION, a key the model reads but that cannot change
// what it does (its source begins "NOT SIMULATED"), or the user (a value that differs from the
// documented default, with its file:line or --set).
enum class SourceKind { Documented, Assumption, UserSet, PublicRule, NotSimulated };
inline constexpr std::string_view kNotSimulated = "NOT SIMULATED";
std::string_view source_kind_name(SourceKind k);  // "documented", "public rule", ...
SourceKind source_kind(const Schema& schema, const Entry& entry);
// The spec of `key`, or of its template key when `key` names an entity a scenario added
// ("channel.mypay.fee_rate" -> "channel.*.fee_rate"); nullptr if neither exists.
const KeySpec* find_spec(const Schema& schema, std::string_view key);

// Keys of built-in channels whose default follows the [rules] switches (the card and QIWI
// limits, ...): sorted.
std::vector<std::string> rule_dependent_keys();

// The schema's defaults as an annotated INI file: each key under its section, preceded by a
// comment with its description, unit and source (how scenarios/default.ini was generated).
// Rule-dependent keys appear commented out, so a scenario's [rules] still moves them.
std::string annotated_ini(const Schema& schema);

}  // namespace market::scenario
