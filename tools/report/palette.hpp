// The report's colours. A channel has one colour in every report, whatever channels a run has:
// a fixed table for the channels of the catalogue (models/channels), a hash of the name for any
// other. Points of an overlay are coloured along an ordered ramp (viridis), so a sweep's values
// read in order; other series (a second swept key's values, payers) take Okabe & Ito's
// colour-blind-safe palette, repeating dashed past its seventh colour.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace market::report {

// "#rrggbb" of a channel by name.
std::string channel_colour(std::string_view channel);
// Point i of n along the ramp (dark blue to green; the pale yellow end left out).
std::string ramp_colour(std::size_t i, std::size_t n);
// Series i of a categorical set, and its dash (SVG stroke-dasharray, "" for solid).
std::string series_colour(std::size_t i);
std::string series_dash(std::size_t i);
// Block i of a stacked bar (no dash to tell repeats apart): 19 colours, then again.
std::string block_colour(std::size_t i);
// The k-th of the dash patterns (solid, dashed, dotted, then again), for a second distinction.
std::string dash_pattern(std::size_t k);
// "rgba(r,g,b,alpha)" of "#rrggbb".
std::string with_alpha(const std::string& colour, double alpha);

}  // namespace market::report
