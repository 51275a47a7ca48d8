#include "promise/update_api.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "promise/names.hpp"
#include "promise/promise_dir.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

using yamledit::Path;

struct PropertyEdit {
  std::vector<std::string> names;  // a.b.c -> {a, b, c}
  std::string type;                // empty: remove
  std::string text;
};

std::vector<PropertyEdit> parse_properties(const std::vector<std::string>& specs) {
  static const std::vector<std::string> types{"string", "number", "integer", "object", "boolean"};
  std::vector<PropertyEdit> out;
  for (const auto& spec : specs) {
    PropertyEdit e;
    e.text = spec;
    std::string path;
    auto colon = spec.rfind(':');
    if (colon != std::string::npos) {
      path = spec.substr(0, colon);
      e.type = spec.substr(colon + 1);
      if (std::find(types.begin(), types.end(), e.type) == types.end())
        throw UsageError("--property " + spec + ": unsupported type '" + e.type +
                         "'; use one of string, number, integer, object, boolean");
    } else if (!spec.empty() && spec.back() == '-') {
      path = spec.substr(0, spec.size() - 1);
    } else {
      throw UsageError("--property " + spec + ": expected NAME:TYPE to set or NAME- to remove, e.g. size:string");
    }
    size_t start = 0;
    while (start <= path.size()) {
      size_t dot = path.find('.', start);
      if (dot == std::string::npos) dot = path.size();
      std::string name = path.substr(start, dot - start);
      if (name.empty() || name.find_first_of(" :#") != std::string::npos)
        throw UsageError("--property " + spec + ": '" + path +
                         "' is not a property path; use names joined by '.', e.g. backup.retention");
      e.names.push_back(name);
      start = dot + 1;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Path join(Path a, const Path& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string scalar_or(const yamledit::Document& d, const Path& p, const std::string& fallback = "") {
  return d.scalar(p).value_or(fallback);
}

YAML::Node type_node(const std::string& type) {
  YAML::Node n(YAML::NodeType::Map);
  n["type"] = type;
  // An object property with nothing declared keeps what requests put in it.
  if (type == "object") n["x-kubernetes-preserve-unknown-fields"] = true;
  return n;
}

// {type: object, properties: {names[from]: {... names.back(): {type: TYPE}}}}:
// the objects of a new property path.
YAML::Node object_chain(const PropertyEdit& e, size_t from) {
  YAML::Node leaf = type_node(e.type);
  for (size_t j = e.names.size(); j-- > from;) {
    YAML::Node obj(YAML::NodeType::Map);
    obj["type"] = "object";
    obj["properties"][e.names[j]] = leaf;
    leaf.reset(obj);
  }
  return leaf;
}

// Sets or removes one property under the schema at `spec` (the API's spec
// schema, under `root`, the version's openAPIV3Schema).
bool apply_property(yamledit::Document& d, const Path& root, const Path& spec, const PropertyEdit& e) {
  if (!d.has(spec)) {
    // No spec schema yet: it is created as an object (a structural schema needs its type).
    if (e.type.empty()) return false;
    if (d.has(root)) return d.set(spec, object_chain(e, 0));
    YAML::Node schema(YAML::NodeType::Map);
    schema["type"] = "object";
    schema["properties"]["spec"] = object_chain(e, 0);
    return d.set(root, schema);
  }
  Path parent = spec;  // the schema node that holds the next name under "properties"
  for (size_t i = 0; i + 1 < e.names.size(); ++i) {
    Path prop = join(parent, {"properties", e.names[i]});
    if (!d.has(prop)) {
      if (e.type.empty()) return false;  // removing below something absent: nothing to do
      // Create the rest of the path as objects in one go.
      return d.set(prop, object_chain(e, i + 1));
    }
    std::string type = scalar_or(d, join(prop, {"type"}));
    if (type != "object") {
      if (e.type.empty()) return false;
      SourceLocation where = d.location(prop);
      throw Error(where, "nested field " + e.names[i] + " is " + (type.empty() ? "not typed" : "of type " + type) +
                             ", not an object, so --property " + e.text + " cannot go under it; remove it first (" +
                             e.names[i] + "-) or choose another name");
    }
    parent = prop;
  }
  Path target = join(parent, {"properties", e.names.back()});
  if (e.type.empty()) {
    bool changed = d.remove(target);
    // A removed property is no longer required.
    Path required = join(parent, {"required"});
    if (d.has(required)) {
      YAML::Node list = d.value(required);
      if (list.IsSequence()) {
        for (size_t i = 0; i < list.size(); ++i) {
          if (list[i].IsScalar() && list[i].Scalar() == e.names.back()) {
            if (list.size() == 1)
              d.remove(required);
            else
              d.remove(join(required, {i}));
            changed = true;
            break;
          }
        }
      }
    }
    return changed;
  }
  if (!d.has(target)) return d.set(target, type_node(e.type));
  YAML::Node existing = d.value(target);
  if (!existing.IsMap()) return d.set(target, type_node(e.type));
  if (existing["type"] && existing["type"].IsScalar() && existing["type"].Scalar() == e.type) return false;
  // Another type: keep the description and the like, drop what belongs to the old type.
  bool changed = d.set(join(target, {"type"}), YAML::Node(e.type));
  if (e.type != "object") {
    for (const char* k : {"properties", "additionalProperties", "x-kubernetes-preserve-unknown-fields"}) {
      changed = d.remove(join(target, {std::string(k)})) || changed;
    }
  }
  for (const char* k :
       {"items", "enum", "format", "pattern", "minimum", "maximum", "minLength", "maxLength", "default"}) {
    changed = d.remove(join(target, {std::string(k)})) || changed;
  }
  return changed;
}

size_t storage_version(const yamledit::Document& d, const Path& versions) {
  const yamledit::Node* list = d.find(versions);
  for (size_t i = 0; list && i < list->items.size(); ++i) {
    if (scalar_or(d, join(versions, {i, "storage"})) == "true") return i;
  }
  return 0;
}

}  // namespace

UpdateResult update_api(const UpdateApiOptions& o) {
  std::vector<PropertyEdit> edits = parse_properties(o.properties);
  if (edits.empty() && o.group.empty() && o.kind.empty() && o.version.empty() && o.plural.empty())
    throw UsageError("nothing to update; give --property, --group, --kind, --version or --plural");
  PromiseDir dir = PromiseDir::open(o.dir);
  Path crd;
  yamledit::Document& d = dir.api(crd);
  if (scalar_or(d, join(crd, {"kind"})) != "CustomResourceDefinition") {
    throw Error(d.location(crd), yamledit::to_string(crd) +
                                     " is not a CustomResourceDefinition; a Promise's API must be one (run 'kratix "
                                     "init promise' to see the shape)");
  }
  Path versions = join(crd, {"spec", "versions"});
  const yamledit::Node* versions_node = d.find(versions);
  if (!versions_node || versions_node->kind != yamledit::Node::Kind::Seq || versions_node->items.empty())
    throw Error(d.location(crd), yamledit::to_string(crd) + " has no spec.versions; add a version to the CRD");
  size_t vi = storage_version(d, versions);
  Path version_node = join(versions, {vi});
  Path spec = join(version_node, {"schema", "openAPIV3Schema", "properties", "spec"});

  UpdateResult r;
  Path root = join(version_node, {"schema", "openAPIV3Schema"});
  for (const auto& e : edits) apply_property(d, root, spec, e);

  if (!o.group.empty() || !o.kind.empty() || !o.version.empty() || !o.plural.empty()) {
    std::string group = o.group.empty() ? scalar_or(d, join(crd, {"spec", "group"})) : o.group;
    std::string kind = o.kind.empty() ? scalar_or(d, join(crd, {"spec", "names", "kind"})) : o.kind;
    std::string version = o.version.empty() ? scalar_or(d, join(version_node, {"name"})) : o.version;
    std::string plural = o.plural.empty() ? scalar_or(d, join(crd, {"spec", "names", "plural"})) : o.plural;
    auto check = [](const char* flag, const std::string& v, std::optional<std::string> why) {
      if (why) throw UsageError(std::string(flag) + " '" + v + "' is not valid: " + *why);
    };
    if (!o.group.empty()) check("--group", group, check_api_group(group));
    if (!o.kind.empty()) check("--kind", kind, check_kind(kind));
    if (!o.version.empty()) check("--version", version, check_api_version(version));
    if (!o.plural.empty()) check("--plural", plural, check_plural(plural));
    // Only what the flags change is written: a name the CRD leaves to its
    // default (singular) stays unwritten.
    auto str = [](const std::string& s) { return yamledit::string_node(s); };
    Path names = join(crd, {"spec", "names"});
    if (!o.group.empty()) d.set(join(crd, {"spec", "group"}), str(group));
    if (!o.kind.empty()) {
      d.set(join(names, {"kind"}), str(kind));
      if (d.has(join(names, {"singular"}))) d.set(join(names, {"singular"}), str(to_lower(kind)));
      if (d.has(join(names, {"listKind"}))) d.set(join(names, {"listKind"}), str(kind + "List"));
    }
    if (!o.plural.empty()) d.set(join(names, {"plural"}), str(plural));
    if (!o.version.empty()) d.set(join(version_node, {"name"}), str(version));
    if (!o.group.empty() || !o.plural.empty()) {
      if (plural.empty() || group.empty())
        throw Error(d.location(names), yamledit::to_string(crd) + " has no spec.names.plural or spec.group for its " +
                                           "name (PLURAL.GROUP); pass --plural and --group");
      d.set(join(crd, {"metadata", "name"}), str(plural + "." + group));
    }
    // Schemas that pin kind and apiVersion (as operator Promises do) follow the rename.
    Path root_props = join(root, {"properties"});
    if (!o.kind.empty() && d.has(join(root_props, {"kind", "enum"}))) {
      YAML::Node e(YAML::NodeType::Sequence);
      e.push_back(str(kind));
      d.set(join(root_props, {"kind", "enum"}), e);
    }
    if ((!o.group.empty() || !o.version.empty()) && d.has(join(root_props, {"apiVersion", "enum"}))) {
      YAML::Node e(YAML::NodeType::Sequence);
      e.push_back(str(group + "/" + version));
      d.set(join(root_props, {"apiVersion", "enum"}), e);
    }
    if (dir.exists(kExampleResourceFile)) {
      yamledit::Document& ex = dir.doc(kExampleResourceFile);
      bool ex_changed = false;
      if (!o.group.empty() || !o.version.empty()) ex_changed = ex.set({"apiVersion"}, str(group + "/" + version));
      if (!o.kind.empty()) ex_changed = ex.set({"kind"}, str(kind)) || ex_changed;
      if (ex_changed) r.messages.push_back("Example resource updated");
    }
  }
  r.files = dir.save();
  r.messages.push_back(r.files.empty() ? "Promise api updated (nothing to change)" : "Promise api updated");
  return r;
}

}  // namespace kratix::promise
