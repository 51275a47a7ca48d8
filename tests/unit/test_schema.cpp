#include <doctest/doctest.h>

#include "schema/api_root.hpp"
#include "schema/check_value.hpp"
#include "schema/pattern.hpp"
#include "schema/structural.hpp"
#include "schema/value_kind.hpp"

using namespace kratix::schema;

namespace {
std::vector<std::string> rules(const YAML::Node& value, const YAML::Node& schema, bool resource = false) {
  std::vector<Finding> out;
  check_value(value, schema, "", Sink{&out, nullptr}, resource);
  std::vector<std::string> r;
  for (const auto& f : out) r.push_back(f.rule);
  return r;
}
std::vector<std::string> structural(const std::string& schema) {
  std::vector<Finding> out;
  check_structural(YAML::Load(schema), "s", Sink{&out, nullptr});
  std::vector<std::string> r;
  for (const auto& f : out) r.push_back(f.rule);
  return r;
}
using R = std::vector<std::string>;
}  // namespace

TEST_CASE("schema values: scalars are typed as Kubernetes reads YAML") {
  YAML::Node n = YAML::Load("a: 1\nb: '1'\nc: 1.5\nd: yes\ne: ~\nf: text\ng: 0x1F\nh: .inf\ni: \"true\"\n");
  CHECK(kind_of(n["a"]) == ValueKind::Integer);
  CHECK(kind_of(n["b"]) == ValueKind::String);
  CHECK(kind_of(n["c"]) == ValueKind::Number);
  CHECK(kind_of(n["d"]) == ValueKind::Boolean);
  CHECK(kind_of(n["e"]) == ValueKind::Null);
  CHECK(kind_of(n["f"]) == ValueKind::String);
  CHECK(kind_of(n["g"]) == ValueKind::Integer);
  CHECK(kind_of(n["h"]) == ValueKind::Number);
  CHECK(kind_of(n["i"]) == ValueKind::String);
  CHECK(number_of(n["g"]) == 31);
}

TEST_CASE("schema check_value: types, enums, ranges, patterns, required and unknown fields") {
  YAML::Node s = YAML::Load(
      "type: object\nrequired: [size]\nproperties:\n  size: {type: string, enum: [s, m]}\n  n: {type: integer, "
      "minimum: 1, maximum: 3}\n"
      "  r: {type: number, exclusiveMinimum: true, minimum: 0}\n  name: {type: string, pattern: '^[a-z]+$', maxLength: "
      "5}\n"
      "  l: {type: array, items: {type: string}, maxItems: 2}\n  p: {x-kubernetes-int-or-string: true}\n"
      "  o: {type: object, x-kubernetes-preserve-unknown-fields: true}\n  z: {type: string, nullable: true}\n");
  CHECK(rules(YAML::Load("{size: s, n: 2, r: 0.5, name: abc, l: [a], p: 80, o: {x: 1}, z: null}"), s).empty());
  CHECK(rules(YAML::Load("{size: s, p: '80%'}"), s).empty());
  CHECK(rules(YAML::Load("{n: 2}"), s) == R{"schema.required"});
  CHECK(rules(YAML::Load("{size: x}"), s) == R{"schema.enum"});
  CHECK(rules(YAML::Load("{size: s, n: 4}"), s) == R{"schema.maximum"});
  CHECK(rules(YAML::Load("{size: s, n: '2'}"), s) == R{"schema.type"});
  CHECK(rules(YAML::Load("{size: s, r: 0}"), s) == R{"schema.minimum"});
  CHECK(rules(YAML::Load("{size: s, name: Abc}"), s) == R{"schema.pattern"});
  CHECK(rules(YAML::Load("{size: s, name: abcdef}"), s) == R{"schema.max-length"});
  CHECK(rules(YAML::Load("{size: s, l: [a, b, c]}"), s) == R{"schema.max-items"});
  CHECK(rules(YAML::Load("{size: s, l: [1]}"), s) == R{"schema.type"});
  CHECK(rules(YAML::Load("{size: s, p: true}"), s) == R{"schema.type"});
  CHECK(rules(YAML::Load("{size: s, extra: 1}"), s) == R{"schema.unknown-field"});
  // The API server drops a null field whose schema is not nullable: absent, not wrong.
  CHECK(rules(YAML::Load("{size: null}"), s) == R{"schema.required"});
  CHECK(rules(YAML::Load("{size: s, n: null}"), s).empty());
}

TEST_CASE("schema check_value: combinators and resource roots") {
  YAML::Node s = YAML::Load(
      "type: object\nproperties:\n  v: {anyOf: [{type: integer}, {type: string}]}\n  w: {oneOf: [{minimum: 0}, "
      "{maximum: 10}]}\n");
  CHECK(rules(YAML::Load("{v: 1, w: -5}"), s).empty());
  CHECK(rules(YAML::Load("{v: true}"), s) == R{"schema.any-of"});
  CHECK(rules(YAML::Load("{w: 5}"), s) == R{"schema.one-of"});
  YAML::Node root = YAML::Load("type: object\nproperties:\n  spec: {type: object}\n");
  CHECK(rules(YAML::Load("{apiVersion: a/v1, kind: K, metadata: {name: x}, spec: {}}"), root, true).empty());
}

