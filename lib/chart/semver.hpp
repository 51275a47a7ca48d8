#pragma once
// Semantic versions and Helm's version constraints (the Masterminds/semver v3
// rules Helm uses for --version and for chart dependencies).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::chart {

struct Version {
  std::uint64_t major = 0, minor = 0, patch = 0;
  std::vector<std::string> prerelease;  // dot-separated identifiers after '-'
  std::string build;                    // after '+', ignored for precedence
  std::string original;                 // the text it was parsed from

  // Accepts "1.2.3", "v1.2.3", "1.2" and "1" (missing parts are 0),
  // pre-release and build metadata; nullopt when not a version.
  static std::optional<Version> parse(std::string_view text);
  bool is_prerelease() const { return !prerelease.empty(); }
  std::string str() const;  // canonical "1.2.3[-pre][+build]"
};

// Semver precedence: <0, 0, >0. Build metadata is ignored; numeric
// pre-release identifiers compare numerically and below alphanumeric ones.
int compare(const Version& a, const Version& b);
inline bool operator<(const Version& a, const Version& b) { return compare(a, b) < 0; }

// One comparison of a constraint, after ~ ^ wildcards and ranges are expanded.
struct Bound {
  enum class Op { Eq, Ne, Gt, Ge, Lt, Le } op = Op::Eq;
  Version version;
  // For Ne of a partial version ("!=1.2" = not 1.2.x): the excluded range is
  // [version, until).
  std::optional<Version> until;
  bool holds(const Version& v) const;
};

// A constraint: comparators (=, !=, >, <, >=, <=, ~, ^, wildcards x X *,
// partial versions such as "1.2" meaning 1.2.x, hyphen ranges "1.2 - 1.4.5"),
// AND-ed when separated by spaces or commas, OR-ed with "||".
// A pre-release version satisfies an AND-group only if a comparator of that
// group itself names a pre-release (as in Helm): "^1.0" never picks
// 1.1.0-rc.1, ">=1.1.0-0 <2" does.
class Constraint {
 public:
  // kratix::UsageError (exit 2) naming the text when it is not a constraint.
  static Constraint parse(std::string_view text);
  bool matches(const Version& v) const;
  // True when the text is a single plain version ("1.2.3", "=1.2.3", "v1.2.3").
  bool is_exact() const { return exact_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<std::vector<Bound>> groups_;    // OR of AND-groups
  std::vector<bool> group_names_prerelease_;  // per group: may a pre-release match it
  bool exact_ = false;
};

// The highest of `versions` satisfying `constraint`; nullopt when none does.
// Entries that are not versions are skipped.
std::optional<std::size_t> pick_highest(const std::vector<std::string>& versions, const Constraint& constraint);

}  // namespace kratix::chart
