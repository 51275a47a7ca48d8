#include "helm/values_schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.hpp"
#include "helm/values_comments.hpp"
#include "util/json_text.hpp"
#include "util/nesting.hpp"
#include "validate/values.hpp"
#include "yamledit/emit.hpp"
#include "yamledit/json_yaml.hpp"

namespace kratix::helm {

namespace {

using nlohmann::json;
using validate::ValueKind;

// Schema nodes one chart may expand to. $ref lets a small file describe a huge
// tree (a definition used twice by one used twice ...); real charts stay under
// a few thousand nodes.
constexpr std::size_t kMaxSchemaNodes = 200000;

// A key the API's YAML cannot hold (YAML reads keys of at most 1024 characters).
std::string too_long(const std::string& key) {
  return "key \"" + key.substr(0, 40) + "...\" is too long to be a YAML key (at most " +
         std::to_string(yamledit::kMaxKeyLength) + " characters); shorten it";
}

YAML::Node free_form() { return YAML::Load("{x-kubernetes-preserve-unknown-fields: true}"); }

YAML::Node to_yaml(const json& j) { return yamledit::json_to_yaml(j); }

class Builder {
 public:
  Builder(const SchemaSources& s, std::function<void(const std::string&)> note)
      : src_(s), note_(std::move(note)), docs_(values_docs(s.values_yaml)) {
    if (s.values_schema_json) {
      root_json_ = util::parse_json_file(*s.values_schema_json, s.schema_file, "fix the chart's schema");
      has_json_ = true;
    }
  }

  YAML::Node build() {
    YAML::Node values;
    try {
      values = YAML::Load(src_.values_yaml);
    } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own bound (500), past ours
      throw util::nesting_error({src_.values_file, e.mark.line + 1, e.mark.column + 1});
    } catch (const YAML::ParserException& e) {
      throw Error(SourceLocation{src_.values_file, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
    }
    util::check_yaml_nesting(values, src_.values_file);
    const json* js = has_json_ ? &root_json_ : nullptr;
    YAML::Node out = node(values.IsMap() ? values : YAML::Node(YAML::NodeType::Map), js, "", 0);
    // The top is an object with default {}: a request without spec gets the chart's defaults.
    out.remove("x-kubernetes-preserve-unknown-fields");
    out["type"] = "object";
    // default {} must itself be valid, which it is not when fields are required.
    if (!out["required"]) out["default"] = YAML::Load("{}");
    if (!out["properties"]) out["properties"] = YAML::Load("{}");
    return out;
  }

 private:
  void note(const std::string& path, const std::string& what) {
    if (note_) note_((path.empty() ? std::string("(spec)") : path) + ": " + what);
  }

  // Where a schema value is, for messages.
  SourceLocation where(const json* s) const {
    if (!src_.values_schema_json) return {src_.schema_file, 0, 0};
    return util::locate_json(*src_.values_schema_json, util::json_pointer_of(root_json_, s), src_.schema_file);
  }

  // Follows $ref within the schema file (a chain of them too); a chain that
  // comes back to where it started is left as it is.
  const json* resolve(const json* s) {
    for (int hops = 0; s && s->is_object() && s->contains("$ref") && hops < 64; ++hops) {
      const json& r = (*s)["$ref"];
      if (!r.is_string())
        throw Error(where(&r), "$ref is " + std::string(r.type_name()) +
                                   ", not a reference such as \"#/$defs/name\"; fix the chart's schema");
      const std::string& ref = r.get_ref<const std::string&>();
      if (!ref.starts_with("#/")) return s;
      const json* at = &root_json_;
      size_t pos = 2;
      while (pos <= ref.size()) {
        size_t slash = ref.find('/', pos);
        std::string part = ref.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        if (!at->is_object() || !at->contains(part)) return s;
        at = &(*at)[part];
        if (slash == std::string::npos) break;
        pos = slash + 1;
      }
      if (at == s) return s;
      s = at;
    }
    return s;
  }

  const json* child(const json* s, const std::string& key) {
    s = resolve(s);
    if (!s || !s->is_object()) return nullptr;
    if (s->contains("properties") && (*s)["properties"].contains(key)) return resolve(&(*s)["properties"][key]);
    if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object())
      return resolve(&(*s)["additionalProperties"]);
    return nullptr;
  }

