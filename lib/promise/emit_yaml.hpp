#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace kratix::promise {

// Block-style YAML text of a node, two spaces a level, sequences indented under
// their key, keys in their order. Strings stay strings: a scalar that was quoted
// in its source (or made with string_node) is quoted again when its plain form
// would read as something else ('true', '123', ''). Multi-line strings become
// literal blocks with the right chomping (|-, |, |+). Flow style is kept for
// collections of scalars only; empty collections are {} and [].
std::string emit_yaml(const YAML::Node& node);

// A string scalar that emit_yaml keeps a string whatever it looks like.
YAML::Node string_node(const std::string& value);

}  // namespace kratix::promise
