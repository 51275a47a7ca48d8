#include "pulumi/component_schema.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "yamledit/json_yaml.hpp"

namespace kratix::pulumi {

using nlohmann::json;

namespace {

constexpr const char* kTypes = "#/types/";
constexpr const char* kResources = "#/resources/";

std::vector<std::string> components(const json& doc) {
  std::vector<std::string> out;
  if (doc.contains("resources") && doc["resources"].is_object())
    for (const auto& [token, r] : doc["resources"].items())
      if (r.is_object() && r.value("isComponent", false)) out.push_back(token);
  std::sort(out.begin(), out.end());
  return out;
}

std::string joined(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (const auto& i : v) s += (s.empty() ? "" : sep) + i;
  return s;
}

// Pulumi escapes '/' in type tokens inside refs as %2F.
std::string unescape(std::string s) {
  for (std::size_t at = 0; (at = s.find('%', at)) != std::string::npos;) {
    if (at + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[at + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(s[at + 2])) != 0) {
      s.replace(at, 3, 1, static_cast<char>(std::stoi(s.substr(at + 1, 2), nullptr, 16)));
    }
    ++at;
  }
  return s;
}

bool fits(const json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "number") return v.is_number();
  if (type == "integer")
    return v.is_number_integer() || (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  return true;  // free-form
}

// A construct skipped with a warning (the property is left out).
struct Skipped {
  std::string path;
  std::string reason;
};

class Translator {
 public:
  Translator(const PackageSchema& s, std::string token) : s_(s), token_(std::move(token)) {}

  std::vector<Skipped> skipped;

  [[noreturn]] void hard(const std::string& path, const std::string& why) const {
    throw Error(SourceLocation{s_.source, 0, 0}, "component " + token_ + ", " + path + ": " + why);
  }

  // Translates `node`; false when it was skipped (recorded in `skipped`).
  bool translate(const json& node, const std::string& path, json& out) {
    if (!node.is_object()) return skip(path, "a property schema must be an object");
    for (const char* k : {"oneOf", "anyOf", "allOf", "not", "discriminator", "patternProperties", "const"})
      if (node.contains(k)) return skip(path, std::string("keyword \"") + k + "\"");
    if (node.contains("$ref") && node["$ref"].is_string()) {
      const std::string ref = node["$ref"].get<std::string>();
      if (ref.rfind(kTypes, 0) == 0 || ref.rfind(kResources, 0) == 0) {
        if (std::find(stack_.begin(), stack_.end(), ref) != stack_.end()) {
          std::vector<std::string> cycle(std::find(stack_.begin(), stack_.end(), ref), stack_.end());
          cycle.push_back(ref);
          hard(path, "the refs form a cycle (" + joined(cycle, " -> ") +
                         "), which a CRD schema cannot express; break the cycle in the schema");
        }
        const json target = resolve(ref, path);
        stack_.push_back(ref);
        const bool ok = translate(target, path, out);
        stack_.pop_back();
        return ok && annotate(node, path, out);
      }
      if (ref.rfind('#', 0) == 0) hard(path, "unsupported local ref " + ref + "; only #/types/ and #/resources/ refs");
      // Another package's type: accepted as it comes.
      out = json::object();
      if (ref != "pulumi.json#/Any" && ref != "pulumi.json#/Json") out["type"] = "object";
      out["x-kubernetes-preserve-unknown-fields"] = true;
      return annotate(node, path, out);
    }
    if (!node.contains("type") || !node["type"].is_string())
      return skip(path, node.contains("enum") ? "enum without explicit type"
                                              : "missing supported shape (expected one of $ref or type)");
    const std::string type = node["type"].get<std::string>();
    out = json::object();
    if (type == "string" || type == "boolean" || type == "integer" || type == "number") {
      out["type"] = type;
    } else if (type == "array") {
      if (!node.contains("items")) return skip(path, "array type missing items schema");
      json items;
      if (!translate(node["items"], path + "[]", items)) return false;
      out["type"] = "array";
      out["items"] = items;
    } else if (type == "object") {
      if (!object(node, path, out)) return false;
    } else {
      return skip(path, "type \"" + type + "\"");
    }
    return annotate(node, path, out);
  }

  json properties(const json& props, const json& required, const std::string& path, json& out) {
    json translated = json::object();
    if (props.is_object()) {
      for (const auto& [name, child] : props.items()) {
        json t;
        if (translate(child, path + "." + name, t)) translated[name] = t;
      }
    }
    out["properties"] = translated;
    std::vector<std::string> req;
    if (required.is_array())
      for (const auto& r : required)
        if (r.is_string() && translated.contains(r.get<std::string>())) req.push_back(r.get<std::string>());
    std::sort(req.begin(), req.end());
    req.erase(std::unique(req.begin(), req.end()), req.end());
    if (!req.empty()) out["required"] = req;
    return translated;
  }

 private:
  const PackageSchema& s_;
  std::string token_;
  std::vector<std::string> stack_;

  bool skip(const std::string& path, const std::string& why) {
    skipped.push_back({path, why});
    return false;
  }

