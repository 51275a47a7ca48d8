#pragma once
#include <string>
#include <string_view>

namespace kratix::promise {

// Defaults that follow kratix-cli: plural = lower(kind) + "s", singular = lower(kind).
std::string to_lower(std::string_view s);
std::string default_plural(std::string_view kind);

// Throws UsageError("--FLAG VALUE is not valid: reason; fix") when a check of
// names/kubernetes.hpp fails.
struct NamedFields {
  std::string name, group, kind, version, plural;
};
void validate_promise_names(const NamedFields& fields);

}  // namespace kratix::promise