TEST_CASE("schema structural: the API server's rules") {
  CHECK(structural("type: object\nproperties:\n  spec: {type: object, default: {}, properties: {}}\n").empty());
  CHECK(structural("type: object\nproperties:\n  a: {description: no type}\n") == R{"structural.type-missing"});
  CHECK(structural("type: string\n") == R{"structural.root-type"});
  CHECK(structural("type: object\nproperties:\n  a: {type: array}\n") == R{"structural.items-missing"});
  // The API server takes int-or-string with a type too.
  CHECK(structural("type: object\nproperties:\n  a: {x-kubernetes-int-or-string: true, type: string}\n").empty());
  CHECK(structural("type: object\nproperties:\n  a: {type: string, default: 5}\n") == R{"structural.default"});
  CHECK(structural("type: object\nproperties:\n  a: {type: object, x-kubernetes-preserve-unknown-fields: true}\n")
            .empty());
  CHECK(structural("type: object\nproperties:\n  a: {type: string, anyOf: [{type: string}]}\n") ==
        R{"structural.value-validation"});
  CHECK(structural("type: object\nproperties:\n  a: {type: array, items: {type: string}, uniqueItems: true}\n") ==
        R{"structural.unique-items"});
}

TEST_CASE("schema structural: int-or-string anyOf, types, additionalProperties, metadata") {
  // kratix's own postgres and redis samples: quantities as int-or-string with anyOf.
  CHECK(structural("type: object\nproperties:\n  q: {anyOf: [{type: integer}, {type: string}], "
                   "x-kubernetes-int-or-string: true}\n")
            .empty());
  CHECK(structural("type: object\nproperties:\n  q: {allOf: [{anyOf: [{type: integer}, {type: string}]}], "
                   "x-kubernetes-int-or-string: true}\n")
            .empty());
  CHECK(structural("type: object\nproperties:\n  a: {type: strng}\n") == R{"structural.type-unknown"});
  CHECK(structural("type: object\nproperties:\n  a: {type: object, x-kubernetes-preserve-unknown-fields: false}\n") ==
        R{"structural.preserve-unknown-fields"});
  CHECK(structural("type: object\nproperties:\n  a: {type: object, additionalProperties: false, properties: {b: "
                   "{type: string}}}\n") == R{"structural.properties-and-additional"});
  CHECK(structural("type: object\nproperties:\n  a: {type: object, additionalProperties: true, properties: {b: "
                   "{type: string}}}\n")
            .empty());
  CHECK(structural("type: object\nadditionalProperties: {type: string}\n") == R{"structural.additional-properties"});
  CHECK(structural("type: object\nproperties:\n  metadata: {type: object, properties: {name: {type: string, "
                   "maxLength: 20}}}\n")
            .empty());
  CHECK(structural("type: object\nproperties:\n  metadata: {type: object, description: d}\n") ==
        R{"structural.metadata"});
  CHECK(structural("type: object\nproperties:\n  metadata: {type: object, properties: {labels: {type: object}}}\n") ==
        R{"structural.metadata"});
}

TEST_CASE("schema patterns: RE2 (Go) syntax, not ECMAScript") {
  CHECK_FALSE(pattern_error("^\\pL+$"));  // Unicode classes: RE2 yes, std::regex no
  CHECK(pattern_matches("^\\pL+$", "\xC3\xA9t\xC3\xA9"));
  CHECK_FALSE(pattern_error("^(?<name>[a-z]+)$"));  // Go's named group spelling
  CHECK(pattern_matches("^(?<name>[a-z]+)$", "abc"));
  CHECK(pattern_error("^(?=lookahead)"));  // RE2 has no lookaround
  CHECK(pattern_error("[unclosed"));
  CHECK(pattern_matches("b", "abc"));  // unanchored, as Go's MatchString
  CHECK(structural("type: object\nproperties:\n  a: {type: string, pattern: '(?!x)'}\n") == R{"structural.pattern"});
  CHECK(structural("type: object\nproperties:\n  a: {type: string, pattern: '^[a-z]+$', default: ABC}\n") ==
        R{"structural.default"});
}

TEST_CASE("schema structural: CEL rules are named as not checked") {
  std::vector<Finding> errors, warnings;
  check_structural(YAML::Load("type: object\nx-kubernetes-validations: [{rule: 'self.a > 1'}]\n"), "s",
                   Sink{&errors, nullptr}, Sink{&warnings, nullptr});
  CHECK(errors.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rule == "warn.cel-not-checked");
  CHECK(warnings[0].message.find("self.a > 1") != std::string::npos);
}

TEST_CASE("schema api_root: a spec without required fields defaults to {}; with them, spec is required") {
  YAML::Node open = YAML::Load("properties: {a: {type: string, default: x}}");
  finish_spec(open);
  CHECK(open["type"].Scalar() == "object");
  CHECK(open["default"].IsMap());
  YAML::Node empty(YAML::NodeType::Map);
  finish_spec(empty);
  CHECK(empty["properties"].IsMap());
  YAML::Node strict = YAML::Load("type: object\nproperties: {a: {type: string}}\nrequired: [a]");
  finish_spec(strict);
  CHECK_FALSE(strict["default"]);

  YAML::Node root = YAML::Load("{}");
  fill_api_root(root, open);
  CHECK(root["type"].Scalar() == "object");
  CHECK_FALSE(root["required"]);
  YAML::Node strict_root = YAML::Load("{}");
  fill_api_root(strict_root, strict);
  REQUIRE(strict_root["required"].size() == 1);
  CHECK(strict_root["required"][0].Scalar() == "spec");
}
