#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "skip.hpp"
#include "yaml_check.hpp"
#include "yamledit/document.hpp"

using namespace kratix::yamledit;
using kratix::test::same_yaml;

namespace {

// Mapping paths of a tree, breadth first, up to `limit`.
std::vector<Path> map_paths(const YAML::Node& root, size_t limit) {
  std::vector<Path> out;
  std::vector<std::pair<Path, YAML::Node>> queue{{{}, root}};
  for (size_t i = 0; i < queue.size() && out.size() < limit; ++i) {
    auto [path, node] = queue[i];
    if (node.IsMap()) {
      for (const auto& kv : node) {
        Path p = path;
        p.emplace_back(kv.first.Scalar());
        out.push_back(p);
        queue.emplace_back(p, kv.second);
      }
    } else if (node.IsSequence()) {
      for (size_t j = 0; j < node.size() && j < 3; ++j) {
        Path p = path;
        p.emplace_back(j);
        queue.emplace_back(p, node[j]);
      }
    }
  }
  return out;
}

YAML::Node at(YAML::Node n, const Path& p, size_t upto) {
  for (size_t i = 0; i < upto; ++i) {
    YAML::Node next =
        std::holds_alternative<std::string>(p[i]) ? n[std::get<std::string>(p[i])] : n[std::get<size_t>(p[i])];
    n.reset(next);
  }
  return n;
}

}  // namespace

TEST_CASE("yamledit: removing or adding under every key of the corpus Promises means exactly that") {
  std::filesystem::path dir = std::filesystem::path(KRATIX_SHARED) / "corpus" / "promises";
  if (kratix::test::skip_without(dir)) return;
  size_t edits = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string text = kratix::test::read_bytes(e.path());
    YAML::Node original = YAML::Load(text);
    for (const Path& p : map_paths(original, 120)) {
      CAPTURE(e.path().filename().string());
      CAPTURE(to_string(p));
      // Remove the key.
      Document d = Document::parse(text, e.path().string());
      bool anchored = false;
      try {
        d.remove(p);
      } catch (const kratix::Error&) {
        anchored = true;  // anchors are refused, never mangled
      }
      if (!anchored) {
        YAML::Node expected = YAML::Clone(original);
        at(expected, p, p.size() - 1).remove(std::get<std::string>(p.back()));
        YAML::Node got = YAML::Load(d.text());
        CHECK(same_yaml(got, expected));
        ++edits;
      }
      // Add a key under it when it is a mapping.
      YAML::Node target = at(YAML::Clone(original), p, p.size());
      if (target.IsMap()) {
        Document a = Document::parse(text, e.path().string());
        Path q = p;
        q.emplace_back("kratixTest");
        YAML::Node v(YAML::NodeType::Map);
        v["added"] = "yes-really";
        try {
          a.set(q, v);
        } catch (const kratix::Error&) {
          continue;
        }
        YAML::Node expected = YAML::Clone(original);
        at(expected, p, p.size())["kratixTest"]["added"] = "yes-really";
        CHECK(same_yaml(YAML::Load(a.text()), expected));
        ++edits;
      }
    }
  }
  CHECK(edits > 500);
}
