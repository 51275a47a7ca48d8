#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "helm/schema_yaml.hpp"
#include "helm/values_schema.hpp"

using kratix::helm::SchemaSources;
using nlohmann::ordered_json;

namespace {

ordered_json schema_of(const std::string& values, const std::string& schema_json = "") {
  SchemaSources s;
  s.values_yaml = values;
  if (!schema_json.empty()) s.values_schema_json = schema_json;
  return kratix::helm::spec_schema_from_chart(s);
}

ordered_json props(const ordered_json& s) { return s.at("properties"); }

}  // namespace

TEST_CASE("helm schema A: [integer, string, null] is int-or-string and nullable, never also free-form") {
  auto s =
      schema_of("minAvailable: 1\n", R"({"properties": {"minAvailable": {"type": ["integer", "string", "null"]}}})");
  CHECK(props(s)["minAvailable"] == ordered_json::parse(R"({"nullable": true, "x-kubernetes-int-or-string": true,
                                                            "default": 1})"));
}

TEST_CASE("helm schema B: [string, null] with null in its enum keeps the enum and lets the chart's null through") {
  auto s = schema_of("strategy:\nmode: keep\n", R"({"properties": {
      "strategy": {"type": ["string", "null"], "enum": ["keep", "delete", null]},
      "mode": {"type": ["string", "null"], "enum": ["keep", "delete", null]}}})");
  // The API server checks enum on null even when nullable: without nullable it drops the null first.
  CHECK(props(s)["strategy"] == ordered_json::parse(R"({"type": "string", "enum": ["keep", "delete"]})"));
  CHECK(props(s)["mode"] ==
        ordered_json::parse(R"({"type": "string", "enum": ["keep", "delete"], "default": "keep"})"));
}

TEST_CASE("helm schema C and I: values.schema.json defaults are never copied; values.yaml's value is the default") {
  auto s = schema_of("extraArgs: []\nreplicaCount: 1\nenabled: true\n", R"({"properties": {
      "extraArgs": {"type": "array", "default": "[]"},
      "replicaCount": {"type": "integer", "default": 0},
      "enabled": {"type": "boolean", "default": "true"},
      "absent": {"type": "string", "default": "REGISTRY_NAME"}}})");
  CHECK(props(s)["extraArgs"]["default"] == ordered_json::array());
  CHECK(props(s)["replicaCount"]["default"] == 1);
  CHECK(props(s)["enabled"]["default"] == true);
  CHECK_FALSE(props(s)["absent"].contains("default"));
}

TEST_CASE("helm schema F: no defaults below a list's items; the list's default is the whole list") {
  auto s = schema_of(
      "tolerations:\n  - key: a\n    effect: NoSchedule\n  - key: b\n    operator: Exists\n"
      "env:\n  - name: LOG\n    value: info\n");
  auto tol = props(s)["tolerations"];
  CHECK(tol["default"] ==
        ordered_json::parse(R"([{"key": "a", "effect": "NoSchedule"}, {"key": "b", "operator": "Exists"}])"));
  CHECK(tol["items"].dump().find("default") == std::string::npos);
  CHECK(props(s)["env"]["items"].dump().find("default") == std::string::npos);
  CHECK(props(s)["env"]["default"][0]["value"] == "info");
}

TEST_CASE("helm schema J: an empty map whose values the schema types keeps additionalProperties") {
  auto s = schema_of("podAnnotations: {}\nnodeSelector:\n  kubernetes.io/os: linux\n", R"({"properties": {
      "podAnnotations": {"type": "object", "additionalProperties": {"type": "string"}},
      "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}}}})");
  CHECK(props(s)["podAnnotations"] ==
        ordered_json::parse(R"({"type": "object", "additionalProperties": {"type": "string"}, "default": {}})"));
  CHECK_FALSE(props(s)["nodeSelector"].contains("properties"));
  CHECK(props(s)["nodeSelector"]["additionalProperties"] == ordered_json::parse(R"({"type": "string"})"));
  CHECK(props(s)["nodeSelector"]["default"] == ordered_json::parse(R"({"kubernetes.io/os": "linux"})"));
}

TEST_CASE("helm schema K: list items take the types of all elements, not the first only") {
  auto s = schema_of(
      "relabelings:\n  - regex: true\n    action: keep\n  - regex: '(.*)'\n    target: x\n"
      "ports: [80, 8080.5]\n");
  auto item = props(s)["relabelings"]["items"];
  CHECK(item["properties"]["regex"] == ordered_json::parse(R"({"x-kubernetes-preserve-unknown-fields": true})"));
  CHECK(item["properties"]["action"]["type"] == "string");
  CHECK(item["properties"]["target"]["type"] == "string");
  CHECK(props(s)["ports"]["items"] == ordered_json::parse(R"({"type": "number"})"));
}

