#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "tf/spec_schema.hpp"
#include "tf/variables.hpp"
#include "yamledit/emit.hpp"

using namespace kratix;
using namespace kratix::tf;

namespace {

ModuleInterface read(const std::string& text, const std::string& name = "variables.tf") {
  return read_module_interface({{name, text}}, "mod");
}

std::string error_of(const std::map<std::string, std::string>& files) {
  try {
    read_module_interface(files, "mod");
  } catch (const Error& e) {
    return e.describe();
  }
  return "";
}

std::string schema_of(const std::string& type) {
  return yamledit::emit_yaml(type_schema(*read("variable \"v\" {\n  type = " + type + "\n}\n").variables.at(0).type));
}

}  // namespace

TEST_CASE("tf: types are parsed and spelled back") {
  for (const char* t :
       {"string", "number", "bool", "any", "list(string)", "set(number)", "map(bool)", "tuple([string, number])",
        "object({a = string, b = optional(list(any))})", "map(object({x = set(string)}))"}) {
    const auto m = read(std::string("variable \"v\" {\n  type = ") + t + "\n}\n");
    CHECK(m.variables.at(0).type->str() == t);
  }
  CHECK(read("variable \"v\" {\n  type = \"string\"\n}\n").variables[0].type->str() == "string");
  CHECK(read("variable \"v\" {\n  type = list\n}\n").variables[0].type->str() == "list(any)");
}

TEST_CASE("tf: every type form maps to a structural schema") {
  CHECK(schema_of("string") == "type: string\n");
  CHECK(schema_of("number") == "type: number\n");
  CHECK(schema_of("bool") == "type: boolean\n");
  CHECK(schema_of("any") == "x-kubernetes-preserve-unknown-fields: true\n");
  CHECK(schema_of("list(string)") == "type: array\nitems:\n  type: string\n");
  CHECK(schema_of("set(string)") == "type: array\nitems:\n  type: string\nx-kubernetes-list-type: set\n");
  CHECK(schema_of("set(object({a = string}))") ==
        "type: array\nitems:\n  type: object\n  properties:\n    a:\n      type: string\n  required:\n    - a\n"
        "  x-kubernetes-map-type: atomic\nx-kubernetes-list-type: set\n");
  CHECK(schema_of("set(list(number))") ==
        "type: array\nitems:\n  type: array\n  items:\n    type: number\n  x-kubernetes-list-type: atomic\n"
        "x-kubernetes-list-type: set\n");
  CHECK(schema_of("map(number)") == "type: object\nadditionalProperties:\n  type: number\n");
  CHECK(schema_of("map(any)") == "type: object\nx-kubernetes-preserve-unknown-fields: true\n");
  CHECK(schema_of("tuple([string, string])") == "type: array\nitems:\n  type: string\nminItems: 2\nmaxItems: 2\n");
  CHECK(schema_of("tuple([string, number])") ==
        "type: array\nitems:\n  x-kubernetes-preserve-unknown-fields: true\nminItems: 2\nmaxItems: 2\n");
  CHECK(schema_of("object({name = string, port = optional(number, 80), tags = optional(map(string))})") ==
        "type: object\nproperties:\n  name:\n    type: string\n  port:\n    type: number\n    default: 80\n"
        "  tags:\n    type: object\n    additionalProperties:\n      type: string\nrequired:\n  - name\n");
  CHECK(schema_of("object({})") == "type: object\n");
}

TEST_CASE("tf: variables without a default are required; defaults, sensitive, validation and nullable") {
  const auto m = read(
      "variable \"name\" {\n  type = string\n  description = \"The name\"\n  sensitive = true\n"
      "  validation {\n    condition     = length(var.name) > 3\n    error_message = \"Too short.\"\n  }\n}\n"
      "variable \"size\" {\n  type    = number\n  default = \"3\"\n  nullable = false\n}\n"
      "variable \"zone\" {\n  type    = string\n  default = null\n}\n"
      "variable \"labels\" {\n  type = map(string)\n  default = { a = 1, b = true }\n}\n"
      "variable \"untyped\" {\n  default = [\"a\", \"b\"]\n}\n"
      "variable \"free\" {}\n");
  const std::string out = yamledit::emit_yaml(spec_schema(m.variables));
  CHECK(out ==
        "type: object\n"
        "properties:\n"
        "  name:\n    type: string\n"
        "    description: |-\n      The name\n      Sensitive: Terraform keeps this value out of plans and logs.\n"
        "      Validation: length(var.name) > 3 (Too short.)\n"
        "  size:\n    type: number\n    default: 3\n"
        "  zone:\n    type: string\n    nullable: true\n"
        "  labels:\n    type: object\n    additionalProperties:\n      type: string\n"
        "    default:\n      a: '1'\n      b: 'true'\n"
        "  untyped:\n    type: array\n    items:\n      type: string\n    default:\n      - a\n      - b\n"
        "  free:\n    x-kubernetes-preserve-unknown-fields: true\n"
        "required:\n  - name\n  - free\n");
  const auto none = read("variable \"a\" {\n  default = 1\n}\n");
  CHECK(yamledit::emit_yaml(spec_schema(none.variables)) ==
        "type: object\nproperties:\n  a:\n    type: number\n    default: 1\ndefault: {}\n");
}

