#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::util {

// Levenshtein edit distance between two strings.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` (a typo within 2 edits, or a prefix of at
// least 3 characters), or nullopt when none is close enough to suggest.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kratix::util
