// Issue #14: no edit loses or changes what it was not asked to. One test (or
// more) per reproduced problem, at the Document level; the commands' side is
// in tests/e2e/test_update.py.
#include <doctest/doctest.h>

#include "core/error.hpp"
#include "yaml_check.hpp"
#include "yamledit/document.hpp"

using namespace kratix::yamledit;
using kratix::test::same_yaml;

namespace {

YAML::Node Y(const std::string& text) { return YAML::Load(text); }

// The FILE:LINE:COL: message of the error that `edit` throws.
template <typename Edit>
std::string refusal(Edit edit) {
  try {
    edit();
  } catch (const kratix::Error& e) {
    return e.describe();
  }
  return "no error";
}

YAML::Node map_of(std::initializer_list<std::pair<const char*, const char*>> kv) {
  YAML::Node n(YAML::NodeType::Map);
  for (const auto& [k, v] : kv) n[k] = string_node(v);
  return n;
}

// Applies `edit`, checks the text is `after`, then `undo` gives back `before`.
template <typename Edit, typename Undo>
void round_trip(const std::string& before, Edit edit, const std::string& after, Undo undo) {
  Document d = Document::parse(before, "t.yaml");
  edit(d);
  CHECK(d.text() == after);
  Document e = Document::parse(d.text(), "t.yaml");
  undo(e);
  CHECK(e.text() == before);
}

}  // namespace

TEST_CASE("faithful 1: appending inside a flow sequence keeps its items") {
  round_trip(
      "spec: {requiredPromises: [{name: db, version: v1}]}\n",
      [](Document& d) {
        d.append({"spec", "requiredPromises"}, map_of({{"name", "cache"}, {"version", "v2"}}));
      },
      "spec: {requiredPromises: [{name: db, version: v1}, {name: cache, version: v2}]}\n",
      [](Document& d) {
        CHECK(d.remove({"spec", "requiredPromises", size_t{1}}));
      });
  round_trip(
      "- kind: Pipeline\n  spec: {containers: [{name: c, image: x}]}\n",
      [](Document& d) {
        d.append({size_t{0}, "spec", "containers"}, map_of({{"name", "d"}, {"image", "y"}}));
      },
      "- kind: Pipeline\n  spec: {containers: [{name: c, image: x}, {name: d, image: 'y'}]}\n",
      [](Document& d) {
        CHECK(d.remove({size_t{0}, "spec", "containers", size_t{1}}));
      });
}

TEST_CASE("faithful 1: values inside a flow mapping are read and set in place") {
  Document d = Document::parse("names: {kind: Widget, plural: widgets}  # the API\n", "t.yaml");
  CHECK(d.scalar({"names", "plural"}) == "widgets");
  CHECK(d.set({"names", "kind"}, string_node("Gadget")));
  CHECK(d.set({"names", "singular"}, string_node("gadget")));
  CHECK(d.text() == "names: {kind: Gadget, plural: widgets, singular: gadget}  # the API\n");
  CHECK_FALSE(d.set({"names", "kind"}, string_node("Gadget")));
}

TEST_CASE("faithful 1: a property set under a flow-style object keeps its siblings") {
  std::string t = "properties:\n  a: {type: object, properties: {c: {type: string}}}\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK(d.set({"properties", "a", "properties", "b"}, Y("type: string")));
  CHECK(d.text() == "properties:\n  a: {type: object, properties: {c: {type: string}, b: {type: string}}}\n");
  CHECK(d.remove({"properties", "a", "properties", "b"}));
  CHECK(d.text() == t);
}

TEST_CASE("faithful 1: a label goes into the flow selector, and its removal takes nothing else") {
  round_trip(
      "destinationSelectors: [{matchLabels: {env: dev}}]\n",
      [](Document& d) {
        d.set({"destinationSelectors", size_t{0}, "matchLabels", "x"}, string_node("y"));
      },
      "destinationSelectors: [{matchLabels: {env: dev, x: 'y'}}]\n",
      [](Document& d) {
        CHECK(d.remove({"destinationSelectors", size_t{0}, "matchLabels", "x"}));
      });
}

