#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "skip.hpp"
#include "yaml_check.hpp"
#include "yamledit/document.hpp"

using namespace kratix::yamledit;
using kratix::test::line_diff;
using kratix::test::same_yaml;
using Strings = std::vector<std::string>;

namespace {

YAML::Node Y(const std::string& text) { return YAML::Load(text); }

// Applies an edit and checks the result: it means what `expected` means, and
// the lines that changed are exactly `removed` -> `added`.
template <typename Edit>
std::string check_edit(const std::string& before, Edit edit, const std::string& expected_yaml, const Strings& removed,
                       const Strings& added) {
  Document d = Document::parse(before, "t.yaml");
  edit(d);
  CAPTURE(d.text());
  CHECK(same_yaml(YAML::Load(d.text()), YAML::Load(expected_yaml)));
  auto diff = line_diff(before, d.text());
  CHECK(diff.removed == removed);
  CHECK(diff.added == added);
  return d.text();
}

const char* kPromise =
    "# team notes\n"
    "spec:\n"
    "  api:\n"
    "    versions:\n"
    "    - name: v1   # current\n"
    "      schema:\n"
    "        properties:\n"
    "          # size of it\n"
    "          size:\n"
    "            type: string\n"
    "            enum: [small, large]\n"
    "\n"
    "          other: {type: integer}\n"
    "  workflows:\n"
    "    resource:\n"
    "      configure: []\n"
    "    promise:\n"
    "      configure: []\n";

}  // namespace

TEST_CASE("yamledit: an unedited document is byte-identical") {
  for (const char* t :
       {kPromise, "a: 1", "a: 1\r\nb: 2\r\n", "", "# only a comment\n", "- a\n- b\n", "x: |\n  text\n\n"}) {
    CHECK(Document::parse(t, "t.yaml").text() == t);
  }
}

TEST_CASE("yamledit: set adds a property after the last one, keeping comments and blank lines") {
  Document d = Document::parse(kPromise, "t.yaml");
  YAML::Node prop(YAML::NodeType::Map);
  prop["type"] = "string";
  CHECK(d.set({"spec", "api", "versions", size_t{0}, "schema", "properties", "region"}, prop));
  auto diff = line_diff(kPromise, d.text());
  CHECK(diff.removed == Strings{});
  CHECK(diff.added == Strings{"          region:", "            type: string"});
  YAML::Node expected = Y(kPromise);
  expected["spec"]["api"]["versions"][0]["schema"]["properties"]["region"]["type"] = "string";
  CHECK(same_yaml(Y(d.text()), expected));
  // Again: nothing changes.
  CHECK_FALSE(d.set({"spec", "api", "versions", size_t{0}, "schema", "properties", "region"}, prop));
}

TEST_CASE("yamledit: set replaces a scalar in place and keeps its trailing comment") {
  check_edit(kPromise,
             [](Document& d) {
               d.set({"spec", "api", "versions", size_t{0}, "name"}, YAML::Node("v2"));
             },
             std::string(kPromise).replace(std::string(kPromise).find("v1   #"), 2, "v2"),
             {"    - name: v1   # current"}, {"    - name: v2   # current"});
}

TEST_CASE("yamledit: set into an empty flow collection writes a block") {
  YAML::Node pipeline = Y("apiVersion: platform.kratix.io/v1alpha1\nkind: Pipeline\nmetadata:\n  name: p\n");
  Document d = Document::parse(kPromise, "t.yaml");
  d.append({"spec", "workflows", "resource", "configure"}, pipeline);
  auto diff = line_diff(kPromise, d.text());
  CHECK(diff.removed == Strings{"      configure: []"});
  CHECK(diff.added == Strings{"      configure:", "      - apiVersion: platform.kratix.io/v1alpha1",
                              "        kind: Pipeline", "        metadata:", "          name: p"});
  // A second append goes after the first item.
  d.append({"spec", "workflows", "resource", "configure"}, Y("name: q\n"));
  CHECK(Y(d.text())["spec"]["workflows"]["resource"]["configure"][1]["name"].as<std::string>() == "q");
  CHECK(Y(d.text())["spec"]["workflows"]["promise"]["configure"].size() == 0);
}

