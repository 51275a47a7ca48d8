#pragma once
// Reading a yaml-cpp tree of unknown shape. yaml-cpp's operator[] throws
// (BadSubscript, with its own line numbers) when a step is a scalar, e.g. a
// pipeline written as `[foo]`; this walks a path of mapping keys and yields
// an undefined node (false in a condition) instead.
#include <yaml-cpp/yaml.h>

#include <initializer_list>

namespace kratix::util {

inline YAML::Node at_path(const YAML::Node& node, std::initializer_list<const char*> keys) {
  YAML::Node cur = node;
  for (const char* key : keys) {
    if (!cur || !cur.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& view = cur;  // the const operator[] adds no key to the tree
    YAML::Node next = view[key];
    if (!next) return YAML::Node(YAML::NodeType::Undefined);  // reset() refuses a missing key's node
    cur.reset(next);
  }
  return cur;
}

}  // namespace kratix::util
