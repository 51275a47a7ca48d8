#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "schema/sink.hpp"

namespace kratix::schema {

// Validates a value against an OpenAPI v3 schema as the Kubernetes API server
// does for custom resources: type, enum, required, properties,
// additionalProperties, items, minimum/maximum (and exclusive), multipleOf,
// minLength/maxLength, pattern, minItems/maxItems, uniqueItems,
// minProperties/maxProperties, format int32/int64, nullable,
// x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields (without it,
// fields the schema does not declare are reported: the server would prune them),
// allOf/anyOf/oneOf/not. Findings go to `sink` with rules "schema.<keyword>".
// `resource_root`: the value is a whole object, whose apiVersion, kind and
// metadata are Kubernetes' own.
void check_value(const YAML::Node& value, const YAML::Node& schema, const std::string& path, const Sink& sink,
                 bool resource_root = false);

// Whether the value passes the schema (no findings).
bool passes(const YAML::Node& value, const YAML::Node& schema);

}  // namespace kratix::schema