  const json* items(const json* s) {
    s = resolve(s);
    if (s && s->is_object() && s->contains("items") && (*s)["items"].is_object()) return resolve(&(*s)["items"]);
    return nullptr;
  }

  // The schema of one value, from the value itself, then its schema file entry.
  YAML::Node node(const YAML::Node& value, const json* js, const std::string& path, int depth) {
    ValueKind kind = validate::kind_of(value);
    js = resolve(js);
    if (++nodes_ > kMaxSchemaNodes)
      throw Error(SourceLocation{src_.schema_file, 0, 0},
                  "expands to more than " + std::to_string(kMaxSchemaNodes) +
                      " schema nodes through its $refs; kratix stops there (simplify the schema)");
    if (depth > util::kMaxNesting) {
      if (js) throw util::nesting_error(where(js));
      const YAML::Mark m = value.Mark();
      throw util::nesting_error({src_.values_file, m.line + 1, m.column + 1});
    }
    // A type that contains itself ($ref back to an enclosing definition),
    // reached where values.yaml says nothing more: free-form from here on.
    const bool recursive = js && std::find(open_.begin(), open_.end(), js) != open_.end();
    if (recursive && kind == ValueKind::Null) {
      note(path, "recursive type (its $ref refers back to itself): written as free-form");
      YAML::Node out = free_form();
      auto c = docs_.descriptions.find(path);
      if (c != docs_.descriptions.end() && !c->second.empty()) out["description"] = yamledit::string_node(c->second);
      return out;
    }
    if (js) open_.push_back(js);
    YAML::Node out = build_node(value, kind, js, path, depth);
    if (js) open_.pop_back();
    return out;
  }

  YAML::Node build_node(const YAML::Node& value, ValueKind kind, const json* js, const std::string& path, int depth) {
    YAML::Node out(YAML::NodeType::Map);
    switch (kind) {
      case ValueKind::Object: {
        out["type"] = "object";
        YAML::Node props(YAML::NodeType::Map);
        for (const auto& kv : value) {
          std::string key = kv.first.Scalar();
          if (!yamledit::writable_key(key))
            throw Error(SourceLocation{src_.values_file, kv.first.Mark().line + 1, kv.first.Mark().column + 1},
                        too_long(key));
          std::string p = path.empty() ? key : path + "." + key;
          props[key] = node(kv.second, child(js, key), p, depth + 1);
        }
        out["properties"] = props;
        out["x-kubernetes-preserve-unknown-fields"] = true;
        break;
      }
      case ValueKind::Array:
        out["type"] = "array";
        if (value.size() > 0)
          out["items"] = node(value[0], items(js), path + "[]", depth + 1);
        else
          out["items"] = YAML::Load("{x-kubernetes-preserve-unknown-fields: true}");
        if (value.size() > 0 &&
            std::all_of(value.begin(), value.end(), [](const YAML::Node& v) { return v.IsScalar(); }))
          out["default"] = YAML::Clone(value);
        break;
      case ValueKind::String:
        out["type"] = "string";
        out["default"] = yamledit::string_node(value.Scalar());
        break;
      case ValueKind::Integer:
        out["type"] = "integer";
        out["default"] = YAML::Clone(value);
        break;
      case ValueKind::Number:
        out["type"] = "number";
        out["default"] = YAML::Clone(value);
        break;
      case ValueKind::Boolean:
        out["type"] = "boolean";
        out["default"] = YAML::Clone(value);
        break;
      case ValueKind::Null: out["x-kubernetes-preserve-unknown-fields"] = true; break;
    }
    auto c = docs_.descriptions.find(path);
    if (c != docs_.descriptions.end() && !c->second.empty()) out["description"] = yamledit::string_node(c->second);
    if (kind == ValueKind::Null) apply_type_hint(out, path);
    if (js) apply_json(out, js, path, kind, depth, value);
    return out;
  }

