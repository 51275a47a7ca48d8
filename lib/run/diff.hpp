#pragma once
#include <string>
#include <string_view>

namespace kratix::run {

// A unified diff (as `diff -u` prints it) from `expected` to `actual`, line by
// line with `context` lines around each change; empty when they are equal.
// Very different texts get a one-line summary instead of a huge diff.
std::string unified_diff(std::string_view expected, std::string_view actual, const std::string& expected_name,
                         const std::string& actual_name, size_t context = 3);

}  // namespace kratix::run
