#include <doctest/doctest.h>

#include "chart/semver.hpp"
#include "core/error.hpp"

using namespace kratix::chart;

namespace {

Version v(const char* text) {
  auto parsed = Version::parse(text);
  REQUIRE_MESSAGE(parsed, text);
  return *parsed;
}

bool ok(const char* constraint, const char* version) { return Constraint::parse(constraint).matches(v(version)); }

}  // namespace

TEST_CASE("semver: parsing versions") {
  CHECK(v("1.2.3").str() == "1.2.3");
  CHECK(v("v1.2.3").str() == "1.2.3");
  CHECK(v("1.2").str() == "1.2.0");
  CHECK(v("1").str() == "1.0.0");
  CHECK(v("1.2.3-rc.1+build.7").str() == "1.2.3-rc.1+build.7");
  CHECK(v("1.2.3-rc.1").is_prerelease());
  CHECK_FALSE(v("1.2.3+meta").is_prerelease());
  CHECK(v("v1.2.3").original == "v1.2.3");
  for (const char* bad : {"", "v", "1.2.3.4", "1.x", "a.b.c", "1..2", "1.2.3-", "1.2.3-rc..1", "1.2.3+", "-1.2.3",
                          "99999999999999999999999.0.0", "1.2.3-r@c"})
    CHECK_MESSAGE(!Version::parse(bad), bad);
}

TEST_CASE("semver: precedence follows semver.org section 11") {
  const char* ordered[] = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
                           "1.0.1",        "1.2.0",         "1.10.0",           "2.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    CHECK_MESSAGE(compare(v(ordered[i]), v(ordered[i + 1])) < 0, ordered[i], " < ", ordered[i + 1]);
    CHECK(compare(v(ordered[i + 1]), v(ordered[i])) > 0);
  }
  CHECK(compare(v("1.0.0+a"), v("1.0.0+b")) == 0);
  CHECK(compare(v("v1.0.0"), v("1.0")) == 0);
}

TEST_CASE("semver: caret and tilde ranges") {
  CHECK(ok("^1.2.3", "1.2.3"));
  CHECK(ok("^1.2.3", "1.9.0"));
  CHECK_FALSE(ok("^1.2.3", "2.0.0"));
  CHECK_FALSE(ok("^1.2.3", "1.2.2"));
  CHECK(ok("^0.2.3", "0.2.9"));
  CHECK_FALSE(ok("^0.2.3", "0.3.0"));
  CHECK(ok("^0.0.3", "0.0.3"));
  CHECK_FALSE(ok("^0.0.3", "0.0.4"));
  CHECK(ok("^0.0", "0.0.9"));
  CHECK_FALSE(ok("^0.0", "0.1.0"));
  CHECK(ok("^0", "0.9.0"));
  CHECK_FALSE(ok("^0", "1.0.0"));
  CHECK(ok("~1.2.3", "1.2.9"));
  CHECK_FALSE(ok("~1.2.3", "1.3.0"));
  CHECK(ok("~1.2", "1.2.0"));
  CHECK(ok("~1", "1.9.0"));
  CHECK_FALSE(ok("~1", "2.0.0"));
  CHECK(ok("~>1.2", "1.2.5"));
}

TEST_CASE("semver: comparisons, partial versions and wildcards") {
  CHECK(ok(">1.2", "1.3.0"));
  CHECK_FALSE(ok(">1.2", "1.2.9"));  // greater than all of 1.2.x
  CHECK(ok(">1.2.3", "1.2.4"));
  CHECK(ok("<=1.2", "1.2.9"));
  CHECK_FALSE(ok("<=1.2", "1.3.0"));
  CHECK(ok("<1.2", "1.1.9"));
  CHECK_FALSE(ok("<1.2", "1.2.0"));
  CHECK(ok(">= 1.2", "1.2.0"));
  CHECK(ok("=>1.2", "1.2.0"));
  CHECK(ok("1.2", "1.2.7"));
  CHECK_FALSE(ok("1.2", "1.3.0"));
  CHECK(ok("1.2.x", "1.2.7"));
  CHECK(ok("1.X", "1.9.0"));
  CHECK(ok("*", "7.0.0"));
  CHECK(ok("x", "0.0.1"));
  CHECK(ok("!=1.2.3", "1.2.4"));
  CHECK_FALSE(ok("!=1.2.3", "1.2.3"));
  CHECK_FALSE(ok("!=1.2", "1.2.5"));
  CHECK(ok("!=1.2", "1.3.0"));
  CHECK(ok("=1.2.3", "v1.2.3"));
}

