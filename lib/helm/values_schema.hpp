#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace kratix::helm {

struct SchemaSources {
  std::string values_yaml;                        // the chart's values.yaml
  std::optional<std::string> values_schema_json;  // its values.schema.json, when it ships one
  std::string values_file = "values.yaml";        // names for messages
  std::string schema_file = "values.schema.json";
};

// The OpenAPI schema of a Promise API's `spec` for a Helm chart, such that
// the API server accepts it, a request whose spec is values.yaml is valid,
// and the API server's defaulting gives what `helm install` would use:
// - types from the values (string, integer, number, boolean; maps are
//   objects that keep unknown fields; a list's items merge the types of all
//   its elements; null is free-form, or the type a helm-docs "(type)"
//   annotation names, nullable);
// - defaults from values.yaml only (Helm never applies a values.schema.json
//   default): a scalar's value, a list whole, an object `{}` so that its keys'
//   defaults apply; nothing below a list's items or a map's
//   additionalProperties, which the API server would apply to every element;
// - a `description` for each key from the comments in values.yaml;
// - where the chart ships values.schema.json, its types, enums, required,
//   ranges, patterns, additionalProperties and descriptions win, $ref/$defs
//   resolved (a recursive $ref ends in a free-form value), `type: [X, "null"]`
//   as `nullable: true`, [integer, string] as x-kubernetes-int-or-string, and
//   keywords Kubernetes rejects dropped or translated (each one reported
//   through `note`);
// - always a structural schema; the top has `default: {}`.
// kratix::Error (file:line:col) for malformed values or schema files.
nlohmann::ordered_json spec_schema_from_chart(const SchemaSources& sources,
                                              const std::function<void(const std::string&)>& note = {});

}  // namespace kratix::helm
