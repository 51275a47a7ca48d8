#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "schema/check_value.hpp"
#include "schema/value_kind.hpp"

using namespace kratix::schema;

namespace {

YAML::Node plain(const std::string& text) { return YAML::Load("x: " + text)["x"]; }

std::vector<std::string> rules(const std::string& value, const std::string& schema) {
  std::vector<Finding> out;
  check_value(YAML::Load(value), YAML::Load(schema), "", Sink{&out, nullptr});
  std::vector<std::string> r;
  for (const auto& f : out) r.push_back(f.rule);
  return r;
}

}  // namespace

TEST_CASE("validate values: a 50000-digit number is classified without exhausting the stack") {
  const std::string digits(50000, '7');
  CHECK(kind_of(plain(digits)) == ValueKind::Integer);
  CHECK(kind_of(plain(digits + ".5e10")) == ValueKind::Number);
  CHECK(kind_of(plain(digits + "x")) == ValueKind::String);
  CHECK(kind_of(plain("0x" + std::string(50000, 'f'))) == ValueKind::Integer);
  CHECK(number_of(plain(digits)) > 1e300);
}

TEST_CASE("validate values: the scalar classifier is YAML 1.1's int and float grammar") {
  // The grammar as regular expressions (fine for short texts): every text of
  // up to 4 characters from the alphabet that matters must be classified alike.
  const std::regex integer(R"([-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+))");
  const std::regex number(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  const std::string alphabet = "0189xoaf_.eE+-";
  std::vector<std::string> texts{""};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].size() == 4) continue;
    for (char c : alphabet) texts.push_back(texts[i] + c);
  }
  for (const char* special : {".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "-.nan", "0o17", "0x_F"})
    texts.emplace_back(special);
  int checked = 0;
  for (const auto& t : texts) {
    if (t.empty()) continue;
    YAML::Node n(t);  // a plain scalar with exactly this text
    ValueKind want = std::regex_match(t, integer)  ? ValueKind::Integer
                     : std::regex_match(t, number) ? ValueKind::Number
                                                   : ValueKind::String;
    ValueKind got = kind_of(n);
    if (got == ValueKind::Null || got == ValueKind::Boolean) continue;  // "n", "y" and friends
    INFO(t);
    CHECK(got == want);
    ++checked;
  }
  CHECK(checked > 40000);
}

TEST_CASE("validate schema: negative, huge and fractional length and count bounds compare as numbers") {
  CHECK(rules("abc", "{type: string, maxLength: -1}") == std::vector<std::string>{"schema.max-length"});
  CHECK(rules("abc", "{type: string, minLength: -5}").empty());
  CHECK(rules("abc", "{type: string, minLength: 1e300}") == std::vector<std::string>{"schema.min-length"});
  CHECK(rules("[1, 2]", "{type: array, maxItems: -3}") == std::vector<std::string>{"schema.max-items"});
  CHECK(rules("[1, 2]", "{type: array, minItems: .inf}") == std::vector<std::string>{"schema.min-items"});
  CHECK(rules("{a: 1}", "{type: object, maxProperties: -1, additionalProperties: true}") ==
        std::vector<std::string>{"schema.max-properties"});
  CHECK(rules("{a: 1}", "{type: object, minProperties: .nan, additionalProperties: true}").empty());
}
