#pragma once
// How deep kratix follows nested input. Every reader and writer that walks
// YAML or JSON recursively counts its depth and stops at kMaxNesting with
// "FILE:LINE:COL: nesting deeper than 256 levels; ...", so no input can
// exhaust the stack; real documents stay far below (charts and Promises nest
// at most a few dozen levels).
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion, yaml-cpp's own bound
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

#include "core/error.hpp"

namespace kratix::util {

inline constexpr int kMaxNesting = 256;
// Values (after YAML aliases are followed) one document may hold: an alias
// "bomb" expands to more long before it takes minutes or gigabytes.
inline constexpr std::size_t kMaxValues = 1000000;

// "nesting deeper than 256 levels; ..." (the message, without the place).
std::string nesting_message();

// The error for input nested too deeply at `where`.
Error nesting_error(SourceLocation where);

// Counts one level for as long as it lives: `NestingLevel level(depth_);`
// then `if (level.too_deep()) throw ...`.
class NestingLevel {
 public:
  explicit NestingLevel(int& depth) : depth_(depth) { ++depth_; }
  ~NestingLevel() { --depth_; }
  NestingLevel(const NestingLevel&) = delete;
  NestingLevel& operator=(const NestingLevel&) = delete;
  bool too_deep() const { return depth_ > kMaxNesting; }

 private:
  int& depth_;
};

// Checks a parsed YAML document without recursion: kratix::Error
// "FILE:LINE:COL: nesting deeper than ..." at the first value nested deeper
// than kMaxNesting, or "FILE: ... more than 1000000 values" when aliases
// expand it beyond kMaxValues. `line_offset` is added to reported lines.
void check_yaml_nesting(const YAML::Node& root, const std::string& file, int line_offset = 0);

}  // namespace kratix::util