  // A null value documented as "# -- (string) ...": that type, and null allowed.
  void apply_type_hint(YAML::Node& out, const std::string& path) {
    auto t = docs_.types.find(path);
    if (t == docs_.types.end()) return;
    std::string hint = t->second;
    for (auto& ch : hint) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (hint.rfind("tpl/", 0) == 0) hint.erase(0, 4);
    std::string type;
    if (hint == "string")
      type = "string";
    else if (hint == "int" || hint == "integer")
      type = "integer";
    else if (hint == "float" || hint == "number")
      type = "number";
    else if (hint == "bool" || hint == "boolean")
      type = "boolean";
    else if (hint == "list" || hint == "array" || hint.rfind("list/", 0) == 0)
      type = "array";
    else if (hint == "object" || hint == "dict" || hint == "map")
      type = "object";
    if (type.empty()) return;
    out.remove("x-kubernetes-preserve-unknown-fields");
    out["type"] = type;
    out["nullable"] = true;
    if (type == "object") out["x-kubernetes-preserve-unknown-fields"] = true;
    if (type == "array") out["items"] = YAML::Load("{x-kubernetes-preserve-unknown-fields: true}");
  }

  // values.schema.json wins over what the values suggest.
  void apply_json(YAML::Node& out, const json* s, const std::string& path, ValueKind kind, int depth,
                  const YAML::Node& value) {
    if (!s || !s->is_object()) return;
    std::set<std::string> types;
    if (s->contains("type")) {
      const json& t = (*s)["type"];
      if (t.is_string()) types.insert(t.get<std::string>());
      if (t.is_array()) {
        for (const auto& x : t) {
          if (x.is_string()) types.insert(x.get<std::string>());
        }
      }
    }
    bool nullable = types.erase("null") > 0;
    if (nullable) {
      out["nullable"] = true;
      note(path, "type [..., \"null\"] written as nullable: true");
    }
    if (types.size() == 1) {
      std::string type = *types.begin();
      if (out["type"] && out["type"].Scalar() != type) {
        // The schema's type: drop what belonged to the value's.
        if (type != "object") {
          out.remove("properties");
          out.remove("x-kubernetes-preserve-unknown-fields");
        }
        if (type != "array") out.remove("items");
        out.remove("default");
      }
      out["type"] = type;
      if (type == "object" && !out["properties"] && !out["additionalProperties"])
        out["x-kubernetes-preserve-unknown-fields"] = true;
      if (type == "array" && !out["items"]) out["items"] = YAML::Load("{x-kubernetes-preserve-unknown-fields: true}");
      out.remove("x-kubernetes-int-or-string");
      if (type != "object") out.remove("x-kubernetes-preserve-unknown-fields");
    } else if (types == std::set<std::string>{"integer", "string"}) {
      out.remove("type");
      out["x-kubernetes-int-or-string"] = true;
      note(path, "type [integer, string] written as x-kubernetes-int-or-string: true");
    } else if (types.size() > 1) {
      out.remove("type");
      out.remove("properties");
      out.remove("items");
      out["x-kubernetes-preserve-unknown-fields"] = true;
      note(path, "several types: written as free-form (x-kubernetes-preserve-unknown-fields)");
    }
    for (const char* k : {"description", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems",
                          "maxItems", "minProperties", "maxProperties", "multipleOf", "format", "title"}) {
      if (s->contains(k)) out[k] = to_yaml((*s)[k]);
    }
    if (s->contains("default") && !(*s)["default"].is_null()) out["default"] = to_yaml((*s)["default"]);
    if (s->contains("const")) {
      YAML::Node e(YAML::NodeType::Sequence);
      e.push_back(to_yaml((*s)["const"]));
      out["enum"] = e;
      note(path, "const written as a one-value enum");
    }
    for (const char* ex : {"exclusiveMinimum", "exclusiveMaximum"}) {
      if (!s->contains(ex)) continue;
      const json& v = (*s)[ex];
      if (v.is_number()) {  // draft 6+: the bound itself
        out[std::string(ex) == "exclusiveMinimum" ? "minimum" : "maximum"] = to_yaml(v);
        out[ex] = true;
        note(path, std::string(ex) + ": N written as " +
                       (std::string(ex) == "exclusiveMinimum" ? "minimum" : "maximum") + ": N with " + ex + ": true");
      } else if (v.is_boolean()) {
        out[ex] = v.get<bool>();
      }
    }
    if (s->contains("required") && (*s)["required"].is_array()) {
      // Helm checks `required` after merging the chart's values, so a key that
      // values.yaml sets is never missing: only the others stay required.
      YAML::Node req(YAML::NodeType::Sequence);
      for (const auto& r : (*s)["required"]) {
        if (!r.is_string()) continue;
        if (value.IsMap() && value[r.get<std::string>()]) {
          note(path, "required " + r.get<std::string>() + " dropped: values.yaml sets it, as Helm would");
          continue;
        }
        req.push_back(yamledit::string_node(r.get<std::string>()));
      }
      if (req.size() > 0) out["required"] = req;
    }
    // Properties only the schema knows of.
    if (s->contains("properties") && (*s)["properties"].is_object()) {
      if (!out["properties"]) out["properties"] = YAML::Load("{}");
      for (const auto& [key, sub] : (*s)["properties"].items()) {
        if (!yamledit::writable_key(key)) throw Error(where(&sub), "the property " + too_long(key));
        if (out["properties"][key]) continue;
        std::string p = path.empty() ? key : path + "." + key;
        out["properties"][key] = node(YAML::Node(YAML::NodeType::Null), resolve(&sub), p, depth + 1);
        if (!out["properties"][key]["type"] && !out["properties"][key]["x-kubernetes-int-or-string"])
          out["properties"][key]["x-kubernetes-preserve-unknown-fields"] = true;
      }
    }
    if (s->contains("additionalProperties")) {
      const json& a = (*s)["additionalProperties"];
      if (a.is_object() && !out["properties"]) {
        out["additionalProperties"] = node(YAML::Node(YAML::NodeType::Null), resolve(&a), path + ".*", depth + 1);
        out.remove("x-kubernetes-preserve-unknown-fields");
      } else if (a.is_boolean() && !a.get<bool>()) {
        note(path, "additionalProperties: false dropped (Kubernetes prunes unknown fields instead)");
        out.remove("x-kubernetes-preserve-unknown-fields");
      } else if (a.is_object()) {
        note(path, "additionalProperties dropped: Kubernetes does not allow it beside properties");
      }
    }
    // An empty list in values.yaml says nothing of its items: the schema does.
    if (s->contains("items") && (*s)["items"].is_object() && (kind != ValueKind::Array || value.size() == 0))
      out["items"] = node(YAML::Node(YAML::NodeType::Null), resolve(&(*s)["items"]), path + "[]", depth + 1);
    for (const char* dropped : {"$schema",
                                "$id",
                                "$comment",
                                "examples",
                                "if",
                                "then",
                                "else",
                                "patternProperties",
                                "dependencies",
                                "dependentRequired",
                                "dependentSchemas",
                                "additionalItems",
                                "contains",
                                "propertyNames",
                                "readOnly",
                                "writeOnly",
                                "deprecated",
                                "uniqueItems",
                                "allOf",
                                "anyOf",
                                "oneOf",
                                "not",
                                "$defs",
                                "definitions"}) {
      if (s->contains(dropped)) {
        bool harmless = std::string(dropped) == "$schema" || std::string(dropped) == "$defs" ||
                        std::string(dropped) == "definitions";
        if (!harmless) note(path, std::string(dropped) + " dropped (Kubernetes does not accept it in a CRD schema)");
      }
    }
    if (out["properties"] && out["additionalProperties"]) out.remove("additionalProperties");
    if (out["type"] && out["type"].Scalar() == "array" && !out["items"])
      out["items"] = YAML::Load("{x-kubernetes-preserve-unknown-fields: true}");
  }

  const SchemaSources& src_;
  std::function<void(const std::string&)> note_;
  ValuesDocs docs_;
  json root_json_;
  bool has_json_ = false;
  std::vector<const json*> open_;  // schemas being expanded, outermost first
  std::size_t nodes_ = 0;          // schema nodes made so far
};

}  // namespace

YAML::Node spec_schema_from_chart(const SchemaSources& sources, const std::function<void(const std::string&)>& note) {
  return Builder(sources, note).build();
}

}  // namespace kratix::helm
