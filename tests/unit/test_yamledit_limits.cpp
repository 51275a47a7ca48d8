#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "util/nesting.hpp"
#include "yamledit/document.hpp"
#include "yamledit/emit.hpp"

using kratix::yamledit::Document;

namespace {

std::string parse_error(const std::string& text) {
  try {
    Document::parse(text, "deep.yaml");
  } catch (const kratix::Error& e) {
    return e.describe();
  }
  FAIL("accepted");
  return "";
}

}  // namespace

TEST_CASE("yamledit: 200000 nested '- ' on one line stop at the nesting bound") {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "- ";
  text += "x\n";
  CHECK(parse_error(text) ==
        "deep.yaml:1:513: nesting deeper than 256 levels; kratix reads at most 256, flatten the "
        "structure");
}

TEST_CASE("yamledit: deeply nested mappings over many lines stop at the nesting bound") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  std::string e = parse_error(text);
  CHECK(e.find("deep.yaml:257:257: nesting deeper than 256 levels") == 0);
}

TEST_CASE("yamledit: nesting up to the bound is read") {
  std::string text;
  for (int i = 0; i < kratix::util::kMaxNesting; ++i) text += "- ";
  text += "x\n";
  Document d = Document::parse(text, "ok.yaml");
  CHECK(d.text() == text);
}

TEST_CASE("yamledit: writing a value nested deeper than the bound is an error, not a crash") {
  YAML::Node deep(YAML::NodeType::Sequence);
  YAML::Node at = deep;
  for (int i = 0; i < 1000; ++i) {
    YAML::Node inner(YAML::NodeType::Sequence);
    at.push_back(inner);
    at.reset(inner);
  }
  at.push_back("x");
  CHECK_THROWS_WITH_AS(kratix::yamledit::emit_yaml(deep),
                       "cannot write YAML: nesting deeper than 256 levels; kratix reads at most 256, flatten the "
                       "structure",
                       kratix::Error);
}

TEST_CASE("yamledit: flow collections count toward the nesting bound") {
  const std::string text = "a:\n  b: " + std::string(600, '[') + std::string(600, ']') + "\n";
  // Two block levels (the mappings), then the brackets: the 255th one is too deep.
  CHECK(parse_error(text) ==
        "deep.yaml:2:260: nesting deeper than 256 levels; kratix reads at most 256, flatten the "
        "structure");
}