TEST_CASE("yamledit: indented sequences and 4-space files get new nodes in their style") {
  std::string t = "a:\n    list:\n        - x\n    map:\n        k: 1\n    empty: []\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK(d.style().step == 4);
  CHECK(d.style().indent_sequences);
  d.append({"a", "list"}, YAML::Node("y"));
  d.set({"a", "map", "n"}, Y("deep:\n  er: 1\n"));
  d.append({"a", "empty"}, Y("name: z\n"));
  // y and n are booleans to YAML 1.1 readers: written as strings they are quoted.
  CHECK(d.text() ==
        "a:\n    list:\n        - x\n        - 'y'\n    map:\n        k: 1\n        'n':\n            deep:\n"
        "                er: 1\n"
        "    empty:\n        - name: z\n");
}

TEST_CASE("yamledit: flush sequences (not indented under their key) stay flush") {
  std::string t = "spec:\n  list:\n  - a\n  other: []\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK_FALSE(d.style().indent_sequences);
  d.append({"spec", "list"}, YAML::Node("b"));
  d.append({"spec", "other"}, Y("k: v\n"));
  CHECK(d.text() == "spec:\n  list:\n  - a\n  - b\n  other:\n  - k: v\n");
}

TEST_CASE("yamledit: remove takes the key, its value and the comments right above it") {
  check_edit(
      kPromise,
      [](Document& d) {
        CHECK(d.remove({"spec", "api", "versions", size_t{0}, "schema", "properties", "size"}));
      },
      "# team notes\nspec:\n  api:\n    versions:\n    - name: v1\n      schema:\n        properties:\n          "
      "other: {type: integer}\n"
      "  workflows:\n    resource:\n      configure: []\n    promise:\n      configure: []\n",
      {"          # size of it", "          size:", "            type: string", "            enum: [small, large]"},
      {});
}

TEST_CASE("yamledit: removing the last key leaves {} and removing what is absent changes nothing") {
  std::string t = "spec:\n  properties:\n    only:\n      type: string\n  x: 1\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK_FALSE(d.remove({"spec", "properties", "nope"}));
  CHECK(d.text() == t);
  CHECK(d.remove({"spec", "properties", "only"}));
  CHECK(d.text() == "spec:\n  properties: {}\n  x: 1\n");
}

TEST_CASE("yamledit: removing a sequence item and the first key of an item") {
  std::string t = "l:\n- a: 1\n  b: 2\n- c\n- d\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK(d.remove({"l", size_t{1}}));
  CHECK(d.text() == "l:\n- a: 1\n  b: 2\n- d\n");
  CHECK(d.remove({"l", size_t{0}, "a"}));
  CHECK(d.text() == "l:\n- b: 2\n- d\n");
}

TEST_CASE("yamledit: edits inside flow mappings re-emit that mapping") {
  std::string t = "p:\n  other: {type: integer}   # note\n";
  Document d = Document::parse(t, "t.yaml");
  d.set({"p", "other", "format"}, YAML::Node("int32"));
  CHECK(d.text() == "p:\n  other: {type: integer, format: int32}   # note\n");
  d.remove({"p", "other", "type"});
  CHECK(d.text() == "p:\n  other: {format: int32}   # note\n");
  d.set({"p", "other", "nested"}, Y("{a: 1}"));
  CHECK(same_yaml(Y(d.text())["p"]["other"], Y("{format: int32, nested: {a: 1}}")));
}

TEST_CASE("yamledit: CRLF files stay CRLF and a missing final newline stays missing") {
  std::string crlf = "a:\r\n  b: 1\r\n";
  Document d = Document::parse(crlf, "t.yaml");
  d.set({"a", "c"}, Y("{x: [1, 2], y: z}"));
  CHECK(d.text().find('\n') == d.text().find("\r\n") + 1);
  for (size_t i = 0; i < d.text().size(); ++i) {
    if (d.text()[i] == '\n') CHECK(d.text()[i - 1] == '\r');
  }
  CHECK(same_yaml(Y(d.text()), Y("a: {b: 1, c: {x: [1, 2], y: z}}")));
  Document e = Document::parse("a: 1\nb: 2", "t.yaml");
  e.set({"c"}, YAML::Node("3"));
  CHECK(e.text() == "a: 1\nb: 2\nc: 3");
  e.remove({"c"});
  CHECK(e.text() == "a: 1\nb: 2");
}

