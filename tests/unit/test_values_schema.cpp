#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "helm/values_schema.hpp"
#include "util/nesting.hpp"
#include "yamledit/emit.hpp"

using kratix::helm::SchemaSources;
using kratix::helm::spec_schema_from_chart;

namespace {

YAML::Node schema_of(const std::string& values, const std::string& json, std::vector<std::string>* notes = nullptr) {
  SchemaSources s;
  s.values_yaml = values;
  s.values_schema_json = json;
  return spec_schema_from_chart(s, [&](const std::string& n) {
    if (notes) notes->push_back(n);
  });
}

std::string failure(const std::string& values, const std::optional<std::string>& json) {
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

// {"$defs": {"node": {properties: {left: node, right: node}}}} and more of that.
const char* kTwiceRecursive = R"({
  "$defs": {"node": {"type": "object", "properties": {
    "left": {"$ref": "#/$defs/node"}, "right": {"$ref": "#/$defs/node"}, "label": {"type": "string"}}}},
  "properties": {"tree": {"$ref": "#/$defs/node"}}
})";

}  // namespace

TEST_CASE("values schema: a definition that refers to itself twice becomes free-form, with a note") {
  std::vector<std::string> notes;
  YAML::Node s = schema_of("tree:\n  label: root\n", kTwiceRecursive, &notes);
  YAML::Node tree = s["properties"]["tree"];
  CHECK(tree["properties"]["label"]["type"].as<std::string>() == "string");
  CHECK(tree["properties"]["left"]["x-kubernetes-preserve-unknown-fields"].as<bool>());
  CHECK(!tree["properties"]["left"]["properties"]);
  CHECK(std::count_if(notes.begin(), notes.end(),
                      [](const std::string& n) { return n.find("recursive type") != std::string::npos; }) == 2);
}

TEST_CASE("values schema: values.yaml goes as deep into a recursive type as it is written") {
  YAML::Node s = schema_of("tree:\n  left:\n    left:\n      label: deep\n", kTwiceRecursive);
  YAML::Node deep = s["properties"]["tree"]["properties"]["left"]["properties"]["left"];
  CHECK(deep["properties"]["label"]["default"].as<std::string>() == "deep");
  CHECK(deep["properties"]["right"]["x-kubernetes-preserve-unknown-fields"].as<bool>());
}

TEST_CASE("values schema: $ref chains and self-references end") {
  YAML::Node s = schema_of("a: 1\n", R"({"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"$ref": "#/$defs/x"},
    "z": {"$ref": "#/$defs/z"}}, "properties": {"a": {"$ref": "#/$defs/x"}, "b": {"$ref": "#/$defs/z"}}})");
  CHECK(s["properties"]["a"]["type"].as<std::string>() == "integer");
  CHECK(s["properties"]["b"]["x-kubernetes-preserve-unknown-fields"].as<bool>());
}

TEST_CASE("values schema: a schema that expands exponentially without a cycle is refused") {
  // d0 holds d1 twice, d1 holds d2 twice, ... 2^40 nodes if expanded.
  std::string defs;
  for (int i = 0; i < 40; ++i)
    defs += "\"d" + std::to_string(i) + "\": {\"properties\": {\"a\": {\"$ref\": \"#/$defs/d" + std::to_string(i + 1) +
            "\"}, \"b\": {\"$ref\": \"#/$defs/d" + std::to_string(i + 1) + "\"}}},";
  defs += "\"d40\": {\"type\": \"string\"}";
  const std::string json = "{\"$defs\": {" + defs + "}, \"properties\": {\"x\": {\"$ref\": \"#/$defs/d0\"}}}";
  CHECK(failure("", json).find("values.schema.json: expands to more than") == 0);
}

TEST_CASE("values schema: a $ref that is not a string is an error at its place") {
  CHECK(failure("a: 1\n", "{\n  \"properties\": {\n    \"a\": {\"$ref\": 5}\n  }\n}") ==
        "values.schema.json:3:19: $ref is number, not a reference such as \"#/$defs/name\"; fix the chart's schema");
}

TEST_CASE("values schema: malformed JSON is reported at its line and column, without the library's words") {
  std::string e = failure("", "{\n  \"a\": [1, 2,,]\n}");
  INFO(e);
  CHECK(e.find("values.schema.json:2:14: not valid JSON: ") == 0);
  CHECK(e.find("json.exception") == std::string::npos);
  CHECK(e.find("fix the chart's schema") != std::string::npos);
}

TEST_CASE("values schema: nesting deeper than the bound, in values.yaml or values.schema.json") {
  std::string deep_json(300, '[');
  deep_json += std::string(300, ']');
  CHECK(failure("", "{\"default\": " + deep_json + "}")
            .find("values.schema.json:1:" + std::to_string(12 + kratix::util::kMaxNesting) +
                  ": nesting deeper than 256 levels") == 0);
  std::string deep_yaml = "a: " + std::string(300, '[') + std::string(300, ']') + "\n";
  CHECK(failure(deep_yaml, std::nullopt).find("values.yaml:1:") == 0);
  CHECK(failure(deep_yaml, std::nullopt).find("nesting deeper than 256 levels") != std::string::npos);
}

TEST_CASE("values schema: a YAML alias bomb in values.yaml is refused") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) bomb += ", " + prev;
    bomb += "]\n";
  }
  CHECK(failure(bomb, std::nullopt).find("values.yaml: holds more than 1000000 values") == 0);
}

TEST_CASE("values schema: a 50000-digit number in values.yaml is an integer") {
  YAML::Node s = schema_of("big: " + std::string(50000, '9') + "\n", "{}");
  CHECK(s["properties"]["big"]["type"].as<std::string>() == "integer");
}
