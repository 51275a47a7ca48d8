#pragma once
#include <yaml-cpp/yaml.h>

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

// The OpenAPI schema of a Promise API's `spec` for a Helm chart:
// - types from the values, as kratix-cli maps them (string, integer, number,
//   boolean; maps are objects that keep unknown fields; lists take their items'
//   schema from the first element, an empty one accepts any items; null is
//   free-form), with each scalar's value as its `default`;
// - a `description` for each key from the comments in values.yaml;
// - where the chart ships values.schema.json, its types, enums, required,
//   ranges, patterns and descriptions win, $ref/$defs resolved,
//   `type: [X, "null"]` as `nullable: true`, and keywords Kubernetes rejects
//   dropped or translated (each one reported through `note`);
// - always a structural schema; the top has `default: {}`.
// kratix::Error (file:line:col) for malformed values or schema files.
YAML::Node spec_schema_from_chart(const SchemaSources& sources,
                                  const std::function<void(const std::string&)>& note = {});

}  // namespace kratix::helm
