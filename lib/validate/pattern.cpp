#include "validate/pattern.hpp"

#include <re2/re2.h>

#include <map>
#include <memory>

namespace kratix::validate {

namespace {

// Go (since 1.22) also spells a named group (?<name>...); RE2 before 2023 knows (?P<name>...) only.
std::string to_re2_syntax(const std::string& go) {
  std::string out;
  out.reserve(go.size() + 8);
  for (size_t i = 0; i < go.size(); ++i) {
    if (go[i] == '\\' && i + 1 < go.size()) {
      out += go[i];
      out += go[++i];
      continue;
    }
    if (go.compare(i, 3, "(?<") == 0 && i + 3 < go.size() && go[i + 3] != '=' && go[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += go[i];
  }
  return out;
}

const RE2& compiled(const std::string& pattern) {
  static std::map<std::string, std::unique_ptr<RE2>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    RE2::Options options;
    options.set_log_errors(false);
    it = cache.emplace(pattern, std::make_unique<RE2>(to_re2_syntax(pattern), options)).first;
  }
  return *it->second;
}

}  // namespace

std::optional<std::string> pattern_error(const std::string& pattern) {
  const RE2& re = compiled(pattern);
  if (re.ok()) return std::nullopt;
  return re.error();
}

bool pattern_matches(const std::string& pattern, const std::string& value) {
  const RE2& re = compiled(pattern);
  return re.ok() && RE2::PartialMatch(value, re);
}

}  // namespace kratix::validate
