#include "validate/crd_check.hpp"

#include <optional>
#include <set>

#include "promise/names.hpp"
#include "validate/schema_check.hpp"

namespace kratix::validate {

namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }
bool flag(const YAML::Node& s, const char* key) { return text(s[key]) == "true"; }

void structural(const YAML::Node& s, const std::string& path, const Sink& sink, bool root, bool value_validation,
                bool metadata) {
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
  if (value_validation) {
    for (const char* k : {"type", "description", "default", "additionalProperties", "nullable", "title",
                          "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource"}) {
      if (s[k])
        sink.add("structural.value-validation", s[k], child_path(path, k),
                 std::string(k) + " is not allowed inside allOf/anyOf/oneOf/not; move it to the schema around them");
    }
  } else {
    if (type.empty() && !int_or_string && !preserve)
      sink.add("structural.type-missing", s, path,
               path + " has no type; every node of a structural schema needs one (e.g. type: object or type: string)");
    if (root && type != "object")
      sink.add("structural.root-type", s, path, "the root of the schema must be type: object");
    if (int_or_string && !type.empty())
      sink.add("structural.int-or-string", s["type"], child_path(path, "type"),
               "x-kubernetes-int-or-string: true goes without a type; remove type");
  }
  if (s["properties"] && s["additionalProperties"] && !s["additionalProperties"].IsScalar())
    sink.add("structural.properties-and-additional", s, path,
             path + " has both properties and additionalProperties; keep one");
  if (type == "array" && !value_validation) {
    if (!s["items"])
      sink.add("structural.items-missing", s, path, path + " is an array without items; add items: {type: ...}");
  }
  if (s["items"] && !s["items"].IsMap())
    sink.add("structural.items-list", s["items"], child_path(path, "items"),
             "items must be one schema, not a list of them");
  if (metadata && !value_validation) {
    // At the root, metadata may only restrict name and generateName.
    for (const auto& kv : s) {
      std::string k = kv.first.Scalar();
      if (k != "type" && k != "properties" && k != "description")
        sink.add("structural.metadata", kv.first, child_path(path, k),
                 "metadata may only restrict name and generateName; remove " + k);
    }
    if (s["properties"] && s["properties"].IsMap()) {
      for (const auto& kv : s["properties"]) {
        std::string k = kv.first.Scalar();
        if (k != "name" && k != "generateName")
          sink.add("structural.metadata", kv.first, child_path(path, "properties." + k),
                   "metadata may only restrict name and generateName; remove " + k);
      }
    }
    return;
  }
  if (s["default"] && !value_validation) {
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
      structural(kv.second, child_path(path, "properties." + k), sink, false, value_validation,
                 root && k == "metadata");
    }
  }
  if (s["additionalProperties"] && s["additionalProperties"].IsMap())
    structural(s["additionalProperties"], child_path(path, "additionalProperties"), sink, false, value_validation,
               false);
  if (s["items"] && s["items"].IsMap())
    structural(s["items"], child_path(path, "items"), sink, false, value_validation, false);
  for (const char* comb : {"allOf", "anyOf", "oneOf"}) {
    if (s[comb] && s[comb].IsSequence()) {
      for (size_t i = 0; i < s[comb].size(); ++i)
        structural(s[comb][i], item_path(child_path(path, comb), i), sink, false, true, false);
    }
  }
  if (s["not"] && s["not"].IsMap()) structural(s["not"], child_path(path, "not"), sink, false, true, false);
}

}  // namespace

void check_structural(const YAML::Node& schema, const std::string& path, const Sink& sink) {
  structural(schema, path, sink, true, false, false);
}

void check_crd(const YAML::Node& crd, const std::string& path, const Sink& sink) {
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
  YAML::Node spec = crd["spec"];
  std::string sp = child_path(path, "spec");
  std::string group = text(spec["group"]);
  std::string plural = text(spec["names"]["plural"]);
  std::string singular = text(spec["names"]["singular"]);
  std::string kind = text(spec["names"]["kind"]);
  auto name_rule = [&](const char* what, const std::string& value, std::optional<std::string> why, const YAML::Node& at,
                       const std::string& p) {
    if (why) sink.add("crd.names", at, p, std::string(what) + " '" + value + "' is not valid: " + *why);
  };
  name_rule("spec.group", group, promise::check_api_group(group), spec["group"] ? spec["group"] : spec,
            child_path(sp, "group"));
  name_rule("spec.names.kind", kind, promise::check_kind(kind), spec["names"]["kind"] ? spec["names"]["kind"] : spec,
            child_path(sp, "names.kind"));
  name_rule("spec.names.plural", plural, promise::check_plural(plural),
            spec["names"]["plural"] ? spec["names"]["plural"] : spec, child_path(sp, "names.plural"));
  if (!singular.empty())
    name_rule("spec.names.singular", singular, promise::check_dns1035_label(singular), spec["names"]["singular"],
              child_path(sp, "names.singular"));
  std::string name = text(crd["metadata"]["name"]);
  if (name != plural + "." + group)
    sink.add("crd.name", crd["metadata"]["name"] ? crd["metadata"]["name"] : crd, child_path(path, "metadata.name"),
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
    YAML::Node schema = v["schema"]["openAPIV3Schema"];
    if (!schema) {
      sink.add("crd.schema-missing", v, child_path(vp, "schema.openAPIV3Schema"),
               "version '" + vn + "' has no schema.openAPIV3Schema; give it one");
      continue;
    }
    check_structural(schema, child_path(vp, "schema.openAPIV3Schema"), sink);
  }
  if (storage != 1)
    sink.add("crd.storage", versions, child_path(sp, "versions"),
             "exactly one version must have storage: true (found " + std::to_string(storage) + ")");
  if (served == 0)
    sink.add("crd.served", versions, child_path(sp, "versions"), "at least one version must have served: true");
}

}  // namespace kratix::validate
