// What the chart's values.schema.json adds to the schema made from its values.
#include <set>

#include "helm/schema_build.hpp"

namespace kratix::helm::detail {

namespace {

ordered_json to_ordered(const json& j) { return ordered_json::parse(j.dump()); }

// Keeps what describes a node whatever its type.
ordered_json keep_descriptive(const ordered_json& out) {
  ordered_json fresh = ordered_json::object();
  fresh.get_ref<ordered_json::object_t&>().reserve(8);
  for (const char* k : {"description", "nullable"}) {
    if (out.contains(k)) fresh[k] = out[k];
  }
  return fresh;
}

bool is_schema_object(const json& a) {
  return a.is_object() && (a.contains("type") || a.contains("$ref") || a.contains("properties") || a.contains("enum") ||
                           a.contains("items") || a.contains("additionalProperties"));
}

}  // namespace

const json* Builder::child(const json* s, const std::string& key) const {
  if (!s || !s->is_object()) return nullptr;
  if (s->contains("properties") && (*s)["properties"].is_object() && (*s)["properties"].contains(key))
    return &(*s)["properties"][key];
  if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object())
    return &(*s)["additionalProperties"];
  return nullptr;
}

const json* Builder::items_of(const json* s) const {
  if (s && s->is_object() && s->contains("items") && (*s)["items"].is_object()) return &(*s)["items"];
  return nullptr;
}

bool Builder::map_schema(const json* s) const {
  if (!s || !s->is_object() || !s->contains("additionalProperties")) return false;
  if (s->contains("properties") && (*s)["properties"].is_object() && !(*s)["properties"].empty()) return false;
  return is_schema_object((*s)["additionalProperties"]);
}

// values.schema.json wins over what the values suggest.
void Builder::apply_json(ordered_json& out, const json& s, const Place& at, ValueKind kind,
                         const yamledit::Node* value) {
  apply_type(out, s, at.path);
  apply_keywords(out, s, at.path);
  std::string k = kind_of_schema(out);
  if (k == "object") apply_object(out, s, at, value);
  // An empty list in values.yaml says nothing of its items: the schema does.
  if (k == "array" && items_of(&s) && (kind != ValueKind::Array || file_.items(*value).empty()))
    out["items"] = node(nullptr, items_of(&s), Place{at.path + "[]", false, at.depth + 1});
  if (s.contains("default")) note(at.path, "default dropped: Helm does not apply values.schema.json defaults");
  for (const char* dropped : {"if", "then", "else", "patternProperties", "dependencies", "dependentRequired",
                              "dependentSchemas", "additionalItems", "contains", "propertyNames", "uniqueItems",
                              "allOf", "anyOf", "oneOf", "not", "examples", "readOnly", "writeOnly", "deprecated"}) {
    if (s.contains(dropped))
      note(at.path, std::string(dropped) + " dropped (Kubernetes does not accept it in a CRD schema)");
  }
}

namespace {

// The JSON type of every value of an enum (or a const), when they share one.
std::string enum_type(const json& s) {
  json values = s.contains("const") ? json::array({s["const"]}) : s.value("enum", json::array());
  std::string type;
  for (const auto& v : values) {
    std::string t = v.is_string()           ? "string"
                    : v.is_boolean()        ? "boolean"
                    : v.is_number_integer() ? "integer"
                    : v.is_number()         ? "number"
                                            : "";
    if (v.is_null()) continue;
    if (t.empty() || (!type.empty() && t != type)) return "";
    type = t;
  }
  return type;
}

}  // namespace

void Builder::apply_type(ordered_json& out, const json& s, const std::string& path) {
  if (!s.contains("type")) {
    // {enum: [a, b]} or {const: v1} alone, for a key values.yaml leaves null: the type of its values.
    std::string t = kind_of_schema(out) == "free-form" ? enum_type(s) : "";
    if (!t.empty()) {
      out = keep_descriptive(out);
      out["type"] = t;
    }
    return;
  }
  std::set<std::string> types;
  const json& t = s["type"];
  if (t.is_string()) types.insert(t.get<std::string>());
  if (t.is_array()) {
    for (const auto& x : t) {
      if (x.is_string()) types.insert(x.get<std::string>());
    }
  }
  bool nullable = types.erase("null") > 0;
  if (types.count("integer") && types.count("number")) types.erase("integer");
  if (nullable) {
    out["nullable"] = true;
    note(path, "type [..., \"null\"] written as nullable: true");
  }
  if (types.size() == 1) {
    const std::string type = *types.begin();
    std::string have = out.contains("type") ? out["type"].get<std::string>() : "";
    if (have == "integer" && type == "number") {
      out["type"] = "number";
    } else if (have != type) {
      out = keep_descriptive(out);  // the schema's type: what belonged to the value's goes
      out["type"] = type;
      if (type == "object") out["x-kubernetes-preserve-unknown-fields"] = true;
    }
  } else if (types == std::set<std::string>{"integer", "string"}) {
    out = keep_descriptive(out);
    out["x-kubernetes-int-or-string"] = true;
    note(path, "type [integer, string] written as x-kubernetes-int-or-string: true");
  } else if (types.size() > 1) {
    ordered_json fresh = keep_descriptive(out);
    fresh["x-kubernetes-preserve-unknown-fields"] = true;
    out = std::move(fresh);
    note(path, "several types: written as free-form (x-kubernetes-preserve-unknown-fields)");
  }
}