TEST_CASE("faithful 1: flow collections over several lines keep their layout and comma style") {
  round_trip(
      "a: {\n  x: 1,  # one\n  y: 2\n}\n",
      [](Document& d) {
        d.set({"a", "z"}, Y("3"));
      },
      "a: {\n  x: 1,  # one\n  y: 2,\n  z: 3\n}\n",
      [](Document& d) {
        CHECK(d.remove({"a", "z"}));
      });
  round_trip(
      "a: [\n  x,\n  y,\n]\n", [](Document& d) { d.append({"a"}, Y("z")); }, "a: [\n  x,\n  y,\n  z,\n]\n",
      [](Document& d) {
        CHECK(d.remove({"a", size_t{2}}));
      });
  round_trip(
      "a: {x: 1, y: 2,}\n",
      [](Document& d) {
        d.set({"a", "z"}, Y("3"));
      },
      "a: {x: 1, y: 2, z: 3,}\n",
      [](Document& d) {
        CHECK(d.remove({"a", "z"}));
      });
  Document d = Document::parse("a: {x: 1, y: 2, z: 3}\n", "t.yaml");
  CHECK(d.remove({"a", "y"}));
  CHECK(d.text() == "a: {x: 1, z: 3}\n");
  CHECK(d.remove({"a", "x"}));
  CHECK(d.text() == "a: {z: 3}\n");
  CHECK(d.remove({"a", "z"}));
  CHECK(d.text() == "a: {}\n");
}

TEST_CASE("faithful 1: a nested value written inside flow is written in flow style") {
  Document d = Document::parse("spec: {api: {}}\n", "t.yaml");
  d.set({"spec", "api", "properties"}, Y("size: {type: string}\nlist: [a, \"two\\nlines\"]\n"));
  CHECK(d.text() == "spec: {api: {properties: {size: {type: string}, list: [a, \"two\\nlines\"]}}}\n");
  CHECK(same_yaml(Y(d.text())["spec"]["api"]["properties"], Y("size: {type: string}\nlist: [a, \"two\\nlines\"]")));
}

TEST_CASE("faithful 2: a comment on the key's line survives a value becoming a block and back") {
  round_trip(
      "spec:\n  destinationSelectors: # filled in by CI\n  other: 1\n",
      [](Document& d) {
        d.append({"spec", "destinationSelectors"}, Y("matchLabels: {env: dev}"));
      },
      "spec:\n  destinationSelectors: # filled in by CI\n    - matchLabels: {env: dev}\n  other: 1\n",
      [](Document& d) {
        CHECK(d.remove({"spec", "destinationSelectors", size_t{0}, "matchLabels", "env"}, 1));
      });
  round_trip(
      "schema:\n  properties: {}   # none yet\n",
      [](Document& d) {
        d.set({"schema", "properties", "a"}, Y("1"));
      },
      "schema:\n  properties:   # none yet\n    a: 1\n",
      [](Document& d) {
        CHECK(d.remove({"schema", "properties", "a"}));
      });
  round_trip(
      "list: [] # empty\n", [](Document& d) { d.append({"list"}, Y("x")); }, "list: # empty\n  - x\n",
      [](Document& d) {
        CHECK(d.remove({"list", size_t{0}}));
      });
}

