#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kratix::promise {

// Each check returns nullopt when the value is valid, or the reason it is not
// (written to be shown after "NAME is not valid: ").
std::optional<std::string> check_dns1123_label(std::string_view value);
std::optional<std::string> check_dns1123_subdomain(std::string_view value);
std::optional<std::string> check_dns1035_label(std::string_view value);

// The rules the Kubernetes API server applies to a CRD (apiextensions validation).
std::optional<std::string> check_api_group(std::string_view group);      // subdomain with a dot
std::optional<std::string> check_kind(std::string_view kind);            // lower(kind) is DNS-1035, kind+"List" fits
std::optional<std::string> check_plural(std::string_view plural);        // DNS-1035 label
std::optional<std::string> check_api_version(std::string_view version);  // DNS-1035 label

// Defaults that follow kratix-cli: plural = lower(kind) + "s", singular = lower(kind).
std::string to_lower(std::string_view s);
std::string default_plural(std::string_view kind);

// Throws UsageError("--FLAG VALUE is not valid: reason; fix") when a check fails.
struct NamedFields {
  std::string name, group, kind, version, plural;
};
void validate_promise_names(const NamedFields& fields);

}  // namespace kratix::promise
