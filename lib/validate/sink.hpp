#pragma once
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "validate/finding.hpp"

namespace kratix::validate {

// Where findings go; `locate` turns a node's mark into file, line and column.
struct Sink {
  std::vector<Finding>* out = nullptr;
  std::function<void(Finding&, const YAML::Node&)> locate;

  void add(const std::string& rule, const YAML::Node& at, const std::string& path, const std::string& message) const {
    Finding f{rule, path, message, "", 0, 0};
    if (locate) locate(f, at);
    out->push_back(std::move(f));
  }
};

// "a.b" + "c" -> "a.b.c"; list items as "[i]".
inline std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
inline std::string item_path(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// n[key] when n is a mapping, else an empty node: yaml-cpp throws when a
// subscript follows a missing key or a scalar, and input can be anything.
inline YAML::Node child_of(const YAML::Node& n, const char* key) {
  return n && n.IsMap() && n[key] ? n[key] : YAML::Node();
}

}  // namespace kratix::validate
