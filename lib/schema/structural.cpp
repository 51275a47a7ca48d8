#include "schema/structural.hpp"

#include <set>

#include "schema/check_value.hpp"
#include "schema/pattern.hpp"

namespace kratix::schema {

namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }
bool flag(const YAML::Node& s, const char* key) { return text(s[key]) == "true"; }

enum class Level { Root, Item, Field };

bool is_int_or_string_any_of(const YAML::Node& any_of) {
  if (!any_of || !any_of.IsSequence() || any_of.size() != 2) return false;
  const char* types[] = {"integer", "string"};
  for (size_t i = 0; i < 2; ++i) {
    YAML::Node item = any_of[i];
    if (!item.IsMap() || item.size() != 1 || text(item["type"]) != types[i]) return false;
  }
  return true;
}

// metadata at the root may name only name and generateName (their schemas are
// ignored) and say type: object; the API server rejects anything else.
void metadata_rules(const YAML::Node& s, const std::string& path, const Sink& sink) {
  if (!s.IsMap()) return;
  if (!s["type"]) sink.add("structural.metadata", s, path, "metadata must be type: object");
  for (const auto& kv : s) {
    std::string k = kv.first.Scalar();
    if (k == "type") {
      if (text(kv.second) != "object")
        sink.add("structural.metadata", kv.second, child_path(path, k), "metadata must be type: object");
    } else if (k == "properties" && kv.second.IsMap()) {
      for (const auto& p : kv.second) {
        std::string name = p.first.Scalar();
        if (name != "name" && name != "generateName")
          sink.add("structural.metadata", p.first, child_path(path, "properties." + name),
                   "metadata may only restrict name and generateName; remove " + name);
      }
    } else if (k != "default") {
      sink.add("structural.metadata", kv.first, child_path(path, k),
               "metadata may only restrict name and generateName (no " + k + "); remove " + k);
    }
  }
}

void check_pattern(const YAML::Node& s, const std::string& path, const Sink& sink) {
  if (!s["pattern"]) return;
  if (auto why = pattern_error(text(s["pattern"])))
    sink.add("structural.pattern", s["pattern"], child_path(path, "pattern"),
             "pattern '" + text(s["pattern"]) + "' is not a valid (Go/RE2) regular expression: " + *why);
}

void note_cel(const YAML::Node& s, const std::string& path, const Sink& warnings) {
  YAML::Node rules = s["x-kubernetes-validations"];
  if (!rules || !rules.IsSequence() || !warnings.out) return;
  for (size_t i = 0; i < rules.size(); ++i)
    warnings.add("warn.cel-not-checked", rules[i], item_path(child_path(path, "x-kubernetes-validations"), i),
                 "CEL rule '" + text(child_of(rules[i], "rule")) +
                     "' was not checked: kratix validate does not compile or evaluate CEL offline; the API server "
                     "will");
}

// A schema under allOf/anyOf/oneOf/not: value validation only.
void nested(const YAML::Node& s, const std::string& path, const Sink& sink, bool allow_cel, bool skip_any_of) {
  if (!s.IsMap()) {
    sink.add("structural.not-a-schema", s, path, path + " is not a schema (a mapping); fix it");
    return;
  }
  for (const char* k :
       {"type", "description", "default", "additionalProperties", "nullable", "title",
        "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string",
        "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type"}) {
    if (s[k])
      sink.add("structural.value-validation", s[k], child_path(path, k),
               std::string(k) + " is not allowed inside allOf/anyOf/oneOf/not; move it to the schema around them");
  }
  if (s["x-kubernetes-validations"] && !allow_cel)
    sink.add("structural.value-validation", s["x-kubernetes-validations"], child_path(path, "x-kubernetes-validations"),
             "x-kubernetes-validations is not allowed inside anyOf/oneOf/not");
  if (s["properties"] && s["properties"].IsMap()) {
    if (s["properties"]["metadata"])
      sink.add("structural.value-validation", s["properties"]["metadata"], child_path(path, "properties.metadata"),
               "metadata must not be restricted inside allOf/anyOf/oneOf/not");
    for (const auto& kv : s["properties"])
      nested(kv.second, child_path(path, "properties." + kv.first.Scalar()), sink, allow_cel, false);
  }
  if (s["items"] && s["items"].IsMap()) nested(s["items"], child_path(path, "items"), sink, allow_cel, false);
  check_pattern(s, path, sink);
  for (const char* comb : {"allOf", "anyOf", "oneOf"}) {
    if (std::string(comb) == "anyOf" && skip_any_of) continue;
    if (s[comb] && s[comb].IsSequence()) {
      for (size_t i = 0; i < s[comb].size(); ++i)
        nested(s[comb][i], item_path(child_path(path, comb), i), sink, allow_cel && std::string(comb) == "allOf",
               false);
    }
  }
  if (s["not"]) nested(s["not"], child_path(path, "not"), sink, false, false);
}

