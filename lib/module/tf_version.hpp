#pragma once
// Terraform's version constraints for registry modules (hashicorp/go-version
// rules): "1.2.3" or "= 1.2.3", "!= 1.2.3", "> 1.2", ">= 1.2", "< 2", "<= 2",
// "~> 1.2" (>= 1.2, < 2.0), "~> 1.2.3" (>= 1.2.3, < 1.3.0), joined by commas,
// all of which must hold. A pre-release matches only a clause naming a
// pre-release of the same version.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/semver.hpp"

namespace kratix::module {

class TfConstraint {
 public:
  // kratix::UsageError naming the text when it is not a constraint. "" = any version.
  static TfConstraint parse(std::string_view text);
  bool matches(const chart::Version& v) const;
  const std::string& text() const { return text_; }

 private:
  struct Clause {
    std::string op;
    chart::Version version;
    std::size_t segments = 3;  // how many of major.minor.patch were written
  };
  std::string text_;
  std::vector<Clause> clauses_;
};

// The highest of `versions` that satisfies the constraint; nullopt when none does.
std::optional<std::string> pick_tf_version(const std::vector<std::string>& versions, const TfConstraint& constraint);

}  // namespace kratix::module
