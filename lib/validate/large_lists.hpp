#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kratix::validate {

// What validate needs of one item of spec.dependencies.
struct DependencyItem {
  int line = 0, column = 0;  // 1-based
  bool object = false;       // a mapping (block or flow {...})
  bool null = false;         // written as nothing, ~ or null
  std::string kind, name, namespace_;
};

// yaml-cpp takes most of the time of a large Promise, and most of a large
// Promise is spec.dependencies (an operator's manifests), of which validate
// only needs each item's shape, kind, name and namespace. When that list is a
// block sequence of more than `threshold` bytes, it is read with the fast
// yamledit scanner instead: it is cut out of `text` but for its line breaks
// (every later line keeps its number and columns) and its items are
// returned. Otherwise `text` is left alone and nothing is returned.
std::optional<std::vector<DependencyItem>> take_out_dependencies(std::string& text, const std::string& file,
                                                                 size_t threshold = size_t{64} * 1024);

}  // namespace kratix::validate
