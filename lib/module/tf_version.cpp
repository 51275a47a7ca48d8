#include "module/tf_version.hpp"

#include "core/error.hpp"

namespace kratix::module {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::size_t segments_of(const std::string& v) {
  const std::string core = v.substr(0, v.find_first_of("-+"));
  std::size_t n = 1;
  for (char c : core) n += c == '.' ? 1 : 0;
  return n;
}

std::uint64_t segment(const chart::Version& v, std::size_t i) { return i == 0 ? v.major : i == 1 ? v.minor : v.patch; }

bool same_core(const chart::Version& a, const chart::Version& b) {
  return a.major == b.major && a.minor == b.minor && a.patch == b.patch;
}

}  // namespace

TfConstraint TfConstraint::parse(std::string_view text) {
  TfConstraint c;
  c.text_ = trim(text);
  if (c.text_.empty()) return c;
  std::size_t start = 0;
  while (start <= c.text_.size()) {
    auto comma = c.text_.find(',', start);
    if (comma == std::string::npos) comma = c.text_.size();
    std::string part = trim(std::string_view(c.text_).substr(start, comma - start));
    start = comma + 1;
    Clause clause;
    for (const char* op : {"~>", ">=", "<=", "!=", ">", "<", "="}) {
      if (part.rfind(op, 0) == 0) {
        clause.op = op;
        part = trim(std::string_view(part).substr(clause.op.size()));
        break;
      }
    }
    if (clause.op.empty()) clause.op = "=";
    auto v = chart::Version::parse(part);
    if (part.empty() || !v || part.front() == 'v')
      throw UsageError("--module-registry-version " + c.text_ + ": \"" + part +
                       "\" is not a version; write a constraint as Terraform does, e.g. 1.2.0, \"~> 1.2\" or "
                       "\">= 1.0, < 2.0\"");
    clause.version = *v;
    clause.segments = segments_of(part);
    c.clauses_.push_back(clause);
  }
  return c;
}

bool TfConstraint::matches(const chart::Version& v) const {
  for (const auto& c : clauses_) {
    if (v.is_prerelease() && !(c.version.is_prerelease() && same_core(v, c.version))) return false;
    const int cmp = chart::compare(v, c.version);
    bool ok = false;
    if (c.op == "=") ok = cmp == 0;
    if (c.op == "!=") ok = cmp != 0;
    if (c.op == ">") ok = cmp > 0;
    if (c.op == ">=") ok = cmp >= 0;
    if (c.op == "<") ok = cmp < 0;
    if (c.op == "<=") ok = cmp <= 0;
    if (c.op == "~>") {
      ok = cmp >= 0;
      const std::size_t fixed = c.segments > 1 ? c.segments - 1 : 0;
      for (std::size_t i = 0; ok && i < fixed && i < 3; ++i) ok = segment(v, i) == segment(c.version, i);
    }
    if (!ok) return false;
  }
  if (clauses_.empty() && v.is_prerelease()) return false;
  return true;
}

std::optional<std::string> pick_tf_version(const std::vector<std::string>& versions, const TfConstraint& constraint) {
  std::optional<chart::Version> best;
  std::string best_text;
  for (const auto& text : versions) {
    auto v = chart::Version::parse(text);
    if (!v || !constraint.matches(*v)) continue;
    if (!best || chart::compare(*best, *v) < 0) {
      best = v;
      best_text = text;
    }
  }
  if (!best) return std::nullopt;
  return best_text;
}

}  // namespace kratix::module
