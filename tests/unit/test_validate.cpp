#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <tuple>

#include "temp_dir.hpp"
#include "validate/crd_check.hpp"
#include "validate/duration.hpp"
#include "validate/pattern.hpp"
#include "validate/schema_check.hpp"
#include "validate/validate.hpp"
#include "validate/values.hpp"

using namespace kratix::validate;

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

TEST_CASE("validate values: scalars are typed as Kubernetes reads YAML") {
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

TEST_CASE("validate schema: types, enums, ranges, patterns, required and unknown fields") {
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

TEST_CASE("validate schema: combinators and resource roots") {
  YAML::Node s = YAML::Load(
      "type: object\nproperties:\n  v: {anyOf: [{type: integer}, {type: string}]}\n  w: {oneOf: [{minimum: 0}, "
      "{maximum: 10}]}\n");
  CHECK(rules(YAML::Load("{v: 1, w: -5}"), s).empty());
  CHECK(rules(YAML::Load("{v: true}"), s) == R{"schema.any-of"});
  CHECK(rules(YAML::Load("{w: 5}"), s) == R{"schema.one-of"});
  YAML::Node root = YAML::Load("type: object\nproperties:\n  spec: {type: object}\n");
  CHECK(rules(YAML::Load("{apiVersion: a/v1, kind: K, metadata: {name: x}, spec: {}}"), root, true).empty());
}

TEST_CASE("validate structural: the API server's rules") {
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

TEST_CASE("validate structural: int-or-string anyOf, types, additionalProperties, metadata") {
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

TEST_CASE("validate patterns: RE2 (Go) syntax, not ECMAScript") {
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

TEST_CASE("validate structural: CEL rules are named as not checked") {
  std::vector<Finding> errors, warnings;
  check_structural(YAML::Load("type: object\nx-kubernetes-validations: [{rule: 'self.a > 1'}]\n"), "s",
                   Sink{&errors, nullptr}, Sink{&warnings, nullptr});
  CHECK(errors.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rule == "warn.cel-not-checked");
  CHECK(warnings[0].message.find("self.a > 1") != std::string::npos);
}

TEST_CASE("validate durations: Go's time.ParseDuration") {
  CHECK(parse_duration("10m") == 600);
  CHECK(parse_duration("+10m") == 600);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration(".5h") == 1800);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("-1m") == -60);
  CHECK_FALSE(parse_duration("10"));
  CHECK_FALSE(parse_duration("ten minutes"));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("1d"));
  CHECK(parse_duration("99999999999999999999999999999999999999h").has_value());  // no std::stod error
}

TEST_CASE("validate: a large dependency list read by the fast scanner gives the findings yaml-cpp would") {
  // Over 64 KiB of dependencies: a ConfigMap without a namespace (a warning),
  // a plain string (an error), then a workflow with a bad container name
  // below the list, whose line must still be right.
  std::string text =
      "apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n  name: big\nspec:\n  dependencies:\n";
  int line = 7;
  for (int i = 0; i < 1200; ++i, line += 5)
    text += "  - apiVersion: v1\n    kind: Secret\n    metadata: {name: s" + std::to_string(i) +
            ", namespace: n}\n    # a comment: with & and * in it\n    data: {k: dmFsdWU=}\n";
  int configmap_line = line;
  text += "  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n";
  int string_line = configmap_line + 4;
  text += "  - just a string\n";
  text +=
      "  workflows:\n    resource:\n      configure:\n      - apiVersion: platform.kratix.io/v1alpha1\n        kind: "
      "Pipeline\n        metadata: {name: p}\n        spec:\n          containers:\n          - {name: Bad_Name, "
      "image: 'a/b:1@sha256:" +
      std::string(64, 'a') + "'}\n";
  int container_line = string_line + 9;
  kratix::test::TempDir dir;
  std::ofstream(dir / "promise.yaml") << text;
  REQUIRE(text.size() > 64 * 1024);
  Report r = validate_promise({dir.path(), {}, ""});
  std::vector<std::tuple<std::string, std::string, int>> errors, warnings;
  for (const auto& f : r.errors) errors.emplace_back(f.rule, f.path, f.line);
  for (const auto& f : r.warnings) warnings.emplace_back(f.rule, f.path, f.line);
  std::sort(errors.begin(), errors.end());
  CHECK(errors == std::vector<std::tuple<std::string, std::string, int>>{
                      {"promise.type", "spec.dependencies[1201]", string_line},
                      {"webhook.container-name", "spec.workflows.resource.configure[0].spec.containers[0].name",
                       container_line}});
  CHECK(warnings == std::vector<std::tuple<std::string, std::string, int>>{
                        {"warn.dependency-namespace", "spec.dependencies[1200]", configmap_line}});
}
