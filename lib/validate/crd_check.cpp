#include "validate/crd_check.hpp"

#include <optional>
#include <set>

#include "promise/names.hpp"
#include "validate/pattern.hpp"
#include "validate/schema_check.hpp"

namespace kratix::validate {

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

void check_crd(const YAML::Node& crd, const std::string& path, const Sink& sink, const Sink& warnings) {
  if (!crd || !crd.IsMap()) {
    sink.add("crd.missing", crd, path,
             path + " must be a CustomResourceDefinition; run 'kratix init promise' to see the shape");
    return;
  }
  if (text(crd["apiVersion"]) != "apiextensions.k8s.io/v1")
    sink.add("crd.api-version", crd["apiVersion"] ? crd["apiVersion"] : crd, child_path(path, "apiVersion"),
             "the API must be apiextensions.k8s.io/v1 (found '" + text(crd["apiVersion"]) + "')");
  if (text(crd["kind"]) != "CustomResourceDefinition")
    sink.add("crd.kind", crd["kind"] ? crd["kind"] : crd, child_path(path, "kind"),
             "the API must be a CustomResourceDefinition (found '" + text(crd["kind"]) + "')");
  YAML::Node spec = child_of(crd, "spec");
  YAML::Node name_list = child_of(spec, "names");
  YAML::Node meta = child_of(crd, "metadata");
  std::string sp = child_path(path, "spec");
  std::string group = text(spec["group"]);
  std::string plural = text(name_list["plural"]);
  std::string singular = text(name_list["singular"]);
  std::string kind = text(name_list["kind"]);
  auto name_rule = [&](const char* what, const std::string& value, std::optional<std::string> why, const YAML::Node& at,
                       const std::string& p) {
    if (why) sink.add("crd.names", at, p, std::string(what) + " '" + value + "' is not valid: " + *why);
  };
  name_rule("spec.group", group, promise::check_api_group(group), spec["group"] ? spec["group"] : spec,
            child_path(sp, "group"));
  name_rule("spec.names.kind", kind, promise::check_kind(kind), name_list["kind"] ? name_list["kind"] : spec,
            child_path(sp, "names.kind"));
  name_rule("spec.names.plural", plural, promise::check_plural(plural),
            name_list["plural"] ? name_list["plural"] : spec, child_path(sp, "names.plural"));
  if (!singular.empty())
    name_rule("spec.names.singular", singular, promise::check_dns1035_label(singular), name_list["singular"],
              child_path(sp, "names.singular"));
  std::string list_kind = text(name_list["listKind"]);
  if (!list_kind.empty()) {
    std::string lower = list_kind;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    name_rule("spec.names.listKind", list_kind, promise::check_dns1035_label(lower), name_list["listKind"],
              child_path(sp, "names.listKind"));
    if (list_kind == kind)
      sink.add("crd.names", name_list["listKind"], child_path(sp, "names.listKind"),
               "listKind must differ from kind (it is usually " + kind + "List)");
  }
  for (const char* list : {"shortNames", "categories"}) {
    YAML::Node items = name_list[list];
    if (!items || !items.IsSequence()) continue;
    for (size_t i = 0; i < items.size(); ++i)
      name_rule((std::string("spec.names.") + list).c_str(), text(items[i]),
                promise::check_dns1035_label(text(items[i])), items[i],
                item_path(child_path(sp, std::string("names.") + list), i));
  }
  std::string name = text(meta["name"]);
  if (name != plural + "." + group)
    sink.add("crd.name", meta["name"] ? meta["name"] : crd, child_path(path, "metadata.name"),
             "the CRD name must be <plural>.<group>, '" + plural + "." + group + "' (found '" + name +
                 "'); 'kratix update api' keeps it right");
  std::string scope = text(spec["scope"]);
  if (scope != "Namespaced")
    sink.add("crd.scope", spec["scope"] ? spec["scope"] : spec, child_path(sp, "scope"),
             "a Promise's API must be namespaced (scope: Namespaced), found '" + scope + "'");
  YAML::Node versions = spec["versions"];
  if (!versions || !versions.IsSequence() || versions.size() == 0) {
    sink.add("crd.versions", spec, child_path(sp, "versions"), "the API needs at least one version in spec.versions");
    return;
  }
  int storage = 0, served = 0;
  std::set<std::string> names;
  for (size_t i = 0; i < versions.size(); ++i) {
    YAML::Node v = versions[i];
    std::string vp = item_path(child_path(sp, "versions"), i);
    std::string vn = text(v["name"]);
    if (auto why = promise::check_api_version(vn))
      sink.add("crd.version-name", v["name"] ? v["name"] : v, child_path(vp, "name"),
               "version name '" + vn + "' is not valid: " + *why);
    if (!names.insert(vn).second)
      sink.add("crd.version-name", v["name"], child_path(vp, "name"),
               "version '" + vn + "' appears twice; version names must be unique");
    storage += text(v["storage"]) == "true";
    served += text(v["served"]) == "true";
    YAML::Node schema = child_of(child_of(v, "schema"), "openAPIV3Schema");
    if (!schema) {
      sink.add("crd.schema-missing", v, child_path(vp, "schema.openAPIV3Schema"),
               "version '" + vn + "' has no schema.openAPIV3Schema; give it one");
      continue;
    }
    check_structural(schema, child_path(vp, "schema.openAPIV3Schema"), sink, warnings);
  }
  if (storage != 1)
    sink.add("crd.storage", versions, child_path(sp, "versions"),
             "exactly one version must have storage: true (found " + std::to_string(storage) + ")");
  if (served == 0 && warnings.out)
    warnings.add("warn.no-served-version", versions, child_path(sp, "versions"),
                 "no version has served: true, so no request can be made of this API; serve one");
}

}  // namespace kratix::validate
