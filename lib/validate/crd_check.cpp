#include "validate/crd_check.hpp"

#include <optional>
#include <set>

#include "names/kubernetes.hpp"
#include "schema/structural.hpp"

namespace kratix::validate {

namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

}  // namespace

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
  name_rule("spec.group", group, names::check_api_group(group), spec["group"] ? spec["group"] : spec,
            child_path(sp, "group"));
  name_rule("spec.names.kind", kind, names::check_kind(kind), name_list["kind"] ? name_list["kind"] : spec,
            child_path(sp, "names.kind"));
  name_rule("spec.names.plural", plural, names::check_plural(plural), name_list["plural"] ? name_list["plural"] : spec,
            child_path(sp, "names.plural"));
  if (!singular.empty())
    name_rule("spec.names.singular", singular, names::check_dns1035_label(singular), name_list["singular"],
              child_path(sp, "names.singular"));
  std::string list_kind = text(name_list["listKind"]);
  if (!list_kind.empty()) {
    std::string lower = list_kind;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    name_rule("spec.names.listKind", list_kind, names::check_dns1035_label(lower), name_list["listKind"],
              child_path(sp, "names.listKind"));
    if (list_kind == kind)
      sink.add("crd.names", name_list["listKind"], child_path(sp, "names.listKind"),
               "listKind must differ from kind (it is usually " + kind + "List)");
  }
  for (const char* list : {"shortNames", "categories"}) {
    YAML::Node items = name_list[list];
    if (!items || !items.IsSequence()) continue;
    for (size_t i = 0; i < items.size(); ++i)
      name_rule((std::string("spec.names.") + list).c_str(), text(items[i]), names::check_dns1035_label(text(items[i])),
                items[i], item_path(child_path(sp, std::string("names.") + list), i));
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
    if (auto why = names::check_api_version(vn))
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
    schema::check_structural(schema, child_path(vp, "schema.openAPIV3Schema"), sink, warnings);
  }
  if (storage != 1)
    sink.add("crd.storage", versions, child_path(sp, "versions"),
             "exactly one version must have storage: true (found " + std::to_string(storage) + ")");
  if (served == 0 && warnings.out)
    warnings.add("warn.no-served-version", versions, child_path(sp, "versions"),
                 "no version has served: true, so no request can be made of this API; serve one");
}

}  // namespace kratix::validate
