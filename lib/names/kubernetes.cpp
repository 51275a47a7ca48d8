#include "names/kubernetes.hpp"

#include <cctype>

namespace kratix::names {

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

std::optional<std::string> label_part(std::string_view s, const char* what) {
  if (s.size() > 63) return std::string(what) + " must be no more than 63 characters";
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return std::string(what) + " may only contain letters, digits, '-', '_' and '.'";
  }
  if (!s.empty() &&
      (!std::isalnum(static_cast<unsigned char>(s.front())) || !std::isalnum(static_cast<unsigned char>(s.back()))))
    return std::string(what) + " must start and end with a letter or digit";
  return std::nullopt;
}

}  // namespace

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

std::optional<std::string> check_label(std::string_view key, std::string_view value) {
  std::string_view name = key;
  auto slash = key.find('/');
  if (slash != std::string_view::npos) {
    if (auto why = check_dns1123_subdomain(key.substr(0, slash))) return "the key's prefix: " + *why;
    name = key.substr(slash + 1);
  }
  if (name.empty()) return "the key's name must not be empty";
  if (auto why = label_part(name, "the key's name")) return why;
  return label_part(value, "the value");
}

}  // namespace kratix::names
