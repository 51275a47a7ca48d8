#pragma once
// The rules Kubernetes applies to names (apimachinery's validation, as the API
// server applies them to objects, CRDs and labels). Used by the commands that
// make names (promise/) and by the checks of `kratix validate` (validate/).
#include <optional>
#include <string>
#include <string_view>

namespace kratix::names {

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

// A label key ([prefix/]name, the prefix a DNS subdomain) and value.
std::optional<std::string> check_label(std::string_view key, std::string_view value);

}  // namespace kratix::names
