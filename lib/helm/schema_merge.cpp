// Merging the schemas of a list's elements, and checking defaults against a schema.
#include "helm/schema_build.hpp"

namespace kratix::helm::detail {

std::string kind_of_schema(const ordered_json& s) {
  if (s.value("x-kubernetes-int-or-string", false)) return "int-or-string";
  if (s.contains("type") && s["type"].is_string()) return s["type"].get<std::string>();
  return "free-form";
}

namespace {

void keep_nullable_and_description(ordered_json& out, const ordered_json& a, const ordered_json& b) {
  if (a.value("nullable", false) || b.value("nullable", false)) out["nullable"] = true;
  if (a.contains("description"))
    out["description"] = a["description"];
  else if (b.contains("description"))
    out["description"] = b["description"];
}

}  // namespace

ordered_json merge_schemas(ordered_json a, const ordered_json& b) {
  const std::string ka = kind_of_schema(a), kb = kind_of_schema(b);
  if (ka == kb && ka != "free-form") {
    if (ka == "object" && b.contains("properties")) {
      if (!a.contains("properties")) a["properties"] = ordered_json::object();
      auto& props = a["properties"];
      for (const auto& [key, sub] : b["properties"].items()) {
        if (props.contains(key))
          props[key] = merge_schemas(std::move(props[key]), sub);
        else
          props[key] = sub;
      }
      if (b.value("x-kubernetes-preserve-unknown-fields", false)) a["x-kubernetes-preserve-unknown-fields"] = true;
    }
    if (ka == "array" && a.contains("items") && b.contains("items"))
      a["items"] = merge_schemas(std::move(a["items"]), b["items"]);
    if (a.contains("enum") && b.contains("enum")) {
      for (const auto& e : b["enum"]) {
        if (std::find(a["enum"].begin(), a["enum"].end(), e) == a["enum"].end()) a["enum"].push_back(e);
      }
    } else {
      a.erase("enum");
    }
    keep_nullable_and_description(a, a, b);
    return a;
  }
  ordered_json out = ordered_json::object();
  auto either = [&](const char* x, const char* y) { return (ka == x && kb == y) || (ka == y && kb == x); };
  if (either("integer", "number")) {
    out = ka == "number" ? a : ordered_json(b);
    out.erase("enum");
  } else if (either("integer", "string") || either("int-or-string", "integer") || either("int-or-string", "string")) {
    out["x-kubernetes-int-or-string"] = true;
  } else {
    out["x-kubernetes-preserve-unknown-fields"] = true;
  }
  keep_nullable_and_description(out, a, b);
  return out;
}

bool fits(const ordered_json& schema, const ordered_json& v) {
  const std::string k = kind_of_schema(schema);
  if (v.is_null()) return schema.value("nullable", false) || k == "free-form";
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), v) == schema["enum"].end())
    return false;
  if (k == "free-form") return true;
  if (k == "int-or-string") return v.is_number_integer() || v.is_string();
  if (k == "string") return v.is_string();
  if (k == "integer") return v.is_number_integer();
  if (k == "number") return v.is_number();
  if (k == "boolean") return v.is_boolean();
  if (k == "array") {
    if (!v.is_array()) return false;
    const ordered_json& items = schema.contains("items") ? schema["items"] : ordered_json::object();
    for (const auto& e : v) {
      if (!fits(items, e)) return false;
    }
    return true;
  }
  if (k == "object") {
    if (!v.is_object()) return false;
    const bool preserve = schema.value("x-kubernetes-preserve-unknown-fields", false);
    for (const auto& [key, x] : v.items()) {
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        if (!fits(schema["properties"][key], x)) return false;
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        if (!fits(schema["additionalProperties"], x)) return false;
      } else if (!preserve) {
        return false;  // pruned: the API server refuses a default that pruning changes
      }
    }
    if (schema.contains("required")) {
      for (const auto& r : schema["required"]) {
        if (!v.contains(r.get<std::string>())) return false;
      }
    }
    return true;
  }
  return false;
}

}  // namespace kratix::helm::detail
