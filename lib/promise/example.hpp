#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace kratix::promise {

// The spec of an example request for an API whose `spec` schema is given: each
// top-level required field with a value of its type (its default, its first
// enum value, or the zero value: 0, false, "", [] or {}). Empty when nothing is
// required. Unlike kratix-cli's "# type integer" strings, the result validates.
std::string example_spec(const YAML::Node& spec_schema);

}  // namespace kratix::promise
