#include "helm/values_schema.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "helm/schema_build.hpp"
#include "util/json_text.hpp"
#include "yamledit/emit.hpp"

namespace kratix::helm {

namespace detail {

namespace {

constexpr size_t kMaxNodes = 500000;  // schema nodes one chart may make
constexpr int kMaxDepth = 256;        // nesting of values and schema

ordered_json free_form() { return ordered_json{{"x-kubernetes-preserve-unknown-fields", true}}; }

// A key whose value is null is, for Helm, a key that is not there.
void drop_null_keys(ordered_json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      if (it->is_null()) {
        it = v.erase(it);
      } else {
        drop_null_keys(*it);
        ++it;
      }
    }
  } else if (v.is_array()) {
    for (auto& e : v) drop_null_keys(e);
  }
}

// A property name longer than a YAML key may be could not be written into
// the CRD (YAML readers stop at 1024 characters for an implicit key).
void check_property_names(const json& root, std::string_view text, const std::string& file) {
  std::vector<const json*> todo{&root};
  while (!todo.empty()) {
    const json* at = todo.back();
    todo.pop_back();
    if (at->is_object()) {
      auto props = at->find("properties");
      if (props != at->end() && props->is_object()) {
        for (auto it = props->begin(); it != props->end(); ++it) {
          if (it.key().size() > yamledit::kMaxKeyLength)
            throw Error(util::locate_json(text, util::json_pointer_of(root, &*props), file),
                        "the property name \"" + it.key().substr(0, 40) + "...\" is longer than " +
                            std::to_string(yamledit::kMaxKeyLength) +
                            " characters, too long to be a YAML key in the CRD; shorten it in the chart's schema");
        }
      }
      for (const auto& v : *at) todo.push_back(&v);
    } else if (at->is_array()) {
      for (const auto& v : *at) todo.push_back(&v);
    }
  }
}

}  // namespace

Builder::Builder(const SchemaSources& s, std::function<void(const std::string&)> note)
    : src_(s), note_(std::move(note)), file_(s.values_yaml, s.values_file), docs_(values_docs(file_)) {
  if (s.values_schema_json) {
    root_json_ = util::parse_json_file(*s.values_schema_json, s.schema_file, "fix the chart's schema");
    check_property_names(root_json_, *s.values_schema_json, s.schema_file);
    has_json_ = true;
  }
}

ordered_json Builder::build() {
  const yamledit::Node& root = file_.root();
  ValueKind kind = file_.kind(root);
  if (kind != ValueKind::Object && kind != ValueKind::Null)
    throw Error(file_.where(root.begin), "values.yaml must be a mapping of keys to values; fix the chart's values");
  ordered_json out = node(kind == ValueKind::Object ? &root : nullptr, has_json_ ? &root_json_ : nullptr, Place{});
  // The top is an object with default {}: a request without spec gets the chart's defaults.
  out.erase("x-kubernetes-preserve-unknown-fields");
  out.erase("x-kubernetes-int-or-string");
  out.erase("nullable");
  out["type"] = "object";
  out.erase("default");
  // default {} must itself be valid, which it is not when fields are required.
  if (!out.contains("required")) out["default"] = ordered_json::object();
  if (!out.contains("properties") && !out.contains("additionalProperties")) out["properties"] = ordered_json::object();
  return out;
}

void Builder::note(const std::string& path, const std::string& what) const {
  if (note_) note_((path.empty() ? std::string("(spec)") : path) + ": " + what);
}

