#include "util/nesting.hpp"

#include <utility>
#include <vector>

namespace kratix::util {

std::string nesting_message() {
  return "nesting deeper than " + std::to_string(kMaxNesting) + " levels; kratix reads at most " +
         std::to_string(kMaxNesting) + ", flatten the structure";
}

Error nesting_error(SourceLocation where) { return Error(std::move(where), nesting_message()); }

void check_yaml_nesting(const YAML::Node& root, const std::string& file, int line_offset) {
  if (!root || !(root.IsMap() || root.IsSequence())) return;
  std::vector<std::pair<YAML::Node, int>> todo{{root, 0}};
  std::size_t seen = 0;
  while (!todo.empty()) {
    auto [node, depth] = std::move(todo.back());
    todo.pop_back();
    seen += 1 + node.size();
    if (seen > kMaxValues)
      throw Error(SourceLocation{file, 0, 0}, "holds more than " + std::to_string(kMaxValues) +
                                                  " values once its YAML aliases are followed; write the values out "
                                                  "instead of repeating aliases");
    if (depth > kMaxNesting) {
      const YAML::Mark m = node.Mark();
      throw nesting_error({file, m.line < 0 ? 0 : m.line + 1 + line_offset, m.column < 0 ? 0 : m.column + 1});
    }
    if (node.IsMap()) {
      for (const auto& kv : node) {
        if (kv.second.IsMap() || kv.second.IsSequence()) todo.emplace_back(kv.second, depth + 1);
        if (kv.first.IsMap() || kv.first.IsSequence()) todo.emplace_back(kv.first, depth + 1);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node)
        if (item.IsMap() || item.IsSequence()) todo.emplace_back(item, depth + 1);
    }
  }
}

}  // namespace kratix::util
