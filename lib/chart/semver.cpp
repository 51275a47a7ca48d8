#include "chart/semver.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/error.hpp"

namespace kratix::chart {

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<std::uint64_t> to_number(std::string_view s) {
  if (!is_digits(s)) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : s) {
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (n > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return std::nullopt;
    n = n * 10 + d;
  }
  return n;
}

// Dot-separated identifiers of letters, digits and '-', none empty.
std::optional<std::vector<std::string>> identifiers(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto dot = s.find('.', start);
    const auto part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty()) return std::nullopt;
    for (unsigned char c : part)
      if (std::isalnum(c) == 0 && c != '-') return std::nullopt;
    out.emplace_back(part);
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

// A version as written in a constraint: parts may be missing or wildcards.
struct Partial {
  std::optional<std::uint64_t> major, minor, patch;  // nullopt = any
  std::vector<std::string> prerelease;
  bool full() const { return major && minor && patch; }
  Version low() const {
    Version v;
    v.major = major.value_or(0);
    v.minor = minor.value_or(0);
    v.patch = patch.value_or(0);
    if (full()) v.prerelease = prerelease;
    return v;
  }
  // The first version above the wildcard's range: 1.2 -> 1.3.0, 1 -> 2.0.0.
  Version next() const {
    Version v = low();
    v.prerelease.clear();
    if (!minor) {
      v = Version{};
      v.major = *major + 1;
    } else if (!patch) {
      v.patch = 0;
      v.minor = *minor + 1;
    } else {
      v.patch = *patch + 1;
    }
    return v;
  }
};

bool is_wild(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

std::optional<Partial> parse_partial(std::string_view text) {
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  Partial p;
  const auto plus = text.find('+');
  if (plus != std::string_view::npos) {
    if (!identifiers(text.substr(plus + 1))) return std::nullopt;
    text = text.substr(0, plus);
  }
  // The pre-release starts at the first '-' after the numeric part.
  std::string_view core = text;
  const auto dash = text.find('-');
  if (dash != std::string_view::npos) {
    auto pre = identifiers(text.substr(dash + 1));
    if (!pre) return std::nullopt;
    p.prerelease = *pre;
    core = text.substr(0, dash);
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = core.find('.', start);
    parts.push_back(core.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() > 3) return std::nullopt;
  std::optional<std::uint64_t>* slots[] = {&p.major, &p.minor, &p.patch};
  bool wild = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_wild(parts[i])) {
      wild = true;
      continue;
    }
    if (wild) return std::nullopt;  // "1.x.3"
    auto n = to_number(parts[i]);
    if (!n) return std::nullopt;
    *slots[i] = n;
  }
  if (!p.prerelease.empty() && !p.full()) return std::nullopt;
  return p;
}

int compare_identifiers(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  // A version without pre-release ranks above one with.
  if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : (a.empty() ? 1 : -1);
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const bool an = is_digits(a[i]), bn = is_digits(b[i]);
    if (an && bn) {
      // Compare as numbers without overflow: longer (after leading zeros) is larger.
      auto strip = [](const std::string& s) { return s.substr(std::min(s.find_first_not_of('0'), s.size())); };
      const std::string x = strip(a[i]), y = strip(b[i]);
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (x != y) return x < y ? -1 : 1;
    } else if (an != bn) {
      return an ? -1 : 1;
    } else if (a[i] != b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

bool is_operator_char(char c) { return c == '=' || c == '<' || c == '>' || c == '!' || c == '~' || c == '^'; }

[[noreturn]] void bad(std::string_view text, const std::string& why) {
  throw UsageError("\"" + std::string(text) + "\" is not a version constraint: " + why +
                   "; use e.g. 1.2.3, ^1.2, ~1.2.0, \">=1.2 <2\", 1.x or \"1.2 - 1.4\"");
}

Bound bound(Bound::Op op, Version v) {
  Bound b;
  b.op = op;
  b.version = std::move(v);
  return b;
}

// One comparator ("^1.2", ">=1.0.0-0", "1.x") as AND-ed bounds.
void expand(std::string_view whole, std::string_view token, std::vector<Bound>& out, bool& names_prerelease) {
  std::size_t n = 0;
  while (n < token.size() && is_operator_char(token[n])) ++n;
  const std::string_view op = token.substr(0, n);
  const std::string_view rest = token.substr(n);
  auto p = parse_partial(rest);
  if (!p) bad(whole, "\"" + std::string(rest) + "\" is not a version");
  if (!p->prerelease.empty()) names_prerelease = true;
  using Op = Bound::Op;
  const bool any = !p->major;
  if (op.empty() || op == "=") {
    if (any) return;
    if (p->full()) {
      out.push_back(bound(Op::Eq, p->low()));
    } else {
      out.push_back(bound(Op::Ge, p->low()));
      out.push_back(bound(Op::Lt, p->next()));
    }
  } else if (op == "!=") {
    if (any) {
      out.push_back(bound(Op::Lt, Version{}));  // nothing is outside "*"
    } else if (p->full()) {
      out.push_back(bound(Op::Ne, p->low()));
    } else {
      Bound b = bound(Op::Ne, p->low());
      b.until = p->next();
      out.push_back(std::move(b));
    }
  } else if (op == ">") {
    if (any)
      out.push_back(bound(Op::Lt, Version{}));
    else
      out.push_back(p->full() ? bound(Op::Gt, p->low()) : bound(Op::Ge, p->next()));
  } else if (op == ">=" || op == "=>") {
    if (!any) out.push_back(bound(Op::Ge, p->low()));
  } else if (op == "<") {
    out.push_back(bound(Op::Lt, any ? Version{} : p->low()));
  } else if (op == "<=" || op == "=<") {
    if (!any) out.push_back(p->full() ? bound(Op::Le, p->low()) : bound(Op::Lt, p->next()));
  } else if (op == "~" || op == "~>") {
    if (any) return;
    out.push_back(bound(Op::Ge, p->low()));
    Version up;
    up.major = *p->major;
    if (p->minor)
      up.minor = *p->minor + 1;
    else
      up.major += 1;
    out.push_back(bound(Op::Lt, up));
  } else if (op == "^") {
    if (any) return;
    out.push_back(bound(Op::Ge, p->low()));
    Version up;
    if (*p->major > 0 || !p->minor) {
      up.major = *p->major + 1;
    } else if (*p->minor > 0 || !p->patch) {
      up.minor = *p->minor + 1;
    } else {
      up.patch = *p->patch + 1;
    }
    out.push_back(bound(Op::Lt, up));
  } else {
    bad(whole, "unknown operator \"" + std::string(op) + "\"");
  }
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) != 0 || s[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) == 0 && s[i] != ',') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  auto p = parse_partial(text);
  if (!p || !p->major) return std::nullopt;
  // Versions (unlike constraints) have no wildcards: "1.x" is not one.
  const auto core = text.substr(0, text.find_first_of("-+"));
  if (core.find_first_of("xX*") != std::string_view::npos) return std::nullopt;
  Version v = p->low();
  v.prerelease = p->prerelease;
  if (const auto plus = text.find('+'); plus != std::string_view::npos) v.build = std::string(text.substr(plus + 1));
  v.original = std::string(text);
  return v;
}

std::string Version::str() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (std::size_t i = 0; i < prerelease.size(); ++i) s += (i == 0 ? "-" : ".") + prerelease[i];
  if (!build.empty()) s += "+" + build;
  return s;
}

