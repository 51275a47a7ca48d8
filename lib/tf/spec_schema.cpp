#include "tf/spec_schema.hpp"

#include "util/json_yaml.hpp"
#include "yamledit/emit.hpp"

namespace kratix::tf {

using nlohmann::json;

namespace {

YAML::Node preserve_unknown() {
  YAML::Node n(YAML::NodeType::Map);
  n["x-kubernetes-preserve-unknown-fields"] = true;
  return n;
}

YAML::Node typed(const char* type) {
  YAML::Node n(YAML::NodeType::Map);
  n["type"] = type;
  return n;
}

bool same(const YAML::Node& a, const YAML::Node& b) { return yamledit::emit_yaml(a) == yamledit::emit_yaml(b); }

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

}  // namespace

YAML::Node type_schema(const Type& t) {
  switch (t.kind) {
    case Type::Kind::String: return typed("string");
    case Type::Kind::Number: return typed("number");
    case Type::Kind::Bool: return typed("boolean");
    case Type::Kind::Any: return preserve_unknown();
    case Type::Kind::List:
    case Type::Kind::Set: {
      YAML::Node n = typed("array");
      YAML::Node items = type_schema(t.elements.at(0));
      if (t.kind == Type::Kind::Set && items["type"]) {
        // A set's items must be scalars or atomic for the API server.
        const std::string it = items["type"].Scalar();
        if (it == "object") items["x-kubernetes-map-type"] = "atomic";
        if (it == "array") items["x-kubernetes-list-type"] = "atomic";
        n["items"] = items;
        n["x-kubernetes-list-type"] = "set";
      } else {
        n["items"] = items;
      }
      return n;
    }
    case Type::Kind::Tuple: {
      YAML::Node n = typed("array");
      YAML::Node items;
      bool uniform = !t.elements.empty();
      for (const auto& e : t.elements) {
        YAML::Node s = type_schema(e);
        if (!items.IsDefined() || items.IsNull()) {
          items = s;
        } else if (!same(items, s)) {
          uniform = false;
        }
      }
      n["items"] = uniform ? items : preserve_unknown();
      n["minItems"] = t.elements.size();
      n["maxItems"] = t.elements.size();
      return n;
    }
    case Type::Kind::Map: {
      if (t.elements.at(0).kind == Type::Kind::Any) {
        YAML::Node n = typed("object");
        n["x-kubernetes-preserve-unknown-fields"] = true;
        return n;
      }
      YAML::Node n = typed("object");
      n["additionalProperties"] = type_schema(t.elements[0]);
      return n;
    }
    case Type::Kind::Object: {
      YAML::Node n = typed("object");
      if (t.attributes.empty()) return n;
      YAML::Node props(YAML::NodeType::Map);
      YAML::Node required(YAML::NodeType::Sequence);
      for (const auto& a : t.attributes) {
        YAML::Node s = type_schema(a.type);
        if (a.default_value) s["default"] = util::json_to_yaml(*a.default_value);
        props[a.name] = s;
        if (!a.optional) required.push_back(yamledit::string_node(a.name));
      }
      n["properties"] = props;
      if (required.size() > 0) n["required"] = required;
      return n;
    }
  }
  return preserve_unknown();
}

YAML::Node spec_schema(const std::vector<Variable>& variables) {
  YAML::Node spec = typed("object");
  YAML::Node props(YAML::NodeType::Map);
  YAML::Node required(YAML::NodeType::Sequence);
  for (const auto& v : variables) {
    const Type type = v.type ? *v.type : v.has_default ? inferred(v.default_value) : simple(Type::Kind::Any);
    YAML::Node s = type_schema(type);
    const std::string d = describe(v);
    if (!d.empty()) s["description"] = yamledit::string_node(d);
    if (v.has_default && !v.default_value.is_null()) s["default"] = util::json_to_yaml(v.default_value);
    if (v.has_default && v.default_value.is_null() && v.nullable != false) s["nullable"] = true;
    if (!v.has_default) required.push_back(yamledit::string_node(v.name));
    props[v.name] = s;
  }
  spec["properties"] = props;
  if (required.size() > 0) {
    spec["required"] = required;
  } else {
    spec["default"] = YAML::Load("{}");
  }
  return spec;
}

}  // namespace kratix::tf
