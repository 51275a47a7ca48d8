#pragma once
// Converting between nlohmann::json values and yaml-cpp nodes, for schemas
// built as JSON and emitted as YAML (and YAML documents read as JSON).
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace kratix::yamledit {

// JSON -> YAML, keeping strings strings (yamledit::string_node).
YAML::Node json_to_yaml(const nlohmann::json& value);

// YAML -> JSON: plain scalars become null, booleans, integers or floats when
// they read as such (YAML 1.2 core schema), quoted scalars stay strings.
nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace kratix::yamledit