  json resolve(const std::string& ref, const std::string& path) const {
    const json& doc = s_.doc;
    if (ref.rfind(kTypes, 0) == 0) {
      const std::string t = unescape(ref.substr(std::string(kTypes).size()));
      if (!doc.contains("types") || !doc["types"].contains(t))
        hard(path, "unresolved ref " + ref + ": the schema has no type " + t + " under \"types\"");
      return doc["types"][t];
    }
    const std::string t = unescape(ref.substr(std::string(kResources).size()));
    if (!doc.contains("resources") || !doc["resources"].contains(t))
      hard(path, "unresolved ref " + ref + ": the schema has no resource " + t + " under \"resources\"");
    const json& r = doc["resources"][t];
    json node = {{"type", "object"}, {"properties", r.value("inputProperties", json::object())}};
    if (r.contains("requiredInputs")) node["required"] = r["requiredInputs"];
    return node;
  }

  bool object(const json& node, const std::string& path, json& out) {
    out["type"] = "object";
    const bool has_props = node.contains("properties");
    if (has_props) {
      if (!node["properties"].is_object()) return skip(path, "object properties must be an object");
      properties(node["properties"], node.value("required", json::array()), path, out);
    }
    if (node.contains("additionalProperties")) {
      json child;
      if (!translate(node["additionalProperties"], path + ".*", child)) return false;
      if (has_props) return skip(path, "both properties and additionalProperties, which a CRD schema cannot mix");
      out["additionalProperties"] = child;
    }
    if (!has_props && !node.contains("additionalProperties")) out["x-kubernetes-preserve-unknown-fields"] = true;
    return true;
  }

  bool annotate(const json& node, const std::string& path, json& out) {
    std::string description;
    if (node.contains("description")) {
      if (!node["description"].is_string()) return skip(path, "description must be a string");
      description = node["description"].get<std::string>();
    }
    if (node.value("secret", false))
      description += std::string(description.empty() ? "" : "\n") + "Secret: Pulumi encrypts this value in its state.";
    if (node.contains("deprecationMessage") && node["deprecationMessage"].is_string())
      description +=
          std::string(description.empty() ? "" : "\n") + "Deprecated: " + node["deprecationMessage"].get<std::string>();
    if (!description.empty()) out["description"] = description;
    const std::string type = out.value("type", "");
    if (node.contains("default")) {
      if (fits(node["default"], type)) {
        out["default"] = node["default"];
      } else {
        skipped.push_back(
            {path, "default " + node["default"].dump() + " is not a " + type + "; the default is dropped"});
      }
    }
    if (node.contains("enum")) {
      if (!node["enum"].is_array()) return skip(path, "enum must be an array");
      json values = json::array();
      for (const auto& e : node["enum"]) {
        json v = e;
        if (e.is_object()) {
          if (!e.contains("value")) return skip(path, "enum entry object missing value field");
          v = e["value"];
        }
        if (!fits(v, type)) hard(path, "enum value " + v.dump() + " is not compatible with type \"" + type + "\"");
        values.push_back(v);
      }
      out["enum"] = values;
    }
    return true;
  }
};

}  // namespace

std::string select_component(const PackageSchema& schema, const std::string& requested) {
  const std::vector<std::string> tokens = components(schema.doc);
  if (tokens.empty())
    throw Error(SourceLocation{schema.source, 0, 0},
                "holds no component resource (a resource with \"isComponent\": true); pass a component package's "
                "schema");
  if (!requested.empty()) {
    if (std::find(tokens.begin(), tokens.end(), requested) == tokens.end())
      throw Error("--component " + requested + " is not a component of " + schema.source +
                  "; its components are: " + joined(tokens, ", "));
    return requested;
  }
  if (tokens.size() > 1)
    throw UsageError(schema.source + " has several components; choose one with --component: " + joined(tokens, ", "));
  return tokens[0];
}

SpecSchema component_spec_schema(const PackageSchema& schema, const std::string& component) {
  const json& resource = schema.doc["resources"][component];
  Translator t(schema, component);
  json spec = {{"type", "object"}};
  const json translated = t.properties(resource.value("inputProperties", json::object()),
                                       resource.value("requiredInputs", json::array()), "spec", spec);
  SpecSchema out;
  std::sort(t.skipped.begin(), t.skipped.end(),
            [](const Skipped& a, const Skipped& b) { return std::tie(a.path, a.reason) < std::tie(b.path, b.reason); });
  for (const auto& s : t.skipped)
    out.warnings.push_back("skipped unsupported schema path \"" + s.path + "\" for component \"" + component +
                           "\": " + s.reason);
  if (translated.empty())
    throw Error(SourceLocation{schema.source, 0, 0},
                "component " + component + " has no input property a CRD can express" +
                    (out.warnings.empty() ? std::string(" (it has no inputProperties)")
                                          : "; skipped: " + joined(out.warnings, "; ")));
  if (!spec.contains("required")) spec["default"] = json::object();
  out.schema = yamledit::json_to_yaml(spec);
  return out;
}

}  // namespace kratix::pulumi