void Builder::apply_keywords(ordered_json& out, const json& s, const std::string& path) {
  for (const char* k : {"description", "title"}) {
    if (s.contains(k) && s[k].is_string()) out[k] = s[k].get<std::string>();
  }
  const std::string k = kind_of_schema(out);
  auto copy = [&](std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      if (s.contains(key)) out[key] = to_ordered(s[key]);
    }
  };
  if (k == "string") copy({"pattern", "minLength", "maxLength", "format"});
  if (k == "int-or-string") copy({"pattern", "minLength", "maxLength"});
  if (k == "integer" || k == "number") {
    copy({"minimum", "maximum", "multipleOf"});
    for (const char* ex : {"exclusiveMinimum", "exclusiveMaximum"}) {
      if (!s.contains(ex)) continue;
      const json& v = s[ex];
      const bool lower = std::string(ex) == "exclusiveMinimum";
      if (v.is_number()) {  // draft 6+: the bound itself
        out[lower ? "minimum" : "maximum"] = to_ordered(v);
        out[ex] = true;
        note(path, std::string(ex) + ": N written as " + (lower ? "minimum" : "maximum") + ": N with " + ex + ": true");
      } else if (v.is_boolean()) {
        out[ex] = v.get<bool>();
      }
    }
  }
  if (k == "array") copy({"minItems", "maxItems"});
  if (k == "object") copy({"minProperties", "maxProperties"});
  // enum (and const): only values of the node's type; null is nullable's to allow.
  ordered_json candidates = ordered_json::array();
  if (s.contains("enum") && s["enum"].is_array()) candidates = to_ordered(s["enum"]);
  if (s.contains("const")) {
    candidates = ordered_json::array({to_ordered(s["const"])});
    note(path, "const written as a one-value enum");
  }
  if (!candidates.empty() && k != "free-form") {
    ordered_json type_only = out;
    type_only.erase("enum");
    ordered_json kept = ordered_json::array();
    for (const auto& e : candidates) {
      if (e.is_null()) continue;
      if (fits(type_only, e)) kept.push_back(e);
    }
    if (kept.size() < candidates.size()) note(path, "enum values of another type dropped");
    if (!kept.empty()) {
      out["enum"] = std::move(kept);
      // The API server checks enum on null too, whatever nullable says; without
      // nullable it drops a null before, which for Helm is the same as no value.
      if (out.contains("nullable")) note(path, "nullable dropped beside enum (a null is dropped instead)");
      out.erase("nullable");
    }
  }
}

void Builder::apply_object(ordered_json& out, const json& s, const Place& at, const yamledit::Node* value) {
  if (s.contains("required") && s["required"].is_array()) {
    // Helm checks `required` after merging the chart's values, so a key that
    // values.yaml sets is never missing: only the others stay required.
    std::set<std::string> set;
    if (value && file_.kind(*value) == ValueKind::Object) {
      for (const Member& m : file_.members(*value)) set.insert(m.key);
    }
    ordered_json req = ordered_json::array();
    for (const auto& r : s["required"]) {
      if (!r.is_string()) continue;
      if (set.count(r.get<std::string>())) {
        note(at.path, "required " + r.get<std::string>() + " dropped: values.yaml sets it, as Helm would");
        continue;
      }
      req.push_back(r.get<std::string>());
    }
    if (!req.empty()) out["required"] = std::move(req);
  }
  // Properties only the schema knows of.
  if (s.contains("properties") && s["properties"].is_object() && !out.contains("additionalProperties")) {
    if (!out.contains("properties")) out["properties"] = ordered_json::object();
    auto& props = out["properties"];
    for (const auto& [key, sub] : s["properties"].items()) {
      if (props.contains(key)) continue;
      std::string p = at.path.empty() ? key : at.path + "." + key;
      props[key] = node(nullptr, &sub, Place{p, at.defaults, at.depth + 1});
    }
  }
  if (!s.contains("additionalProperties")) return;
  const json& a = s["additionalProperties"];
  if (map_schema(&s) && !(out.contains("properties") && !out["properties"].empty())) {
    out.erase("properties");
    out.erase("x-kubernetes-preserve-unknown-fields");
    out["additionalProperties"] = node(nullptr, &a, Place{at.path + ".*", false, at.depth + 1});
  } else if (a.is_boolean() && !a.get<bool>()) {
    note(at.path, "additionalProperties: false dropped (Kubernetes prunes unknown fields instead)");
    out.erase("x-kubernetes-preserve-unknown-fields");
    if (!out.contains("properties")) out["properties"] = ordered_json::object();
  } else if (is_schema_object(a)) {
    note(at.path, "additionalProperties dropped: Kubernetes does not allow it beside properties");
  }
}

}  // namespace kratix::helm::detail
