#include "tf/spec_schema.hpp"

#include "yamledit/emit.hpp"
#include "yamledit/json_yaml.hpp"

namespace kratix::tf {

using nlohmann::json;

namespace {

Type simple(Type::Kind k) {
  Type t;
  t.kind = k;
  return t;
}

// The type Terraform would see in an untyped variable's default, as far as a
// schema can say it: scalars, and lists and maps of one scalar type.
Type inferred(const json& v) {
  if (v.is_string()) return simple(Type::Kind::String);
  if (v.is_boolean()) return simple(Type::Kind::Bool);
  if (v.is_number()) return simple(Type::Kind::Number);
  if (v.is_array() || v.is_object()) {
    std::optional<Type::Kind> common;
    bool uniform = true;
    for (const auto& item : v) {
      if (!(item.is_string() || item.is_boolean() || item.is_number())) {
        uniform = false;
        break;
      }
      const Type::Kind k = inferred(item).kind;
      if (common && *common != k) uniform = false;
      common = k;
    }
    Type t = simple(v.is_array() ? Type::Kind::List : Type::Kind::Map);
    t.elements.push_back(uniform && common ? simple(*common) : simple(Type::Kind::Any));
    return t;
  }
  return simple(Type::Kind::Any);
}

std::string describe(const Variable& v) {
  std::string d = v.description;
  auto add = [&](const std::string& line) { d += (d.empty() ? "" : "\n") + line; };
  if (v.sensitive) add("Sensitive: Terraform keeps this value out of plans and logs.");
  for (const auto& val : v.validations)
    add("Validation: " + val.condition + (val.error_message.empty() ? "" : " (" + val.error_message + ")"));
  return d;
}

// Writes the schema of `t` into `n`, a node inside the tree being built (made
// in place, so that yaml-cpp never has to merge separately built trees).
void fill(const Type& t, YAML::Node n) {
  switch (t.kind) {
    case Type::Kind::String: n["type"] = "string"; return;
    case Type::Kind::Number: n["type"] = "number"; return;
    case Type::Kind::Bool: n["type"] = "boolean"; return;
    case Type::Kind::Any: n["x-kubernetes-preserve-unknown-fields"] = true; return;
    case Type::Kind::List:
    case Type::Kind::Set: {
      n["type"] = "array";
      const Type& e = t.elements.at(0);
      YAML::Node items = n["items"];
      fill(e, items);
      if (t.kind == Type::Kind::Set && e.kind != Type::Kind::Any) {
        // A set's items must be scalars or atomic for the API server.
        if (e.kind == Type::Kind::Object || e.kind == Type::Kind::Map) items["x-kubernetes-map-type"] = "atomic";
        if (e.kind == Type::Kind::List || e.kind == Type::Kind::Set || e.kind == Type::Kind::Tuple)
          items["x-kubernetes-list-type"] = "atomic";
        n["x-kubernetes-list-type"] = "set";
      }
      return;
    }
    case Type::Kind::Tuple: {
      n["type"] = "array";
      bool uniform = !t.elements.empty();
      for (const auto& e : t.elements) uniform = uniform && e.str() == t.elements[0].str();
      if (uniform) {
        fill(t.elements[0], n["items"]);
      } else {
        n["items"]["x-kubernetes-preserve-unknown-fields"] = true;
      }
      n["minItems"] = t.elements.size();
      n["maxItems"] = t.elements.size();
      return;
    }
    case Type::Kind::Map:
      n["type"] = "object";
      if (t.elements.at(0).kind == Type::Kind::Any) {
        n["x-kubernetes-preserve-unknown-fields"] = true;
      } else {
        fill(t.elements[0], n["additionalProperties"]);
      }
      return;
    case Type::Kind::Object: {
      n["type"] = "object";
      if (t.attributes.empty()) return;
      YAML::Node props = n["properties"];
      for (const auto& a : t.attributes) {
        YAML::Node s = props[a.name];
        fill(a.type, s);
        if (a.default_value) s["default"] = yamledit::json_to_yaml(*a.default_value);
      }
      for (const auto& a : t.attributes)
        if (!a.optional) n["required"].push_back(yamledit::string_node(a.name));
      return;
    }
  }
}

}  // namespace

YAML::Node type_schema(const Type& t) {
  YAML::Node n(YAML::NodeType::Map);
  fill(t, n);
  return n;
}

YAML::Node spec_schema(const std::vector<Variable>& variables) {
  YAML::Node spec(YAML::NodeType::Map);
  spec["type"] = "object";
  YAML::Node props = spec["properties"];
  bool any_required = false;
  for (const auto& v : variables) {
    const Type type = v.type ? *v.type : v.has_default ? inferred(v.default_value) : simple(Type::Kind::Any);
    YAML::Node s = props[v.name];
    fill(type, s);
    const std::string d = describe(v);
    if (!d.empty()) s["description"] = yamledit::string_node(d);
    if (v.has_default && !v.default_value.is_null()) s["default"] = yamledit::json_to_yaml(v.default_value);
    if (v.has_default && v.default_value.is_null() && v.nullable != false) s["nullable"] = true;
    any_required = any_required || !v.has_default;
  }
  if (variables.empty()) spec["properties"] = YAML::Node(YAML::NodeType::Map);
  if (any_required) {
    for (const auto& v : variables)
      if (!v.has_default) spec["required"].push_back(yamledit::string_node(v.name));
  } else {
    spec["default"] = YAML::Node(YAML::NodeType::Map);
  }
  return spec;
}

}  // namespace kratix::tf
