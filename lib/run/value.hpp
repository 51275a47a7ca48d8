#pragma once
// Kubernetes objects as values: YAML read with the types Kubernetes gives it,
// and written back the way Kratix writes object.yaml.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::run {

using Json = nlohmann::json;  // keys sorted, as Go's encoding/json writes maps

// A YAML node as the value Kubernetes reads from it. Kubernetes decodes YAML
// with sigs.k8s.io/yaml, i.e. go-yaml v2 and YAML 1.1 scalars: a plain
// `yes`/`on`/`y` is a boolean, `012` is octal, `1_000` is an integer; quoted
// and block scalars are strings; `~`, `null` and nothing are null.
Json to_json(const YAML::Node& node);

// Every document of a YAML text (empty documents are null). kratix::Error
// "FILE:LINE:COL: ..." when it is not YAML.
std::vector<Json> parse_yaml_stream(const std::string& text, const std::string& file);
// The one document of a YAML text (null when empty); several are an error.
Json parse_yaml_value(const std::string& text, const std::string& file);

// YAML text of a value as Kratix writes object.yaml (sigs.k8s.io/yaml):
// keys sorted, two-space indentation, sequences not indented under their key,
// strings quoted only when they would read back as something else.
std::string to_yaml(const Json& value);

// A short one-line form of a scalar or small value, for messages.
std::string brief(const Json& value);

}  // namespace kratix::run
