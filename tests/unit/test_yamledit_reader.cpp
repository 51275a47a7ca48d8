// The scanner as a YAML reader: what it reads must be what yaml-cpp reads,
// scalar for scalar (value and plain/quoted), over crafted inputs and over
// every YAML file of the shared corpus (Promises and Helm charts' values).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "skip.hpp"
#include "yaml_check.hpp"
#include "yamledit/document.hpp"

using namespace kratix::yamledit;

namespace {

// Where two trees differ ("" when they do not): structure, keys, scalar text
// and whether a scalar was plain ("?") or not.
std::string difference(const YAML::Node& a, const YAML::Node& b, const std::string& path = "") {
  if (a.Type() != b.Type()) return path + ": node types differ";
  switch (a.Type()) {
    case YAML::NodeType::Scalar:
      if (a.Scalar() != b.Scalar()) return path + ": '" + a.Scalar() + "' vs '" + b.Scalar() + "'";
      if ((a.Tag() == "?") != (b.Tag() == "?")) return path + ": tags " + a.Tag() + " vs " + b.Tag();
      return "";
    case YAML::NodeType::Sequence:
      if (a.size() != b.size()) return path + ": lengths differ";
      for (size_t i = 0; i < a.size(); ++i) {
        auto d = difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
        if (!d.empty()) return d;
      }
      return "";
    case YAML::NodeType::Map: {
      if (a.size() != b.size()) return path + ": sizes differ";
      for (const auto& kv : a) {
        if (!kv.first.IsScalar()) continue;  // complex keys: not compared
        YAML::Node other = b[kv.first.Scalar()];
        if (!other) return path + ": key '" + kv.first.Scalar() + "' missing";
        auto d = difference(kv.second, other, path + "." + kv.first.Scalar());
        if (!d.empty()) return d;
      }
      return "";
    }
    default: return "";
  }
}

// What the scanner reads from each document of text, against yaml-cpp.
// strict: yaml-cpp must read it (crafted inputs); else a text yaml-cpp refuses is not compared.
std::string compare_with_yaml_cpp(const std::string& text, const std::string& name, bool strict = false) {
  std::vector<YAML::Node> expected;
  try {
    expected = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    return strict ? "yaml-cpp refuses it: " + e.msg : "";
  }
  Stream s = Stream::parse(text, name);
  std::vector<YAML::Node> got;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s[i].empty()) got.push_back(s[i].value({}));
  }
  std::vector<YAML::Node> want;
  for (const auto& e : expected) {
    if (!e.IsNull()) want.push_back(e);
  }
  if (got.size() != want.size())
    return name + ": " + std::to_string(got.size()) + " documents vs " + std::to_string(want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    auto d = difference(got[i], want[i], name + " doc " + std::to_string(i));
    if (!d.empty()) return d;
  }
  return "";
}

}  // namespace

TEST_CASE("yamledit reader: scalars of every style read as yaml-cpp reads them") {
  const char* inputs[] = {
      "a: plain text\nb: 'single ''quoted'''\nc: \"double \\\"q\\\" \\t \\u00e9 \\x41\"\n",
      "a: plain\n  continued\n\n  after a blank\nb: x\n",
      "a: 'one\n  two\n\n  three'\nb: \"x\\\n  y\"\n",
      "a: |\n  line one\n    indented\n\n  last\nb: >\n  folded\n  text\n\n  para\n    kept\n  end\n",
      "a: |-\n  strip\nb: |+\n  keep\n\n\nc: >-\n  x\n  y\n",
      "k: |2\n    two more\n   one more\n",
      "- |\n  in a list\n- >-\n  folded\n  item\n",
      "a: ~\nb: null\nc:\nd: 'null'\ne: !!str 12\n",
      "flow: {a: 1, 'b': \"two\", c: [x, y, {z: w}], d: , e}\nlist: [ a , b , ]\n",
      "multi: {\n  a: 1,  # one\n  b: [\n    x,\n    y\n  ],\n}\n",
      "url: http://x.y/z?a=b#c\nt: 12:30\nquote: it's\nhash: a#b\n",
      "\"quoted key\": 1\n'k': 2\n? explicit\n: value\nlast: 3\n",
      "anchors:\n  base: &b {x: 1}\n  use: *b\n  list: &l\n    - 1\n  again: *l\n",
      "- a: 1\n  b: 2\n-   c: 3\n    d: 4\n- - nested\n  - seq\n",
      "empty_map: {}\nempty_seq: []\nspaces: {  }\n",
      "key: value # comment\n# full line\nother: 'v' # c\n",
      "crlf: 1\r\nblock: |\r\n  a\r\n  b\r\nq: 'x\r\n  y'\r\n",
      "\uFEFFbom: 1\n",  // a byte order mark
      "# head\n---\na: 1\n---\nb: [1, 2]\n...\n",
      "%YAML 1.2\n---\na: 1\n",
      "tabs:\tvalue\nafter: \"x\"\t# c\n",
  };
  for (const char* t : inputs) {
    CAPTURE(t);
    CHECK(compare_with_yaml_cpp(t, "t.yaml", true) == "");
  }
}

TEST_CASE("yamledit reader: the comparison sees a difference of value, quoting or shape") {
  CHECK(difference(YAML::Load("a: 'x'"), YAML::Load("a: x")) != "");
  CHECK(difference(YAML::Load("a: x"), YAML::Load("a: y")) != "");
  CHECK(difference(YAML::Load("a: [x]"), YAML::Load("a: {x: 1}")) != "");
  CHECK(difference(YAML::Load("a: {x: 1}"), YAML::Load("a: {y: 1}")) != "");
  CHECK(difference(YAML::Load("a: [x, y]"), YAML::Load("a: [x, y]")) == "");
}

TEST_CASE("yamledit reader: every corpus YAML file reads as yaml-cpp reads it") {
  std::filesystem::path corpus = std::filesystem::path(KRATIX_SHARED) / "corpus";
  if (kratix::test::skip_without(corpus)) return;
  size_t files = 0, refused = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(corpus)) {
    auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    std::string p = e.path().string();
    if (p.find("/templates/") != std::string::npos) continue;  // Go templates, not YAML
    std::string text = kratix::test::read_bytes(e.path());
    CAPTURE(p);
    try {
      CHECK(compare_with_yaml_cpp(text, p) == "");
    } catch (const kratix::Error& err) {
      // The scanner may refuse only what yaml-cpp refuses too.
      bool yaml_cpp_refuses = false;
      try {
        YAML::LoadAll(text);
      } catch (const YAML::Exception&) {
        yaml_cpp_refuses = true;
      }
      CAPTURE(err.describe());
      CHECK(yaml_cpp_refuses);
      ++refused;
    }
    ++files;
  }
  MESSAGE(files << " files read, " << refused << " refused by both readers");
  CHECK(files > 300);
}