TEST_CASE("helm schema D: merge keys are resolved, not a literal '<<' property") {
  auto s = schema_of(
      "base: &base\n  image: nginx\n  port: 80\n"
      "web:\n  <<: *base\n  port: 8080\n"
      "both:\n  <<: [*base, {extra: 1}]\n");
  auto web = props(s)["web"];
  CHECK_FALSE(web["properties"].contains("<<"));
  CHECK(web["properties"]["image"]["default"] == "nginx");
  CHECK(web["properties"]["port"]["default"] == 8080);
  CHECK(props(s)["both"]["properties"]["extra"]["default"] == 1);
  CHECK(props(s)["both"]["properties"]["port"]["default"] == 80);
}

TEST_CASE("helm schema: an alias stands for its anchor's value, lists included") {
  auto s = schema_of("ports: &ports [80, 443]\nother: *ports\nempty: &none []\nsame: *none\n",
                     R"({"properties": {"same": {"type": "array", "items": {"type": "string"}}}})");
  CHECK(props(s)["other"] == props(s)["ports"]);
  CHECK(props(s)["other"]["default"] == ordered_json::parse("[80, 443]"));
  CHECK(props(s)["same"]["items"] == ordered_json::parse(R"({"type": "string"})"));
}

TEST_CASE("helm schema E: a mixed scalar list gets items and a default that agree") {
  auto s = schema_of("args: [\"--port\", 8080]\nflags: [true, x]\n");
  CHECK(props(s)["args"] == ordered_json::parse(R"({"type": "array", "items": {"x-kubernetes-int-or-string": true},
                                                    "default": ["--port", 8080]})"));
  CHECK(props(s)["flags"]["items"] == ordered_json::parse(R"({"x-kubernetes-preserve-unknown-fields": true})"));
  CHECK(props(s)["flags"]["default"] == ordered_json::parse(R"([true, "x"])"));
}

TEST_CASE("helm schema G: a recursive $ref ends in a free-form value") {
  auto s = schema_of("tree: {}\n", R"({"$defs": {"node": {"type": "object", "properties": {
      "name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
      "properties": {"tree": {"$ref": "#/$defs/node"}}})");
  auto tree = props(s)["tree"];
  CHECK(tree["properties"]["name"]["type"] == "string");
  CHECK(tree["properties"]["children"]["items"] ==
        ordered_json::parse(R"({"x-kubernetes-preserve-unknown-fields": true})"));
}

TEST_CASE("helm schema: ## comments and trailing comments become descriptions") {
  auto s = schema_of(
      "## Deploy the alert manager\nalertmanager:\n  enabled: true  # turn it off to save memory\n"
      "## @param auth.enabled Enable authentication\nauth:\n  enabled: false\n");
  CHECK(props(s)["alertmanager"]["description"] == "Deploy the alert manager");
  CHECK(props(s)["alertmanager"]["properties"]["enabled"]["description"] == "turn it off to save memory");
  CHECK(props(s)["auth"]["properties"]["enabled"]["description"] == "Enable authentication");
}

TEST_CASE("helm schema: YAML 1.1 scalars as Helm reads them, and an object default {} only without required keys") {
  auto s = schema_of("a: yes\nb: 0x1F\nc: 017\nd: 1_000\ne: '1'\nf: 1e3\n");
  CHECK(props(s)["a"]["default"] == true);
  CHECK(props(s)["b"]["default"] == 31);
  CHECK(props(s)["c"]["default"] == 15);
  CHECK(props(s)["d"]["default"] == 1000);
  CHECK(props(s)["e"]["default"] == "1");
  CHECK(props(s)["f"]["type"] == "number");
  auto r = schema_of("auth:\n  user: x\n",
                     R"({"properties": {"auth": {"type": "object", "required": ["user", "password"]}}})");
  CHECK(props(r)["auth"]["required"] == ordered_json::parse(R"(["password"])"));
  CHECK_FALSE(props(r)["auth"].contains("default"));
}

TEST_CASE("helm schema: malformed values.yaml is an error at its place") {
  SchemaSources s;
  s.values_yaml = "a: [unclosed\n";
  s.values_file = "chart/values.yaml";
  try {
    kratix::helm::spec_schema_from_chart(s);
    FAIL("no error");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().rfind("chart/values.yaml:1:", 0) == 0);
  }
}

TEST_CASE("helm schema YAML: strings that read as something else are quoted, floats keep a '.'") {
  auto text = kratix::helm::schema_yaml(ordered_json::parse(
      R"({"a": "true", "b": "123", "c": 1e-05, "d": 2.0, "e": "two\nlines\n", "f": [{"x": 1}], "g": []})"));
  CHECK(text == "a: 'true'\nb: '123'\nc: 1.0e-05\nd: 2.0\ne: |\n  two\n  lines\nf:\n  - x: 1\ng: []\n");
}
