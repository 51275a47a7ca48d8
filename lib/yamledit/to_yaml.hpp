#pragma once
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "yamledit/node.hpp"

namespace kratix::yamledit {

// A value of a scanned document as a yaml-cpp node, built from the scan (no
// second parse). Scalars keep whether they were plain (tag "?", as yaml-cpp's
// own parser marks them) or quoted ("!"); plain null, Null, NULL and ~ are
// null; flow collections keep the flow style; aliases are followed to their
// anchors (at most a million values in all). `where` names a byte offset's
// place for errors.
struct ToYaml {
  std::string_view text;
  const Tree& tree;
  std::function<SourceLocation(size_t)> where;

  YAML::Node operator()(const Node& n) const;

 private:
  YAML::Node build(const Node& n, size_t& budget, int depth) const;
  // The last anchor named `name` before byte `before`, if any.
  const Node* anchor_named(std::string_view name, size_t before) const;
  // The anchored node the alias named `name` at byte `at` stands for; an
  // error at `at` when no anchor of that name comes before it.
  const Node& anchored(std::string_view name, size_t at) const;
};

}  // namespace kratix::yamledit