void structural(const YAML::Node& s, const std::string& path, const Sink& sink, const Sink& warnings, Level level) {
  if (!s.IsMap()) {
    sink.add("structural.not-a-schema", s, path, path + " is not a schema (a mapping); fix it");
    return;
  }
  std::string type = text(s["type"]);
  bool int_or_string = flag(s, "x-kubernetes-int-or-string");
  bool preserve = flag(s, "x-kubernetes-preserve-unknown-fields");
  for (const char* forbidden :
       {"$ref", "definitions", "dependencies", "additionalItems", "patternProperties", "id", "$schema"}) {
    if (s[forbidden])
      sink.add("structural.forbidden", s[forbidden], child_path(path, forbidden),
               std::string(forbidden) + " is not allowed in a Kubernetes CRD schema; write the schema out instead");
  }
  if (flag(s, "uniqueItems"))
    sink.add("structural.unique-items", s["uniqueItems"], child_path(path, "uniqueItems"),
             "uniqueItems: true is not allowed in a Kubernetes CRD schema; use x-kubernetes-list-type: set");
  if (s["x-kubernetes-preserve-unknown-fields"] && !preserve)
    sink.add("structural.preserve-unknown-fields", s["x-kubernetes-preserve-unknown-fields"],
             child_path(path, "x-kubernetes-preserve-unknown-fields"),
             "x-kubernetes-preserve-unknown-fields must be true or left out; remove it");
  static const std::set<std::string> types{"string", "number", "integer", "boolean", "array", "object"};
  if (!type.empty() && !types.count(type))
    sink.add("structural.type-unknown", s["type"], child_path(path, "type"),
             "type '" + type + "' is not one of array, boolean, integer, number, object, string");
  if (type.empty() && !int_or_string && !preserve)
    sink.add("structural.type-missing", s, path,
             path + " has no type; every node of a structural schema needs one (e.g. type: object or type: string)");
  if (level == Level::Root && !type.empty() && type != "object")
    sink.add("structural.root-type", s, path, "the root of the schema must be type: object");
  if (int_or_string && preserve)
    sink.add("structural.int-or-string", s["x-kubernetes-preserve-unknown-fields"],
             child_path(path, "x-kubernetes-preserve-unknown-fields"),
             "x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields do not go together; remove one");
  YAML::Node addl = s["additionalProperties"];
  if (addl) {
    bool has_properties = s["properties"] && s["properties"].IsMap() && s["properties"].size() > 0;
    if (level == Level::Root)
      sink.add("structural.additional-properties", addl, child_path(path, "additionalProperties"),
               "additionalProperties is not allowed at the root of the schema; remove it");
    else if (has_properties && !(addl.IsScalar() && text(addl) == "true"))
      sink.add("structural.properties-and-additional", addl, child_path(path, "additionalProperties"),
               path + " has both properties and additionalProperties; keep one (unknown fields are dropped anyway)");
  }
  if (type == "array" && !s["items"])
    sink.add("structural.items-missing", s, path, path + " is an array without items; add items: {type: ...}");
  if (s["items"] && !s["items"].IsMap())
    sink.add("structural.items-list", s["items"], child_path(path, "items"),
             "items must be one schema, not a list of them");
  check_pattern(s, path, sink);
  note_cel(s, path, warnings);
  if (s["default"]) {
    std::vector<Finding> bad;
    Sink inner{&bad, nullptr};
    check_value(s["default"], s, "", inner);
    for (const auto& f : bad) {
      if (f.rule == "schema.unknown-field") continue;  // pruned, not rejected
      sink.add("structural.default", s["default"], child_path(path, "default"),
               "the default does not validate against its own schema: " + f.message);
      break;
    }
  }
  if (s["properties"] && s["properties"].IsMap()) {
    for (const auto& kv : s["properties"]) {
      std::string k = kv.first.Scalar();
      std::string kp = child_path(path, "properties." + k);
      if (level == Level::Root && k == "metadata") metadata_rules(kv.second, kp, sink);
      structural(kv.second, kp, sink, warnings, Level::Field);
    }
  }
  if (addl && addl.IsMap()) structural(addl, child_path(path, "additionalProperties"), sink, warnings, Level::Field);
  if (s["items"] && s["items"].IsMap()) structural(s["items"], child_path(path, "items"), sink, warnings, Level::Item);
  bool skip_any_of = is_int_or_string_any_of(s["anyOf"]);
  for (const char* comb : {"allOf", "anyOf", "oneOf"}) {
    if (!s[comb] || !s[comb].IsSequence()) continue;
    if (std::string(comb) == "anyOf" && skip_any_of) continue;
    for (size_t i = 0; i < s[comb].size(); ++i) {
      bool first_all_of_int_or_string =
          std::string(comb) == "allOf" && i == 0 && is_int_or_string_any_of(child_of(s[comb][i], "anyOf"));
      nested(s[comb][i], item_path(child_path(path, comb), i), sink, std::string(comb) == "allOf",
             first_all_of_int_or_string);
    }
  }
  if (s["not"]) nested(s["not"], child_path(path, "not"), sink, false, false);
}

}  // namespace

void check_structural(const YAML::Node& schema, const std::string& path, const Sink& sink, const Sink& warnings) {
  structural(schema, path, sink, warnings, Level::Root);
}

}  // namespace kratix::schema
