#pragma once
// Helpers for the YAML editing tests: semantic equality and line diffs.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kratix::test {

// A file's bytes (corpus files in the tests).
inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Deep equality of two yaml-cpp trees (scalars compared as text).
inline bool same_yaml(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  switch (a.Type()) {
    case YAML::NodeType::Scalar: return a.Scalar() == b.Scalar();
    case YAML::NodeType::Sequence:
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!same_yaml(a[i], b[i])) return false;
      }
      return true;
    case YAML::NodeType::Map: {
      if (a.size() != b.size()) return false;
      for (const auto& kv : a) {
        YAML::Node other = b[kv.first.Scalar()];
        if (!other || !same_yaml(kv.second, other)) return false;
      }
      return true;
    }
    default: return true;
  }
}

inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// The lines of `before` that are not in `after` and the reverse, as a simple
// prefix/suffix diff: the changed middle of each.
struct LineDiff {
  std::vector<std::string> removed, added;
};
inline LineDiff line_diff(const std::string& before, const std::string& after) {
  auto a = split_lines(before), b = split_lines(after);
  size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  size_t s = 0;
  while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  LineDiff d;
  d.removed.assign(a.begin() + static_cast<std::ptrdiff_t>(p), a.end() - static_cast<std::ptrdiff_t>(s));
  d.added.assign(b.begin() + static_cast<std::ptrdiff_t>(p), b.end() - static_cast<std::ptrdiff_t>(s));
  return d;
}

}  // namespace kratix::test