int compare(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  return compare_identifiers(a.prerelease, b.prerelease);
}

bool Bound::holds(const Version& v) const {
  const int c = compare(v, version);
  switch (op) {
    case Op::Eq: return c == 0;
    case Op::Ne: return until ? (c < 0 || compare(v, *until) >= 0) : c != 0;
    case Op::Gt: return c > 0;
    case Op::Ge: return c >= 0;
    case Op::Lt: return c < 0;
    case Op::Le: return c <= 0;
  }
  return false;
}

Constraint Constraint::parse(std::string_view text) {
  Constraint c;
  c.text_ = std::string(text);
  const auto trimmed_end = text.find_last_not_of(" \t");
  if (trimmed_end == std::string_view::npos) bad(text, "it is empty");
  std::size_t start = 0;
  std::size_t comparators = 0;
  while (true) {
    const auto bar = text.find("||", start);
    const auto group_text = text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    const auto words = split_words(group_text);
    if (words.empty()) bad(text, "an alternative around \"||\" is empty");
    std::vector<Bound> group;
    bool names_prerelease = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string token(words[i]);
      // An operator written apart from its version: ">= 1.2".
      if (std::all_of(token.begin(), token.end(), is_operator_char)) {
        if (i + 1 >= words.size()) bad(text, "\"" + token + "\" has no version after it");
        if (is_operator_char(words[i + 1][0]))
          bad(text, "\"" + token + " " + std::string(words[i + 1]) + "\" has two operators");
        token += words[++i];
      }
      // A hyphen range: "1.2 - 1.4.5".
      if (i + 2 < words.size() && words[i + 1] == "-") {
        if (is_operator_char(token[0]) || is_operator_char(words[i + 2][0]))
          bad(text, "the ends of a hyphen range take no operators");
        expand(text, ">=" + token, group, names_prerelease);
        auto hi = parse_partial(words[i + 2]);
        if (!hi) bad(text, "\"" + std::string(words[i + 2]) + "\" is not a version");
        expand(text, "<=" + std::string(words[i + 2]), group, names_prerelease);
        i += 2;
        comparators += 2;
        continue;
      }
      if (token == "-") bad(text, "a hyphen range needs a version on each side");
      expand(text, token, group, names_prerelease);
      ++comparators;
    }
    c.group_names_prerelease_.push_back(names_prerelease);
    c.groups_.push_back(std::move(group));
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  if (c.groups_.size() == 1 && comparators == 1) {
    std::string joined;  // "= 1.2.3" -> "=1.2.3"
    for (auto w : split_words(text)) joined += w;
    std::string_view w = joined;
    if (!w.empty() && w[0] == '=') w.remove_prefix(1);
    if (!w.empty() && !is_operator_char(w[0])) {
      auto p = parse_partial(w);
      c.exact_ = p && p->full();
    }
  }
  return c;
}

bool Constraint::matches(const Version& v) const {
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const auto& group = groups_[g];
    if (v.is_prerelease() && !group_names_prerelease_[g]) continue;
    if (std::all_of(group.begin(), group.end(), [&](const Bound& b) { return b.holds(v); })) return true;
  }
  return false;
}

std::optional<std::size_t> pick_highest(const std::vector<std::string>& versions, const Constraint& constraint) {
  std::optional<std::size_t> best;
  std::optional<Version> best_version;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    auto v = Version::parse(versions[i]);
    if (!v || !constraint.matches(*v)) continue;
    if (!best_version || compare(*v, *best_version) > 0) {
      best = i;
      best_version = std::move(v);
    }
  }
  return best;
}

}  // namespace kratix::chart