TEST_CASE("faithful 3: appending after a final block scalar without a newline keeps its value") {
  for (const char* header : {"|", "|+", "|-", ">"}) {
    std::string t = std::string("a:\n  script: ") + header + "\n    echo hi\n    echo there";
    CAPTURE(t);
    std::string value = Y(t)["a"]["script"].Scalar();
    Document d = Document::parse(t, "t.yaml");
    d.set({"a", "next"}, Y("1"));
    CHECK(Y(d.text())["a"]["script"].Scalar() == value);
    CHECK(Y(d.text())["a"]["next"].Scalar() == "1");
    CHECK(d.text().back() != '\n');
    // And removing it again keeps the value too.
    Document e = Document::parse(d.text(), "t.yaml");
    e.remove({"a", "next"});
    CHECK(Y(e.text())["a"]["script"].Scalar() == value);
  }
  // A new literal block written at the end of such a file keeps its last line break.
  const std::string value = "line\nand more\n";
  struct Case {
    const char* text;
    Path at;
    bool list;
  };
  for (const Case& c : {Case{"a: 1", {"z"}, false}, Case{"a:\n  b: 1", {"a", "z"}, false}, Case{"a: []", {"a"}, true},
                        Case{"- x", {}, true}, Case{"a: 1", {"a"}, false}}) {
    CAPTURE(std::string(c.text));
    Document n = Document::parse(c.text, "t.yaml");
    if (c.list)
      n.append(c.at, string_node(value));
    else
      n.set(c.at, string_node(value));
    CAPTURE(n.text());
    CHECK(Document::parse(n.text(), "t.yaml").value(c.list ? c.at : c.at).IsDefined());
    YAML::Node back = Document::parse(n.text(), "t.yaml").value(c.at);
    CHECK((c.list ? back[back.size() - 1] : back).Scalar() == value);
  }
  // A removal at the end of such a file does not take the scalar's line break.
  Document d = Document::parse("a: |\n  x\nb: 1", "t.yaml");
  d.remove({"b"});
  CHECK(Y(d.text())["a"].Scalar() == "x\n");
}

TEST_CASE("faithful 4: a new text starting with a space is indented as its indicator says") {
  for (const char* t : {"a:\n    b: 1\n", "a:\n  b: 1\n", "a:\n   b: 1\n"}) {
    Document d = Document::parse(t, "t.yaml");
    std::string value = "  indented\nline\n";
    d.set({"a", "s"}, string_node(value));
    d.append({"a", "list"}, string_node(value));
    CAPTURE(d.text());
    CHECK(Y(d.text())["a"]["s"].Scalar() == value);
    CHECK(Y(d.text())["a"]["list"][0].Scalar() == value);
    CHECK(Y(d.text())["a"]["b"].Scalar() == "1");
  }
}

TEST_CASE("faithful 6: comment headers, directives and comment tails are not documents") {
  for (const char* t : {"# header\n---\na: 1\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\n# the end\n",
                        "\xEF\xBB\xBF# bom\na: 1\n", "---\na: 1\n...\n# after\n"}) {
    CAPTURE(t);
    Stream s = Stream::parse(t, "t.yaml");
    CHECK(s.size() == 1);
    CHECK(s[0].scalar({"a"}) == "1");
    s[0].set({"b"}, Y("2"));
    CHECK(Y(s.text().substr(s.text().find("a: 1")))["b"].Scalar() == "2");
    CHECK(Stream::parse(t, "t.yaml").text() == t);
  }
}

TEST_CASE("faithful 7: strings that a YAML 1.1 or 1.2 reader would take for something else are quoted") {
  const std::vector<std::string> tricky{"on",    "off",   "yes",  "no",    "y",     "n",        "Y",          "NO",
                                        "true",  "False", "null", "~",     "0o12",  "1_000",    "0x1F",       ".inf",
                                        "-.inf", ".NaN",  "1e3",  "12:30", "0777",  "+1",       "2001-12-14", "",
                                        "<<",    "=",     "-",    "1.",    "0b101", "190:20:30"};
  for (const std::string& s : tricky) {
    CAPTURE(s);
    // As a key, and as a string value (string_node), in block and in flow context.
    Document d = Document::parse("a: 1\n", "t.yaml");
    YAML::Node v(YAML::NodeType::Map);
    v[s] = string_node(s);
    d.set({"b"}, v);
    YAML::Node back = Y(d.text())["b"];
    CHECK(back[s].Scalar() == s);
    CHECK(back[s].Tag() == "!");
    Document f = Document::parse("a: {x: 1}\n", "t.yaml");
    f.set({"a", s}, string_node(s));
    CHECK(Y(f.text())["a"][s].Scalar() == s);
    CHECK(Y(f.text())["a"][s].Tag() == "!");
    // The key itself is quoted: no reader takes it for a boolean or a number.
    CHECK(f.text().find(" " + s + ":") == std::string::npos);
  }
  // A string set by code without string_node is quoted too, unless it is a
  // number or boolean as code writes them.
  for (const char* s : {"on", "yes", "y", "n", "~", "null", "0x1F", "1_000", "12:30", "0777", "True"}) {
    CAPTURE(std::string(s));
    Document d = Document::parse("a: 1\n", "t.yaml");
    d.set({"b"}, YAML::Node(s));
    CHECK(Y(d.text())["b"].Tag() == "!");
  }
  Document d = Document::parse("a: 1\n", "t.yaml");
  d.set({"num"}, YAML::Node(3));
  d.set({"flag"}, YAML::Node(true));
  d.set({"ratio"}, YAML::Node(0.5));
  CHECK(d.text() == "a: 1\nnum: 3\nflag: true\nratio: 0.5\n");
}