TEST_CASE("yamledit: block scalars and multi-line scalars are spanned whole") {
  std::string t =
      "a: |\n  line one\n\n  line three\nb: >-\n  folded\n  text\nc: plain\n  continued\nd: \"two\n  lines\"\ne: 1\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK(d.value({"a"}).as<std::string>() == "line one\n\nline three\n");
  CHECK(d.value({"c"}).as<std::string>() == "plain continued");
  d.set({"b"}, YAML::Node("short"));
  d.set({"d"}, YAML::Node("one"));
  d.set({"f"}, YAML::Node("new"));
  CHECK(d.text() == "a: |\n  line one\n\n  line three\nb: short\nc: plain\n  continued\nd: one\ne: 1\nf: new\n");
}

TEST_CASE("yamledit: strings that look like other types stay strings") {
  Document d = Document::parse("a: 1\n", "t.yaml");
  YAML::Node v(YAML::NodeType::Map);
  YAML::Node s = YAML::Node("true");
  s.SetTag("!");
  v["flag"] = s;
  d.set({"b"}, v);
  CHECK(Y(d.text())["b"]["flag"].Tag() == "!");
}

TEST_CASE("yamledit: anchors and aliases are refused, never mangled") {
  std::string t = "base: &base\n  x: 1\nuse: *base\nplain: 2\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK_THROWS_WITH_AS(d.set({"base", "x"}, YAML::Node(2)), doctest::Contains("is in the YAML anchor &base"),
                       kratix::Error);
  CHECK_THROWS_WITH_AS(d.set({"use", "y"}, YAML::Node(2)), doctest::Contains("goes through the YAML alias *base"),
                       kratix::Error);
  CHECK_THROWS_AS(d.remove({"base"}), kratix::Error);
  CHECK_THROWS_WITH_AS(d.remove({"use", "x"}), doctest::Contains("goes through the YAML alias *base"), kratix::Error);
  CHECK(d.text() == t);
  d.set({"plain"}, YAML::Node(3));
  CHECK(d.text() == "base: &base\n  x: 1\nuse: *base\nplain: 3\n");
}

TEST_CASE("yamledit: a path through a non-object is an error with the location") {
  Document d = Document::parse("spec:\n  size: small\n", "p.yaml");
  try {
    d.set({"spec", "size", "x"}, YAML::Node("y"));
    FAIL("expected an error");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().starts_with("p.yaml:2:9: spec.size is not a mapping"));
  }
}

TEST_CASE("yamledit: malformed YAML is reported with file, line and column") {
  auto where = [](const std::string& text) -> std::string {
    try {
      Document::parse(text, "bad.yaml");
    } catch (const kratix::Error& e) {
      return e.describe();
    }
    return "no error";
  };
  CHECK(where("a:\n\tb: 1\n").starts_with("bad.yaml:2:"));
  CHECK(where("a: [1, 2\nb: 3\n").starts_with("bad.yaml:1:"));
  CHECK(where("a: 'open\n").starts_with("bad.yaml:1:"));
  CHECK(where("a:\n  b: 1\n    c: 2\n").starts_with("bad.yaml:3:"));
  CHECK(where("a: 1\na: 2\n").starts_with("bad.yaml:2:"));
}

TEST_CASE("yamledit: streams keep their documents and separators") {
  std::string t = "# head\n---\na: 1\n---\n# second\nb: 2\n...\n";
  Stream s = Stream::parse(t, "s.yaml");
  CHECK(s.size() == 2);  // the comment before the first marker is no document
  CHECK(s.text() == t);
  s[0].set({"a"}, YAML::Node(5));
  CHECK(s.text() == "# head\n---\na: 5\n---\n# second\nb: 2\n...\n");
}

TEST_CASE("yamledit: every corpus file round-trips byte for byte") {
  std::filesystem::path corpus = std::filesystem::path(KRATIX_SHARED) / "corpus";
  if (kratix::test::skip_without(corpus)) return;
  size_t files = 0;
  for (const auto& sub : {"promises", "kratix-cli"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / sub)) {
      auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      CAPTURE(e.path().string());
      CHECK(Stream::parse(ss.str(), e.path().string()).text() == ss.str());
      ++files;
    }
  }
  CHECK(files > 20);
}
