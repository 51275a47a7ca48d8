#pragma once
#include <optional>
#include <string>

namespace kratix::validate {

// CRD `pattern`s are Go regular expressions (Kubernetes compiles them with Go's
// regexp package), whose syntax is RE2's; they are compiled with RE2, once each.

// Why the pattern does not compile, or nothing when it does.
std::optional<std::string> pattern_error(const std::string& pattern);

// Whether value contains a match (unanchored, as Go's MatchString). A pattern
// that does not compile matches nothing.
bool pattern_matches(const std::string& pattern, const std::string& value);

}  // namespace kratix::validate
