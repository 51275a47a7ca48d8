#include "promise/names.hpp"

#include <cctype>

#include "core/error.hpp"

namespace kratix::promise {

namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::optional<std::string> label_shape(std::string_view v, size_t max, bool must_start_alpha) {
  if (v.empty()) return "it must not be empty";
  if (v.size() > max)
    return "it must be no more than " + std::to_string(max) + " characters (it has " + std::to_string(v.size()) + ")";
  for (char c : v) {
    if (!is_lower_alnum(c) && c != '-') {
      if (c >= 'A' && c <= 'Z') return "it must be lower case";
      return std::string("it must contain only lower-case letters, digits and '-' (found '") + c + "')";
    }
  }
  if (must_start_alpha && !(v.front() >= 'a' && v.front() <= 'z')) return "it must start with a lower-case letter";
  if (!is_lower_alnum(v.front())) return "it must start with a letter or digit";
  if (!is_lower_alnum(v.back())) return "it must end with a letter or digit";
  return std::nullopt;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string default_plural(std::string_view kind) { return to_lower(kind) + "s"; }

std::optional<std::string> check_dns1123_label(std::string_view v) { return label_shape(v, 63, false); }

std::optional<std::string> check_dns1035_label(std::string_view v) { return label_shape(v, 63, true); }

std::optional<std::string> check_dns1123_subdomain(std::string_view v) {
  if (v.empty()) return "it must not be empty";
  if (v.size() > 253) return "it must be no more than 253 characters";
  size_t start = 0;
  while (true) {
    size_t dot = v.find('.', start);
    auto part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty()) return "it must not have empty parts between dots";
    if (auto why = label_shape(part, 253, false)) return "part '" + std::string(part) + "': " + *why;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return std::nullopt;
}

std::optional<std::string> check_api_group(std::string_view group) {
  if (auto why = check_dns1123_subdomain(group)) return why;
  if (group.find('.') == std::string_view::npos)
    return "it must be a domain with at least one dot, such as 'example.com'";
  return std::nullopt;
}

std::optional<std::string> check_kind(std::string_view kind) {
  // As the API server checks it: the lower-cased kind is a DNS-1035 label, and
  // the derived list kind (kind + "List") must fit in 63 characters too.
  if (kind.empty()) return "it must not be empty";
  if (!std::isalpha(static_cast<unsigned char>(kind.front()))) return "it must start with a letter";
  for (char c : kind) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
      return std::string("it must contain only letters, digits and '-' (found '") + c + "')";
  }
  if (kind.back() == '-') return "it must end with a letter or digit";
  if (kind.size() + 4 > 63) return "it must be no more than 59 characters, so that its list kind fits in 63";
  return std::nullopt;
}

std::optional<std::string> check_plural(std::string_view plural) { return check_dns1035_label(plural); }

std::optional<std::string> check_api_version(std::string_view version) { return check_dns1035_label(version); }

void validate_promise_names(const NamedFields& f) {
  auto check = [](std::string_view what, std::string_view value, std::optional<std::string> why,
                  std::string_view hint) {
    if (why) {
      throw UsageError(std::string(what) + " '" + std::string(value) + "' is not valid: " + *why + "; " +
                       std::string(hint));
    }
  };
  check("promise name", f.name, check_dns1123_label(f.name),
        "use a DNS-1123 label such as 'postgresql' (lower-case letters, digits, '-')");
  check("--group", f.group, check_api_group(f.group), "use a DNS subdomain such as 'myorg.com'");
  check("--kind", f.kind, check_kind(f.kind), "use a Kubernetes kind such as 'Database'");
  check("--version", f.version, check_api_version(f.version), "use an API version such as 'v1alpha1'");
  check("--plural", f.plural, check_plural(f.plural), "use a lower-case DNS label such as 'databases'");
}

}  // namespace kratix::promise