TEST_CASE("faithful 8: an explicit key or an alias elsewhere does not block an edit; touching one is refused") {
  std::string t =
      "schema:\n  ? long\n  : type: string\n  other:\n    type: integer\nconfigure:\n- &p\n  name: shared\n"
      "delete:\n- *p\n";
  Document d = Document::parse(t, "t.yaml");
  CHECK(d.set({"schema", "added"}, Y("type: string")));
  d.append({"delete"}, Y("name: cleanup"));
  CHECK(d.set({"schema", "other", "type"}, Y("string")));
  CHECK(same_yaml(Y(d.text())["delete"][1], Y("name: cleanup")));
  CHECK(Y(d.text())["schema"]["long"]["type"].Scalar() == "string");
  std::string edited = d.text();
  CHECK(refusal([&] {
          d.set({"schema", "long", "type"}, Y("integer"));
        }).starts_with("t.yaml:2:3: schema.long.type goes through an explicit ('? ')"));
  CHECK_THROWS_WITH_AS(d.remove({"schema", "long"}), doctest::Contains("explicit ('? ')"), kratix::Error);
  Document fresh = Document::parse(t, "t.yaml");
  CHECK(refusal([&] {
          fresh.set({"delete", size_t{0}, "name"}, Y("x"));
        }).starts_with("t.yaml:10:3: delete[0].name goes through the YAML alias *p"));
  CHECK(refusal([&] {
          fresh.set({"configure", size_t{0}, "name"}, Y("x"));
        }).starts_with("t.yaml:7:3: configure[0].name is in the YAML anchor &p"));
  CHECK(d.text() == edited);
  // Reading through the alias is fine.
  CHECK(d.value({"delete", size_t{0}})["name"].Scalar() == "shared");
}

TEST_CASE("faithful 9: removing what an edit created gives back the bytes from before it") {
  round_trip(
      "spec:\n  api: {}\n",
      [](Document& d) {
        d.append({"spec", "destinationSelectors"}, Y("matchLabels:\n  foo: bar"));
      },
      "spec:\n  api: {}\n  destinationSelectors:\n    - matchLabels:\n        foo: bar\n",
      [](Document& d) {
        CHECK(d.remove({"spec", "destinationSelectors", size_t{0}, "matchLabels", "foo"}, 1));
      });
  // Without `keep`, only the key goes and its mapping becomes {}.
  Document d = Document::parse("a:\n  b:\n    c: 1\n", "t.yaml");
  CHECK(d.remove({"a", "b", "c"}));
  CHECK(d.text() == "a:\n  b: {}\n");
  // keep stops at its depth; a sibling stops it too.
  Document e = Document::parse("a:\n  b:\n    c: 1\n  z: 2\n", "t.yaml");
  CHECK(e.remove({"a", "b", "c"}, 0));
  CHECK(e.text() == "a:\n  z: 2\n");
}
