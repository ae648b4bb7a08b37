// "Did you mean ...?" for unknown keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace market::scenario {

// Edit distance (insertions, deletions, substitutions) between two strings.
std::size_t levenshtein(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is within a third of the word's length (at least 2 edits).
// Ties go to the first candidate in the list. Candidates whose length differs by more than the
// limit are skipped unmeasured, so a 10 MB word costs one pass over the list.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace market::scenario
