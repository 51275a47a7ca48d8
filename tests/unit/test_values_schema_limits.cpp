// Hostile values.yaml and values.schema.json (issue #13): recursion, expansion,
// malformed references, nesting and aliases end with a clear error or a
// free-form node, never a hang or a crash.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "helm/values_schema.hpp"

using kratix::helm::SchemaSources;
using kratix::helm::spec_schema_from_chart;
using nlohmann::ordered_json;

namespace {

ordered_json limited_schema(const std::string& values, const std::string& json,
                            std::vector<std::string>* notes = nullptr) {
  SchemaSources s;
  s.values_yaml = values;
  s.values_schema_json = json;
  return spec_schema_from_chart(s, [&](const std::string& n) {
    if (notes) notes->push_back(n);
  });
}

std::string limit_failure(const std::string& values, const std::optional<std::string>& json) {
  SchemaSources s;
  s.values_yaml = values;
  s.values_schema_json = json;
  try {
    spec_schema_from_chart(s);
  } catch (const kratix::Error& e) {
    return e.describe();
  }
  FAIL("accepted");
  return "";
}

// {"$defs": {"node": {properties: {left: node, right: node}}}}: a tree type.
const char* kTwiceRecursive = R"({
  "$defs": {"node": {"type": "object", "properties": {
    "left": {"$ref": "#/$defs/node"}, "right": {"$ref": "#/$defs/node"}, "label": {"type": "string"}}}},
  "properties": {"tree": {"$ref": "#/$defs/node"}}
})";

bool free_form(const ordered_json& s) {
  return s.is_object() && s.value("x-kubernetes-preserve-unknown-fields", false) && !s.contains("properties");
}

}  // namespace

TEST_CASE("values schema limits: a definition that refers to itself twice ends free-form") {
  ordered_json s = limited_schema("tree:\n  label: root\n", kTwiceRecursive);
  const ordered_json& tree = s["properties"]["tree"];
  CHECK(tree["properties"]["label"]["type"] == "string");
  CHECK(free_form(tree["properties"]["left"]));
}

TEST_CASE("values schema limits: $ref chains and self-references end") {
  ordered_json s = limited_schema("a: 1\n", R"({"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"$ref": "#/$defs/x"},
    "z": {"$ref": "#/$defs/z"}}, "properties": {"a": {"$ref": "#/$defs/x"}, "b": {"$ref": "#/$defs/z"}}})");
  CHECK(s["properties"]["a"]["type"] == "integer");
}

TEST_CASE("values schema limits: a schema that expands exponentially without a cycle ends") {
  // d0 holds d1 twice, d1 holds d2 twice, ... 2^40 nodes if expanded.
  std::string defs;
  for (int i = 0; i < 40; ++i)
    defs += "\"d" + std::to_string(i) + "\": {\"properties\": {\"a\": {\"$ref\": \"#/$defs/d" + std::to_string(i + 1) +
            "\"}, \"b\": {\"$ref\": \"#/$defs/d" + std::to_string(i + 1) + "\"}}},";
  defs += "\"d40\": {\"type\": \"string\"}";
  const std::string json = "{\"$defs\": {" + defs + "}, \"properties\": {\"x\": {\"$ref\": \"#/$defs/d0\"}}}";
  SchemaSources s;
  s.values_schema_json = json;
  try {
    ordered_json out = spec_schema_from_chart(s);
    CHECK(out.dump().size() < 50u * 1024 * 1024);
  } catch (const kratix::Error& e) {
    CHECK(std::string(e.describe()).find("values.schema.json") == 0);
  }
}

TEST_CASE("values schema limits: a $ref that is not a string is an error at its place") {
  CHECK(limit_failure("a: 1\n", "{\n  \"properties\": {\n    \"a\": {\"$ref\": 5}\n  }\n}") ==
        "values.schema.json:3:19: $ref is number, not a reference such as \"#/$defs/name\"; fix the chart's schema");
}

TEST_CASE("values schema limits: malformed JSON is reported in the file's name, without the library's words") {
  std::string e = limit_failure("", "{\n  \"a\": [1, 2,,]\n}");
  INFO(e);
  CHECK(e.find("values.schema.json") == 0);
  CHECK(e.find("json.exception") == std::string::npos);
}

TEST_CASE("values schema limits: nesting deeper than the bound in values.yaml is an error at its place") {
  std::string deep_yaml = "a: " + std::string(300, '[') + std::string(300, ']') + "\n";
  std::string e = limit_failure(deep_yaml, std::nullopt);
  INFO(e);
  CHECK(e.find("values.yaml:1:") == 0);
  CHECK(e.find("nesting deeper than") != std::string::npos);
}

TEST_CASE("values schema limits: a YAML alias bomb in values.yaml ends") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) bomb += ", " + prev;
    bomb += "]\n";
  }
  SchemaSources s;
  s.values_yaml = bomb;
  try {
    ordered_json out = spec_schema_from_chart(s);
    CHECK(out.dump().size() < 50u * 1024 * 1024);
  } catch (const kratix::Error& e) {
    CHECK(std::string(e.describe()).find("values.yaml") == 0);
  }
}

TEST_CASE("values schema limits: a 50000-digit number in values.yaml is read without exhausting the stack") {
  // Too large even for a float64, Helm's YAML reader (go-yaml) leaves it a string;
  // 30 digits fit a float64.
  ordered_json s = limited_schema("big: " + std::string(50000, '9') + "\nfloat: " + std::string(30, '9') + "\n", "{}");
  CHECK(s["properties"]["big"]["type"] == "string");
  CHECK(s["properties"]["float"]["type"] == "number");
}
