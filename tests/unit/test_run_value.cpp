#include <doctest/doctest.h>

#include <cmath>

#include "core/error.hpp"
#include "run/duration.hpp"
#include "run/value.hpp"

using kratix::run::Json;
using kratix::run::parse_go_duration;
using kratix::run::parse_yaml_value;
using kratix::run::to_yaml;

namespace {
Json value_of(const std::string& scalar) { return parse_yaml_value("v: " + scalar + "\n", "t.yaml")["v"]; }
}  // namespace

TEST_CASE("run value: plain scalars get the types Kubernetes gives them (go-yaml v2, YAML 1.1)") {
  CHECK(value_of("yes") == Json(true));
  CHECK(value_of("On") == Json(true));
  CHECK(value_of("n") == Json(false));
  CHECK(value_of("FALSE") == Json(false));
  CHECK(value_of("~").is_null());
  CHECK(value_of("Null").is_null());
  CHECK(value_of("12") == Json(12));
  CHECK(value_of("012") == Json(10));  // octal, as Go's ParseInt(s, 0, 64) reads it
  CHECK(value_of("0x1F") == Json(31));
  CHECK(value_of("1_000") == Json(1000));
  CHECK(value_of("-7") == Json(-7));
  CHECK(value_of("1.5") == Json(1.5));
  CHECK(value_of(".5") == Json(0.5));
  CHECK(value_of("1e3") == Json(1000.0));
  CHECK(std::isinf(value_of(".inf").get<double>()));
  CHECK(value_of("18446744073709551615") == Json(18446744073709551615ULL));
  CHECK(value_of("2024-01-02T03:04:05Z") == Json("2024-01-02T03:04:05Z"));  // timestamps stay strings
  CHECK(value_of("1.2.3") == Json("1.2.3"));
  CHECK(value_of("nope") == Json("nope"));
}

TEST_CASE("run value: quoted and block scalars are strings, keys are strings (a plain n key is \"false\")") {
  CHECK(value_of("\"12\"") == Json("12"));
  CHECK(value_of("'yes'") == Json("yes"));
  CHECK(value_of("!!str 12") == Json("12"));
  CHECK(value_of("|\n  a\n  b") == Json("a\nb\n"));
  Json m = parse_yaml_value("1: a\nyes: b\nn: c\n", "t.yaml");
  CHECK(m.contains("1"));
  CHECK(m.contains("true"));
  CHECK(m.contains("false"));
}

TEST_CASE("run value: to_yaml writes sorted keys, unindented sequences and quotes what would change type") {
  Json v = parse_yaml_value("b: [1, x]\na:\n  s: 'true'\n  num: 3\n  q: \"012\"\n  e: ''\nc: {}\n", "t.yaml");
  CHECK(to_yaml(v) == "a:\n  e: ''\n  num: 3\n  q: '012'\n  s: 'true'\nb:\n- 1\n- x\nc: {}\n");
  CHECK(parse_yaml_value(to_yaml(v), "again.yaml") == v);
  Json multi = Json::object({{"script", "line 1\nline 2\n"}});
  CHECK(to_yaml(multi) == "script: |\n  line 1\n  line 2\n");
  CHECK(parse_yaml_value(to_yaml(multi), "again.yaml") == multi);
}

TEST_CASE("run value: not YAML is an error at FILE:LINE:COL") {
  try {
    parse_yaml_value("a: [1, 2\n", "bad.yaml");
    FAIL("no error");
  } catch (const kratix::Error& e) {
    REQUIRE(e.where());
    CHECK(e.where()->file == "bad.yaml");
    CHECK(e.where()->line >= 1);
    CHECK(std::string(e.what()).find("not valid YAML") != std::string::npos);
  }
  CHECK_THROWS_WITH(parse_yaml_value("a: 1\n---\nb: 2\n", "two.yaml"), doctest::Contains("2 YAML documents"));
}

TEST_CASE("run duration: Go's time.ParseDuration syntax, as Kratix reads retryAfter") {
  using std::chrono::nanoseconds;
  CHECK(parse_go_duration("30s") == nanoseconds(30'000'000'000));
  CHECK(parse_go_duration("1h30m") == nanoseconds(5'400'000'000'000));
  CHECK(parse_go_duration("1.5m") == nanoseconds(90'000'000'000));
  CHECK(parse_go_duration("300ms") == nanoseconds(300'000'000));
  CHECK(parse_go_duration("2us") == nanoseconds(2000));
  CHECK(parse_go_duration("0") == nanoseconds(0));
  CHECK(parse_go_duration("-5s") == nanoseconds(-5'000'000'000));
  CHECK_FALSE(parse_go_duration("5"));
  CHECK_FALSE(parse_go_duration("five minutes"));
  CHECK_FALSE(parse_go_duration("5d"));
  CHECK_FALSE(parse_go_duration(""));
  CHECK_FALSE(parse_go_duration("s"));
}