// "#/a/b" within the schema file (JSON pointer escapes ~0 ~1 included).
const json* Builder::pointer(const std::string& ref) const {
  if (!ref.starts_with("#")) return nullptr;
  const json* at = &root_json_;
  size_t pos = ref.size() > 1 ? 2 : 1;
  if (ref.size() > 1 && ref[1] != '/') return nullptr;
  while (pos <= ref.size() && ref.size() > 1) {
    size_t slash = ref.find('/', pos);
    std::string part = ref.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    for (size_t i = 0; (i = part.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < part.size() && part[i + 1] == '1')
        part.replace(i, 2, "/");
      else if (i + 1 < part.size() && part[i + 1] == '0')
        part.replace(i, 2, "~");
    }
    if (at->is_object() && at->contains(part)) {
      at = &(*at)[part];
    } else if (at->is_array() && !part.empty() && std::all_of(part.begin(), part.end(), ::isdigit) &&
               std::stoul(part) < at->size()) {
      at = &(*at)[std::stoul(part)];
    } else {
      return nullptr;
    }
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return at;
}

ordered_json Builder::node(const yamledit::Node* value, const json* raw, const Place& at) {
  if (++work_ > kMaxNodes)
    throw Error(SourceLocation{has_json_ ? src_.schema_file : src_.values_file, 0, 0},
                "makes a schema of more than 500,000 nodes; the chart's values or schema are too large for an API");
  if (at.depth > kMaxDepth)
    throw Error(value ? file_.where(value->begin) : SourceLocation{src_.schema_file, 0, 0},
                "values nested deeper than 256 levels; flatten them");
  // Follow $ref; one seen already on the way down is recursive.
  const json* js = raw;
  size_t pushed = 0;
  bool recursive = false;
  while (js && js->is_object() && js->contains("$ref")) {
    if (const json& r = (*js)["$ref"]; !r.is_string())
      throw Error(util::locate_json(*src_.values_schema_json, util::json_pointer_of(root_json_, &r), src_.schema_file),
                  std::string("$ref is ") + r.type_name() +
                      ", not a reference such as \"#/$defs/name\"; fix the chart's schema");
    const std::string& ref = (*js)["$ref"].get_ref<const std::string&>();
    const json* target = pointer(ref);
    if (!target) {
      note(at.path, "$ref " + ref + " does not resolve within the schema file: ignored");
      break;
    }
    if (std::find(active_refs_.begin(), active_refs_.end(), target) != active_refs_.end()) {
      recursive = true;
      js = nullptr;
      break;
    }
    active_refs_.push_back(target);
    ++pushed;
    js = target;
  }
  struct Pop {
    std::vector<const json*>& refs;
    size_t n;
    ~Pop() { refs.resize(refs.size() - n); }
  } pop{active_refs_, pushed};

  ValueKind kind = value ? file_.kind(*value) : ValueKind::Null;
  ordered_json out = from_value(value, kind, js, at);
  auto c = docs_.descriptions.find(at.path);
  if (c != docs_.descriptions.end() && !c->second.empty()) out["description"] = c->second;
  if (kind == ValueKind::Null) type_hint(out, at.path);
  if (recursive) note(at.path, "recursive $ref: written as free-form from here down");
  if (js && js->is_object()) apply_json(out, *js, at, kind, value);
  // Structural rules.
  std::string k = kind_of_schema(out);
  if (k == "int-or-string") {
    for (const char* drop :
         {"type", "properties", "items", "additionalProperties", "x-kubernetes-preserve-unknown-fields"})
      out.erase(drop);
  } else if (k == "free-form") {
    for (const char* drop : {"properties", "items", "additionalProperties", "required"}) out.erase(drop);
    out["x-kubernetes-preserve-unknown-fields"] = true;
  } else if (k == "array" && !out.contains("items")) {
    out["items"] = free_form();
  }
  if (out.contains("properties") && out.contains("additionalProperties")) out.erase("additionalProperties");
  if (at.defaults) set_default(out, value, kind, at);
  return out;
}

ordered_json Builder::from_value(const yamledit::Node* value, ValueKind kind, const json* js, const Place& at) {
  ordered_json out = ordered_json::object();
  // Room for every keyword: ordered_json copies its entries (and all below them) when its vector grows.
  out.get_ref<ordered_json::object_t&>().reserve(8);
  switch (kind) {
    case ValueKind::Object: {
      out["type"] = "object";
      if (map_schema(js)) break;  // a map whose values the schema types: additionalProperties (apply_json)
      ordered_json props = ordered_json::object();
      const std::vector<Member> members = file_.members(*value);
      // Reserved: ordered_json's entries are copied, not moved, when its vector grows.
      props.get_ref<ordered_json::object_t&>().reserve(members.size());
      for (const Member& m : members) {
        std::string p = at.path.empty() ? m.key : at.path + "." + m.key;
        props[m.key] = node(m.value, child(js, m.key), Place{p, at.defaults, at.depth + 1});
      }
      out["properties"] = std::move(props);
      out["x-kubernetes-preserve-unknown-fields"] = true;
      break;
    }
    case ValueKind::Array:
      out["type"] = "array";
      out["items"] = list_items(*value, items_of(js), at);
      break;
    case ValueKind::String: out["type"] = "string"; break;
    case ValueKind::Integer: out["type"] = "integer"; break;
    case ValueKind::Number: out["type"] = "number"; break;
    case ValueKind::Boolean: out["type"] = "boolean"; break;
    case ValueKind::Null: out["x-kubernetes-preserve-unknown-fields"] = true; break;
  }
  return out;
}

// The schema of a list's items: the types of all its elements merged (a
// null element makes them nullable); no defaults below.
ordered_json Builder::list_items(const yamledit::Node& list, const json* js, const Place& at) {
  Place item{at.path + "[]", false, at.depth + 1};
  ordered_json merged;
  bool null_element = false;
  for (const yamledit::Node* e : file_.items(list)) {
    if (file_.kind(*e) == ValueKind::Null) {
      null_element = true;
      continue;
    }
    ordered_json s = node(e, js, item);
    merged = merged.is_null() ? std::move(s) : merge_schemas(std::move(merged), s);
  }
  if (merged.is_null()) return js ? node(nullptr, js, item) : free_form();
  if (null_element && kind_of_schema(merged) != "free-form") merged["nullable"] = true;
  return merged;
}

// The default is values.yaml's value: a scalar's, a list or free-form map
// whole, {} for an object whose keys carry their own. None when null, and
// none the API server would refuse.
void Builder::set_default(ordered_json& out, const yamledit::Node* value, ValueKind kind, const Place& at) {
  if (!value || kind == ValueKind::Null) return;
  ordered_json d;
  if (kind == ValueKind::Object && out.contains("properties")) {
    if (out.contains("required")) return;  // {} would miss them
    d = ordered_json::object();
  } else {
    d = file_.json(*value);
    drop_null_keys(d);
  }
  if (fits(out, d)) {
    out["default"] = std::move(d);
  } else {
    note(at.path, "values.yaml's value does not fit the schema: no default");
  }
}

// A null value documented as "# -- (string) ...": that type, and null allowed.
void Builder::type_hint(ordered_json& out, const std::string& path) {
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
  out.erase("x-kubernetes-preserve-unknown-fields");
  out["type"] = type;
  out["nullable"] = true;
  if (type == "object") out["x-kubernetes-preserve-unknown-fields"] = true;
  if (type == "array") out["items"] = free_form();
}

}  // namespace detail

nlohmann::ordered_json spec_schema_from_chart(const SchemaSources& sources,
                                              const std::function<void(const std::string&)>& note) {
  return detail::Builder(sources, note).build();
}

}  // namespace kratix::helm