TEST_CASE("semver: AND, OR and hyphen ranges") {
  CHECK(ok(">=1.2 <2", "1.9.9"));
  CHECK_FALSE(ok(">=1.2 <2", "2.0.0"));
  CHECK(ok(">=1.2, <2", "1.5.0"));
  CHECK(ok("<1 || >=3", "3.1.0"));
  CHECK(ok("<1 || >=3", "0.5.0"));
  CHECK_FALSE(ok("<1 || >=3", "2.0.0"));
  CHECK(ok("1.2 - 1.4.5", "1.4.5"));
  CHECK_FALSE(ok("1.2 - 1.4.5", "1.4.6"));
  CHECK(ok("1.2 - 1.4", "1.4.9"));
  CHECK_FALSE(ok("1.2 - 1.4", "1.1.9"));
}

TEST_CASE("semver: pre-releases only when the constraint names one") {
  CHECK_FALSE(ok("*", "2.0.0-rc.1"));
  CHECK_FALSE(ok("^1.0", "1.1.0-rc.1"));
  CHECK_FALSE(ok(">=1.0.0", "2.0.0-rc.1"));
  CHECK(ok(">=1.1.0-0 <2", "1.1.0-rc.1"));
  CHECK(ok(">=2.0.0-0", "2.0.0-rc.1"));
  CHECK(ok("2.0.0-rc.1", "2.0.0-rc.1"));
  CHECK_FALSE(ok("2.0.0-rc.1", "2.0.0-rc.2"));
  CHECK(ok("<1 || >=2.0.0-0", "2.0.0-rc.1"));
  CHECK_FALSE(ok(">=2.0.0-0 || <1", "0.5.0-rc.1"));  // only the group naming one admits pre-releases
}

TEST_CASE("semver: exact constraints") {
  CHECK(Constraint::parse("1.2.3").is_exact());
  CHECK(Constraint::parse("v1.2.3").is_exact());
  CHECK(Constraint::parse("=1.2.3").is_exact());
  CHECK(Constraint::parse("= 1.2.3").is_exact());
  CHECK(Constraint::parse("1.2.3-rc.1").is_exact());
  CHECK_FALSE(Constraint::parse("1.2").is_exact());
  CHECK_FALSE(Constraint::parse("^1.2.3").is_exact());
  CHECK_FALSE(Constraint::parse(">=1.2.3").is_exact());
  CHECK_FALSE(Constraint::parse("1.2.3 || 1.2.4").is_exact());
}

TEST_CASE("semver: bad constraints are usage errors naming the text") {
  for (const char* bad : {"", "  ", ">=1 <<2", "abc", "1.2.3.4", ">=", "1.x.3", "||", "1 ||", "~>>1", "- 1.2"}) {
    try {
      Constraint::parse(bad);
      FAIL_CHECK("accepted: ", bad);
    } catch (const kratix::UsageError& e) {
      CHECK(std::string(e.what()).find("is not a version constraint") != std::string::npos);
      CHECK(std::string(e.what()).find(std::string("\"") + bad + "\"") != std::string::npos);
    }
  }
}

TEST_CASE("semver: the highest matching version wins") {
  const std::vector<std::string> versions{"1.0.0", "1.10.0", "not-a-version", "1.2.0", "2.0.0-rc.1", "v1.9.0"};
  CHECK(pick_highest(versions, Constraint::parse("*")) == 1u);
  CHECK(pick_highest(versions, Constraint::parse("~1.2")) == 3u);
  CHECK(pick_highest(versions, Constraint::parse("<1.10")) == 5u);
  CHECK(pick_highest(versions, Constraint::parse(">=2.0.0-0")) == 4u);
  CHECK_FALSE(pick_highest(versions, Constraint::parse(">=3")));
  CHECK_FALSE(pick_highest({}, Constraint::parse("*")));
}