TEST_CASE("tf: object defaults are converted as Terraform converts them") {
  const auto m = read(
      "variable \"db\" {\n"
      "  type = object({ name = string, port = optional(number, 5432), extra = optional(string) })\n"
      "  default = { name = \"pg\", unknown = 1 }\n}\n");
  CHECK(m.variables[0].default_value.dump() == R"({"name":"pg","port":5432})");
  CHECK(error_of({{"v.tf", "variable \"db\" {\n  type = object({ name = string })\n  default = {}\n}\n"}}) ==
        "mod/v.tf:3:13: the default of variable db does not fit its type object({name = string}): attribute name "
        "is required");
  CHECK(error_of({{"v.tf", "variable \"n\" {\n  type = number\n  default = \"x\"\n}\n"}}) ==
        "mod/v.tf:3:13: the default of variable n does not fit its type number: \"x\" is not a number");
  CHECK(error_of({{"v.tf", "variable \"t\" {\n  type = tuple([string])\n  default = [1, 2]\n}\n"}})
            .find("a list of exactly 1 elements") != std::string::npos);
}

TEST_CASE("tf: every .tf file is read, override files apply, outputs are listed") {
  const auto m = read_module_interface(
      {{"a.tf",
        "variable \"one\" {\n  type = string\n}\noutput \"id\" {\n  value = 1\n  description = \"The id\"\n}\n"},
       {"b.tf", "variable \"two\" {\n  default = true\n}\n"},
       {"b_override.tf", "variable \"one\" {\n  default = \"x\"\n}\n"},
       {"README.md", "variable \"not\" {}\n"}},
      "mod");
  REQUIRE(m.variables.size() == 2);
  CHECK(m.variables[0].name == "one");
  CHECK(m.variables[0].has_default);
  CHECK(m.variables[0].default_value == "x");
  CHECK(m.variables[1].name == "two");
  REQUIRE(m.outputs.size() == 1);
  CHECK(m.outputs[0].description == "The id");
}

TEST_CASE("tf: bad variables are errors at FILE:LINE:COL") {
  CHECK(error_of({{"v.tf", "variable \"a\" {\n  type = strng\n}\n"}}) ==
        "mod/v.tf:2:10: unknown type strng; a type is string, number, bool, any, list(T), set(T), map(T), "
        "tuple([T, ...]) or object({name = T, ...})");
  CHECK(error_of({{"v.tf", "variable \"a\" {\n  default = var.b\n}\n"}}) ==
        "mod/v.tf:2:13: the default of variable a must be a literal value, not var.b (Terraform allows no "
        "references, functions or ${...} here)");
  CHECK(error_of({{"v.tf", "variable \"a\" {\n  type = list(optional(string))\n}\n"}}) ==
        "mod/v.tf:2:15: optional() is only allowed for an attribute of object({...})");
  CHECK(error_of({{"a.tf", "variable \"a\" {}\n"}, {"b.tf", "\nvariable \"a\" {}\n"}}) ==
        "mod/b.tf:2:1: variable a is declared twice (first at mod/a.tf:1:1); remove or rename one");
  CHECK(error_of({{"v.tf", "variable \"a\" {\n  nullable = false\n  default = null\n}\n"}}) ==
        "mod/v.tf:3:13: variable a has nullable = false and default = null; give it a real default or drop nullable");
  CHECK(error_of({{"v.tf", "variable {\n}\n"}}) ==
        "mod/v.tf:1:1: a variable block takes exactly one name: variable \"NAME\" { ... }");
  CHECK(error_of({{"x_override.tf", "variable \"ghost\" {}\n"}}).find("which no other file of the module declares") !=
        std::string::npos);
}
