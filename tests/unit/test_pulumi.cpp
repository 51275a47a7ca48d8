#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "pulumi/component_schema.hpp"
#include "yamledit/emit.hpp"

using namespace kratix;
using namespace kratix::pulumi;

namespace {

std::string translate(const std::string& text, std::vector<std::string>* warnings = nullptr,
                      const std::string& component = "") {
  PackageSchema s = parse_package_schema(text, "schema.json");
  SpecSchema spec = component_spec_schema(s, select_component(s, component));
  if (warnings != nullptr) *warnings = spec.warnings;
  return yamledit::emit_yaml(spec.schema);
}

std::string error_of(const std::string& text, const std::string& component = "") {
  try {
    translate(text, nullptr, component);
  } catch (const Error& e) {
    return e.describe();
  }
  return "";
}

std::string component(const std::string& inputs, const std::string& extra = "", const std::string& required = "") {
  return R"({"resources": {"pkg:index:C": {"isComponent": true, "inputProperties": )" + inputs +
         (required.empty() ? "" : R"(, "requiredInputs": )" + required) + "}}" + extra + "}";
}

}  // namespace

TEST_CASE("pulumi: inputs become properties with descriptions, defaults, enums and required") {
  const std::string out = translate(component(
      R"({"size": {"type": "integer", "description": "How big", "default": 2},
          "tier": {"type": "string", "enum": [{"value": "small"}, {"value": "large"}]},
          "tags": {"type": "object", "additionalProperties": {"type": "string"}},
          "ids": {"type": "array", "items": {"type": "string"}},
          "token": {"type": "string", "secret": true}})",
      "", R"(["size", "tier", "ghost"])"));
  CHECK(out ==
        "properties:\n"
        "  ids:\n    items:\n      type: string\n    type: array\n"
        "  size:\n    default: 2\n    description: How big\n    type: integer\n"
        "  tags:\n    additionalProperties:\n      type: string\n    type: object\n"
        "  tier:\n    enum:\n      - small\n      - large\n    type: string\n"
        "  token:\n    description: 'Secret: Pulumi encrypts this value in its state.'\n    type: string\n"
        "required:\n  - size\n  - tier\n"
        "type: object\n");
}

TEST_CASE("pulumi: local refs are followed, external refs are free-form, YAML schemas read") {
  const std::string out = translate(
      "resources:\n  pkg:index:C:\n    isComponent: true\n    inputProperties:\n"
      "      net: {$ref: '#/types/pkg:index:Net'}\n"
      "      db: {$ref: '#/resources/pkg:index:Db'}\n"
      "      arn: {$ref: '/aws/v6.0.0/schema.json#/types/aws:iam:Role'}\n"
      "      any: {$ref: 'pulumi.json#/Any'}\n"
      "  pkg:index:Db:\n    inputProperties: {name: {type: string}}\n    requiredInputs: [name]\n"
      "types:\n  pkg:index:Net:\n    type: object\n    properties: {cidr: {type: string}}\n");
  CHECK(out ==
        "default: {}\n"
        "properties:\n"
        "  any:\n    x-kubernetes-preserve-unknown-fields: true\n"
        "  arn:\n    type: object\n    x-kubernetes-preserve-unknown-fields: true\n"
        "  db:\n    properties:\n      name:\n        type: string\n    required:\n      - name\n    type: object\n"
        "  net:\n    properties:\n      cidr:\n        type: string\n    type: object\n"
        "type: object\n");
}

TEST_CASE("pulumi: unsupported keywords are skipped with sorted warnings") {
  std::vector<std::string> w;
  translate(component(R"({"b": {"oneOf": [{"type": "string"}]}, "a": {"enum": ["x"]}, "c": {"type": "string"},
                          "d": {"type": "object", "properties": {"z": {"const": 1}}}})"),
            &w);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == "skipped unsupported schema path \"spec.a\" for component \"pkg:index:C\": enum without explicit type");
  CHECK(w[1] == "skipped unsupported schema path \"spec.b\" for component \"pkg:index:C\": keyword \"oneOf\"");
  CHECK(w[2] == "skipped unsupported schema path \"spec.d.z\" for component \"pkg:index:C\": keyword \"const\"");
}

TEST_CASE("pulumi: bad schemas are refused with the place") {
  CHECK(
      error_of(component(
          R"({"a": {"$ref": "#/types/pkg:index:A"}})",
          R"(, "types": {"pkg:index:A": {"type": "object", "properties": {"b": {"$ref": "#/types/pkg:index:B"}}},
                                          "pkg:index:B": {"type": "object", "properties": {"a": {"$ref": "#/types/pkg:index:A"}}}})")) ==
      "schema.json: component pkg:index:C, spec.a.b.a: the refs form a cycle (#/types/pkg:index:A -> "
      "#/types/pkg:index:B -> #/types/pkg:index:A), which a CRD schema cannot express; break the cycle in the schema");
  CHECK(error_of(component(R"({"a": {"type": "integer", "enum": [1, "two"]}})")) ==
        "schema.json: component pkg:index:C, spec.a: enum value \"two\" is not compatible with type \"integer\"");
  CHECK(error_of(component(R"({"a": {"$ref": "#/types/nope"}})")).find("unresolved ref #/types/nope") !=
        std::string::npos);
  CHECK(error_of(R"({"resources": {"a:b:C": {"isComponent": true}, "a:b:D": {"isComponent": true}}})") ==
        "schema.json has several components; choose one with --component: a:b:C, a:b:D");
  CHECK(error_of(R"({"resources": {"a:b:C": {"isComponent": true}}})", "a:b:X") ==
        "--component a:b:X is not a component of schema.json; its components are: a:b:C");
  CHECK(error_of(R"({"resources": {}})").find("holds no component resource") != std::string::npos);
  CHECK(error_of("{\n  \"resources\": [1,\n}").rfind("schema.json:3:1: not valid JSON", 0) == 0);
  CHECK(error_of(component(R"({"a": {"oneOf": []}})")).find("has no input property a CRD can express") !=
        std::string::npos);
}
