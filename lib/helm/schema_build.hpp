#pragma once
// The values.yaml -> OpenAPI schema builder, shared by its parts:
// values_schema.cpp (from the values), values_schema_json.cpp (what the
// chart's values.schema.json adds) and schema_merge.cpp (merging element
// types, checking defaults). Internal to helm/.
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "helm/values_comments.hpp"
#include "helm/values_file.hpp"
#include "helm/values_schema.hpp"

namespace kratix::helm::detail {

using nlohmann::json;
using nlohmann::ordered_json;

// Where a schema node is being built.
struct Place {
  std::string path;      // "a.b", "list[]", "map.*"
  bool defaults = true;  // false below items and additionalProperties
  int depth = 0;
};

class Builder {
 public:
  Builder(const SchemaSources& s, std::function<void(const std::string&)> note);
  ordered_json build();

 private:
  // From the values (values_schema.cpp).
  ordered_json node(const yamledit::Node* value, const json* js, const Place& at);
  ordered_json from_value(const yamledit::Node* value, ValueKind kind, const json* js, const Place& at);
  ordered_json list_items(const yamledit::Node& list, const json* js, const Place& at);
  void set_default(ordered_json& out, const yamledit::Node* value, ValueKind kind, const Place& at);
  void type_hint(ordered_json& out, const std::string& path);
  const json* pointer(const std::string& ref) const;
  void note(const std::string& path, const std::string& what) const;

  // From values.schema.json (values_schema_json.cpp).
  const json* child(const json* s, const std::string& key) const;
  const json* items_of(const json* s) const;
  bool map_schema(const json* s) const;  // additionalProperties with a schema, no properties
  void apply_json(ordered_json& out, const json& s, const Place& at, ValueKind kind, const yamledit::Node* value);
  void apply_type(ordered_json& out, const json& s, const std::string& path);
  void apply_keywords(ordered_json& out, const json& s, const std::string& path);
  void apply_object(ordered_json& out, const json& s, const Place& at, const yamledit::Node* value);

  const SchemaSources& src_;
  std::function<void(const std::string&)> note_;
  ValuesFile file_;
  ValuesDocs docs_;
  json root_json_;
  bool has_json_ = false;
  std::vector<const json*> active_refs_;  // $ref targets on the way down (a recursive $ref ends there)
  size_t work_ = 0;
};

// The kind of a built schema node: its type, "int-or-string" or "free-form".
std::string kind_of_schema(const ordered_json& s);
// One schema that accepts what either accepts (list elements of several kinds).
ordered_json merge_schemas(ordered_json a, const ordered_json& b);
// Whether the API server would accept `value` as `schema`'s default: types,
// nullable, enums and unknown fields, nested ones included.
bool fits(const ordered_json& schema, const ordered_json& value);

}  // namespace kratix::helm::detail
