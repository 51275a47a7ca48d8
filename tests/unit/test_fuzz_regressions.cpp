// Inputs the fuzz targets (fuzz/) found, each the smallest that broke
// something, with the behaviour now expected of it.
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "chart/repo_index.hpp"
#include "core/error.hpp"
#include "helm/values_schema.hpp"
#include "promise/read.hpp"
#include "util/yaml_load.hpp"
#include "yamledit/document.hpp"
#include "yamledit/emit.hpp"

using kratix::yamledit::Document;

namespace {

// Each text is refused by Stream::parse with an error that starts at its
// place ("f.yaml:LINE:COL:") and says `what`.
void check_refused_at(const std::vector<std::pair<std::string, std::string>>& cases, const std::string& what) {
  for (const auto& c : cases) {
    const std::string& where = c.second;
    CAPTURE(where);
    try {
      kratix::yamledit::Stream::parse(c.first, "f.yaml");
      FAIL("accepted");
    } catch (const kratix::Error& e) {
      CHECK(e.describe().find(where) == 0);
      CHECK(e.describe().find(what) != std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("fuzz: a string ending in two line breaks, set where blank lines follow, keeps its value") {
  // fuzz_yaml_document: written as a |+ block, it took the file's blank line too.
  Document d = Document::parse("a: x\n\nb: 1\n", "f.yaml");
  d.set({"a"}, kratix::yamledit::string_node("trailing\n\n"));
  YAML::Node back = YAML::Load(d.text());
  CHECK(back["a"].as<std::string>() == "trailing\n\n");
  CHECK(back["b"].as<int>() == 1);
  Document end = Document::parse("a: x\n\n", "f.yaml");
  end.set({"a"}, kratix::yamledit::string_node("trailing\n\n"));
  CHECK(YAML::Load(end.text())["a"].as<std::string>() == "trailing\n\n");
}

TEST_CASE("fuzz: a values.yaml key too long for YAML is an error at its place, not unreadable output") {
  // fuzz_values_schema: a 1100-character key became a property the emitted YAML could not hold.
  kratix::helm::SchemaSources s;
  // A quote that is never closed: yaml-cpp took it for a key running to the end;
  // the scanner that reads values.yaml now (issue #16) says so at its place.
  std::string key = "'";
  for (int i = 0; i < 12; ++i) key += std::string(100, 'k') + "\n";
  s.values_yaml = "ok: 1\n" + key;
  try {
    kratix::helm::spec_schema_from_chart(s);
    FAIL("accepted");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().find("values.yaml:2:1: ") == 0);
    CHECK(e.describe().find("never closed") != std::string::npos);
  }
  s.values_yaml = "";
  s.values_schema_json = "{\"properties\": {\"" + std::string(1100, 'p') + "\": {}}}";
  try {
    kratix::helm::spec_schema_from_chart(s);
    FAIL("accepted");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().find("values.schema.json:1:") == 0);
  }
  // The emitter refuses such a key too, whoever hands it one.
  YAML::Node n(YAML::NodeType::Map);
  n[std::string(1100, 'k')] = 1;
  CHECK_THROWS_WITH_AS(kratix::yamledit::emit_yaml(n), doctest::Contains("more than the 1024 YAML allows"),
                       kratix::Error);
}

TEST_CASE("fuzz: control characters in a document are an error at their place") {
  // fuzz_yaml_document: yaml-cpp drops a NUL in a key, so an edit by the
  // scanner's key made a second key.
  for (const std::string& bad :
       {std::string("a: 1\n\x0f\0key: 2\n", 12), std::string("a: \"x\x01\"\n"), std::string("k: v\x7f\n")}) {
    try {
      Document::parse(bad, "f.yaml");
      FAIL("accepted");
    } catch (const kratix::Error& e) {
      CHECK(e.describe().find("f.yaml:") == 0);
      CHECK(e.describe().find("is not allowed in YAML") != std::string::npos);
    }
  }
  CHECK_THROWS_WITH(Document::parse(std::string("a: 1\nb\0: 2\n", 11), "f.yaml"),
                    "invalid YAML: the control character 0x00 is not allowed in YAML; remove it (or write it as an "
                    "escape in double quotes)");
  CHECK_NOTHROW(Document::parse("a:\t1\r\nb: \"\\x00\"\r\n", "f.yaml"));
}

TEST_CASE("a character YAML refuses is found at its place wherever it falls in the scanner's 8-byte steps") {
  // Each refused character at each offset of a line that follows a plain one.
  const std::vector<std::pair<std::string, std::string>> bad = {{"\x01", "control character 0x01"},
                                                                {"\x7f", "control character 0x7F"},
                                                                {"\r", "carriage return without a line feed"},
                                                                {"\xff", "is not UTF-8"},
                                                                {"\x1f", "control character 0x1F"}};
  for (const auto& item : bad) {
    const std::string& ch = item.first;
    const std::string& words = item.second;
    for (size_t at = 0; at < 18; ++at) {
      CAPTURE(at);
      CAPTURE(words);
      const std::string line = "k: " + std::string(at, 'x') + ch + "yyyyyyyyyyyyyyyyy";
      try {
        Document::parse("first: line\n" + line + "\n", "f.yaml");
        FAIL("accepted");
      } catch (const kratix::Error& e) {
        CHECK(e.describe().find("f.yaml:2:" + std::to_string(4 + at) + ":") == 0);
        CHECK(e.describe().find(words) != std::string::npos);
      }
    }
  }
  // A directive line found after any run of plain text, and what is fine: tabs,
  // CRLF, UTF-8 and '%' inside a line.
  for (size_t at = 0; at < 18; ++at) {
    CAPTURE(at);
    CHECK_THROWS_WITH_AS(Document::parse("k: " + std::string(at, 'x') + "\n%YAML 1.2\n", "f.yaml"),
                         doctest::Contains("a line starting with '%' is a YAML directive"), kratix::Error);
    CHECK_NOTHROW(Document::parse("k: " + std::string(at, 'x') + "\t50% caf\xc3\xa9\r\nj: 1\n", "f.yaml"));
  }
}

TEST_CASE("fuzz: a mapping entry without a key is an error, not a key named \"\"") {
  // fuzz_yaml_document: yaml-cpp reads ": x" as a null key; an edit of the
  // path "" then meant another entry than the one changed.
  CHECK_THROWS_WITH(Document::parse("a: 1\n: 2\n", "f.yaml"),
                    "invalid YAML: a mapping entry without a key; write the key before the ':'");
  CHECK_THROWS_AS(Document::parse("a:\n  - : x\n", "f.yaml"), kratix::Error);
  CHECK_NOTHROW(Document::parse("'': 1\nb: 2\n", "f.yaml"));  // a key that is the empty string, written so
}

TEST_CASE("fuzz: a multi-line string written at the end of a file without a final newline keeps its line break") {
  // fuzz_yaml_document: the new text lost its final newline to match the file,
  // and with it the literal block's last line break.
  const YAML::Node text = kratix::yamledit::string_node("multi\nline\n");
  Document added = Document::parse("a:\n  - name", "f.yaml");
  YAML::Node entry(YAML::NodeType::Map);
  entry["b"] = text;
  added.set({"new"}, entry);
  CHECK(YAML::Load(added.text())["new"]["b"].as<std::string>() == "multi\nline\n");
  Document replaced = Document::parse("a: 1\nb: x", "f.yaml");
  replaced.set({"b"}, text);
  CHECK(YAML::Load(replaced.text())["b"].as<std::string>() == "multi\nline\n");
  Document appended = Document::parse("l:\n- x", "f.yaml");
  appended.append({"l"}, text);
  CHECK(YAML::Load(appended.text())["l"][1].as<std::string>() == "multi\nline\n");
  // Text that needs no final newline still gets none.
  Document plain = Document::parse("a: 1", "f.yaml");
  plain.set({"b"}, kratix::yamledit::string_node("x"));
  CHECK(plain.text() == "a: 1\nb: x");
}

TEST_CASE("fuzz: removing the first item of a list that starts on its parent's dash line keeps the parent item") {
  // fuzz_yaml_document: the whole line went, the outer "- " with it.
  Document d = Document::parse("- - x\n  - y\n- k: v\n", "f.yaml");
  CHECK(d.remove({size_t{0}, size_t{0}}));
  CHECK(d.text() == "- - y\n- k: v\n");
  Document deeper = Document::parse("a:\n  - - - x\n      - y\n    - z\n", "f.yaml");
  CHECK(deeper.remove({"a", size_t{0}, size_t{0}, size_t{0}}));
  CHECK(deeper.text() == "a:\n  - - - y\n    - z\n");
  CHECK(YAML::Load(deeper.text())["a"][0][1].as<std::string>() == "z");
}

TEST_CASE("fuzz: setting a null value that carries a tag replaces the tag too") {
  // fuzz_yaml_document: the new text went in before the tag ("' x'!b:").
  Document next_line = Document::parse("a:\n   !b\n", "f.yaml");
  next_line.set({"a"}, kratix::yamledit::string_node(" leading space"));
  CHECK(YAML::Load(next_line.text())["a"].as<std::string>() == " leading space");
  Document same_line = Document::parse("a: !tag\nb: 1\n", "f.yaml");
  same_line.set({"a"}, YAML::Node(5));
  CHECK(same_line.text() == "a: 5\nb: 1\n");
}

TEST_CASE("fuzz: a plain '-' from a flow list stays a string when the list is written in block style") {
  // fuzz_yaml_document: "[a, [-, x]]" rewritten as block lists gave "- -", a nested list.
  Document d = Document::parse("k4: [a, [-, {c: d}]]\n", "f.yaml");
  d.append({"k4"}, YAML::Load("[1, 2]"));
  YAML::Node back = YAML::Load(d.text());
  CHECK(back["k4"][1][0].as<std::string>() == "-");
  // Plain "-x" from the source stays plain; ":z" is quoted in block style too.
  YAML::Node source = YAML::Load("[-x, ':z', -, a-]");
  YAML::Node block(YAML::NodeType::Sequence);
  for (const auto& item : source) block.push_back(item);
  block.push_back(YAML::Node(YAML::NodeType::Map));
  const std::string text = kratix::yamledit::emit_yaml(block);
  CHECK(text.find("- -x\n") != std::string::npos);
  YAML::Node again = YAML::Load(text);
  for (size_t i = 0; i < source.size(); ++i) CHECK(again[i].as<std::string>() == source[i].as<std::string>());
}

TEST_CASE("fuzz: a carriage return without a line feed is an error") {
  // fuzz_yaml_document: "a: 1b:\r" is one value to yaml-cpp; a line added after
  // it made "\r\n" of the CR, and "b:" a key.
  CHECK_THROWS_WITH(Document::parse("a: 1b:\r", "f.yaml"),
                    "invalid YAML: a carriage return without a line feed; end lines with \\n or \\r\\n");
  CHECK_THROWS_AS(Document::parse("a: x\ry: 1\n", "f.yaml"), kratix::Error);
  CHECK_NOTHROW(Document::parse("a: 1\r\nb: 2\r\n", "f.yaml"));
}

TEST_CASE("fuzz: a '#' right after a quoted value or a flow collection is not a comment") {
  // fuzz_yaml_document: '- "y"#' passed as a value and a comment; a new value
  // written over "y" took the '#' into it ("100#").
  CHECK_THROWS_WITH(Document::parse("b:\n  - \"y\"#\n", "f.yaml"),
                    "invalid YAML: unexpected text after a quoted scalar; quote the whole value");
  CHECK_THROWS_AS(Document::parse("a: [x]#\n", "f.yaml"), kratix::Error);
  CHECK_NOTHROW(Document::parse("b:\n  - \"y\" # a comment\na: [x]\t# another\n", "f.yaml"));
}

TEST_CASE("fuzz: a null key is an error; quoted, it is text") {
  // fuzz_yaml_document: "~:" is a null key to yaml-cpp and the key "~" to the
  // scanner, so an edit of the path "~" changed another entry than it said.
  for (const char* key : {"~", "null", "Null", "NULL"}) {
    CAPTURE(key);
    CHECK_THROWS_WITH(Document::parse(std::string(key) + ":\n  b: 1\n", "f.yaml"),
                      doctest::Contains("is null to YAML; quote it"));
  }
  Document d = Document::parse("'~': 1\n\"null\": 2\nnullable: 3\n", "f.yaml");
  d.set({"~"}, YAML::Node(5));
  CHECK(YAML::Load(d.text())["~"].as<int>() == 5);
}

TEST_CASE("fuzz: a block scalar that ends a file without a final newline keeps its value when a line is added") {
  // fuzz_yaml_document: the line break put before the new key became the
  // block's last line break ("...${nam" became "...${nam\n").
  for (const char* header : {"|", ">", "|+", "|2"}) {
    CAPTURE(header);
    const std::string text = std::string("a:\n  run: ") + header + "\n    echo hi\n    echo bye";
    const std::string value = YAML::Load(text)["a"]["run"].as<std::string>();
    Document added = Document::parse(text, "f.yaml");
    added.set({"b"}, YAML::Node(1));
    CHECK(YAML::Load(added.text())["a"]["run"].as<std::string>() == value);
    CHECK(YAML::Load(added.text())["b"].as<int>() == 1);
  }
  Document list = Document::parse("l:\n- |\n  x", "f.yaml");
  list.append({"l"}, YAML::Node(2));
  CHECK(YAML::Load(list.text())["l"][0].as<std::string>() == "x");
  CHECK(list.text() == "l:\n- |-\n  x\n- 2");
}

TEST_CASE("fuzz: a tag with characters a YAML tag cannot hold is an error") {
  // fuzz_yaml_document: yaml-cpp ends a tag at a non-ASCII byte and reads the
  // rest as a multi-line plain value; the scanner saw a tag and a list.
  CHECK_THROWS_WITH(Document::parse(" !\xc3\xa9ilist;\n  - x\n", "f.yaml"),
                    doctest::Contains("holds a character a YAML tag cannot"));
  CHECK_NOTHROW(Document::parse("a: !!str 1\nb: !custom x\nc: !<tag:yaml.org,2002:int> 2\nd: ! x\n", "f.yaml"));
  // A shorthand tag ends at a flow indicator for yaml-cpp ("!type[&-000]" is
  // "!type" and a list): no such character in one; a verbatim tag may hold them.
  for (const std::string text : {"!type[&-000]\n# c\n", "a: !x,y 1\n", "a: !x]y 1\n"})
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("holds a character a YAML tag cannot"));
  CHECK_NOTHROW(Document::parse("a: !<tag:x,2000:[y]> 1\n", "f.yaml"));
  // "!:" is a tag to yaml-cpp in some places, the tag "!" and a key's ':' in
  // others (fuzz_yaml_document: "!:\n*b: two" is two documents to it).
  for (const std::string text : {"!:\n*b: two\n", "a: !x: 1\n"})
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("ends with ':'"));
  CHECK_NOTHROW(Document::parse("a: !x:y 1\n", "f.yaml"));
}

TEST_CASE("fuzz: '%' at the start of a line and reserved characters starting a plain value are errors") {
  // fuzz_yaml_document: yaml-cpp skips "% ..." lines anywhere as directives
  // (the document "% " is none to it, a string to the scanner) and refuses
  // plain values that start with '%', '@' or '`'.
  CHECK_THROWS_WITH(Document::parse("% ", "f.yaml"), doctest::Contains("is a YAML directive, allowed only before"));
  CHECK_THROWS_AS(Document::parse("a:\n%x\n", "f.yaml"), kratix::Error);
  for (const char* text : {"a: %x\n", "a: @x\n", "- `x\n", "a: [@x]\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("(YAML reserves it); quote the value"));
  }
  CHECK_NOTHROW(kratix::yamledit::Stream::parse("%YAML 1.2\n---\na: '%x'\nb: x%y\n", "f.yaml"));
}

TEST_CASE("fuzz: a JSON repository index whose chart name is a mapping is an error at its place") {
  // fuzz_repo_index: yaml-cpp's conversion error left the JSON reader uncaught and ended kratix.
  kratix::chart::IndexScanner s("web", "https://x.example.com/index.yaml");
  s.write(R"({"apiVersion": "v1", "entries": {"web": [{"name": {"a": 1}, "version": "1.0.0"}]}})");
  try {
    s.finish();
    FAIL("accepted");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().find("https://x.example.com/index.yaml:1:") == 0);
    CHECK(e.describe().find("is a list or a mapping, not a string") != std::string::npos);
  }
}

TEST_CASE("fuzz: a ',' outside any flow collection ends with an error, not yaml-cpp's endless loop") {
  // fuzz_yaml_document: YAML::LoadAll(",") makes null documents for ever;
  // kratix read Promises and test outputs with it. The scanner refuses a plain
  // value starting with ',', ']' or '}' too.
  for (const char* text : {",", ",\n", "[],\n", "a: 1\n---\n,\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH(kratix::util::load_all(text, "f.yaml"), doctest::Contains("outside any [ ] or { }"));
    CHECK_THROWS_AS(kratix::yamledit::Stream::parse(text, "f.yaml"), kratix::Error);
  }
  try {
    kratix::promise::parse_yaml_documents(",\n", "p.yaml");
    FAIL("accepted");
  } catch (const kratix::Error& e) {
    CHECK(e.describe() ==
          "p.yaml:1:1: invalid YAML: a ',', ']' or '}' outside any [ ] or { }; remove it or quote the value");
  }
  CHECK(kratix::util::load_all("a: 1\n---\nb: [x, y]\n...\n", "f.yaml").size() == 2);
  CHECK(kratix::util::load_all("", "f.yaml").empty());
}

TEST_CASE("fuzz: a value set in the empty document after a final marker without a newline starts its own line") {
  // fuzz_yaml_document: "# c\n..." then setting a key wrote "...fuzz-new: []",
  // which is no marker: the stream became one document with another meaning.
  for (const char* marker : {"...", "---"}) {
    CAPTURE(marker);
    auto s = kratix::yamledit::Stream::parse(std::string("# c\n") + marker, "f.yaml");
    REQUIRE(s.size() == 1);
    s[0].set({"k"}, YAML::Node(YAML::NodeType::Sequence));
    CHECK(s.text() == std::string("# c\n") + marker + "\nk: []\n");
    CHECK(YAML::LoadAll(s.text()).back()["k"].IsSequence());  // after a null document from "..." (yaml-cpp)
  }
  const auto untouched = kratix::yamledit::Stream::parse("a: 1\n---", "f.yaml");
  CHECK(untouched.text() == "a: 1\n---");
}

TEST_CASE("fuzz: a number too large for JSON in values.schema.json is an error at its place, not the library's") {
  // fuzz_values_schema_json: nlohmann's out_of_range.406 was not caught and ended kratix.
  kratix::helm::SchemaSources s;
  s.values_schema_json = "{\"properties\": {\"a\": {\"maximum\":\n 32E33333888}}}";
  try {
    kratix::helm::spec_schema_from_chart(s);
    FAIL("accepted");
  } catch (const kratix::Error& e) {
    CHECK(e.describe().find("values.schema.json:2:2: the number 32E33333888 is too large for JSON readers") == 0);
    CHECK(e.describe().find("json.exception") == std::string::npos);
  }
}

TEST_CASE("fuzz: a literal block written before lines of spaces does not take the spaces into its text") {
  // fuzz_yaml_document: " - x\n          " set to "multi\nline\n" read back as "multi\nline\n     ".
  const YAML::Node text = kratix::yamledit::string_node("multi\nline\n");
  Document replaced = Document::parse(" - x\n          ", "f.yaml");
  replaced.set({size_t{0}}, text);
  CHECK(YAML::Load(replaced.text())[0].as<std::string>() == "multi\nline\n");
  Document added = Document::parse("a: 1\n        \n   \nb: 2\n", "f.yaml");
  YAML::Node entry(YAML::NodeType::Map);
  entry["c"] = text;
  added.set({"a"}, entry);
  CHECK(YAML::Load(added.text())["a"]["c"].as<std::string>() == "multi\nline\n");
  CHECK(YAML::Load(added.text())["b"].as<int>() == 2);
  Document appended = Document::parse("l:\n- x\n        \n", "f.yaml");
  appended.append({"l"}, text);
  CHECK(YAML::Load(appended.text())["l"][1].as<std::string>() == "multi\nline\n");
}

TEST_CASE("fuzz: a control character in comments between documents or on a marker line is an error at its place") {
  // fuzz_yaml_document: "#\0 ...\n---\n" was comments before a marker, which no
  // document's scan looked at; yaml-cpp read no document at all from it.
  const std::string nul("\0", 1);
  check_refused_at({{"#" + nul + " c\n---\na: 1\n", "f.yaml:1:2:"},
                    {"a: 1\n--- # x" + nul + "\nb: 2\n", "f.yaml:2:8:"},
                    {"a: 1\n---\n# \x01\n", "f.yaml:3:3:"}},
                   "is not allowed in YAML");
  check_refused_at({{"a: 1\n---\n# x\r# y\n---\nb: 1\n", "f.yaml:3:4:"}}, "a carriage return without a line feed");
  CHECK_NOTHROW(kratix::yamledit::Stream::parse("# c\t\r\n---\r\na: 1\r\n--- # d\r\n", "f.yaml"));
}

TEST_CASE("fuzz: two keys with the same text are duplicates whatever their tags or anchors") {
  // fuzz_yaml_document: "! b: 1" twice in one mapping was two keys to kratix
  // (keys with properties were left out of the check), one key read twice to yaml-cpp.
  for (const std::string text : {"a:\n  !   b: 1\n# c\n  !   b: 2\n", "a:\n  &x b: 1\n  b: 2\n",
                                 "a: {!!str b: 1, b: 2}\n", "? b\n: 1\nb: 2\n"}) {
    CAPTURE(text);
    try {
      Document::parse(text, "f.yaml");
      FAIL("accepted");
    } catch (const kratix::Error& e) {
      CHECK(e.describe().find("the key 'b' appears twice in this mapping; keep one") != std::string::npos);
    }
  }
  CHECK_THROWS_WITH(Document::parse("a:\n  b: 1\n  ! b: 2\n", "f.yaml").text(), doctest::Contains("appears twice"));
  CHECK_NOTHROW(Document::parse("x: &b 1\na: {*b : 1, b: 2}\n", "f.yaml"));
}

TEST_CASE("fuzz: setting a value that carries a tag replaces the tag too") {
  // fuzz_yaml_document: "s:\n  ! x" set to 32 became "! 32", a string.
  Document below = Document::parse("s:\n      ! x   \n", "f.yaml");
  below.set({"s"}, YAML::Node(32));
  CHECK(YAML::Load(below.text())["s"].Tag() == "?");
  CHECK(YAML::Load(below.text())["s"].as<int>() == 32);
  Document same = Document::parse("s: !!str x # c\nt: 1\n", "f.yaml");
  same.set({"s"}, YAML::Node(true));
  CHECK(same.text() == "s: true # c\nt: 1\n");
  Document flow = Document::parse("s: {a: !!str x, b: !!seq [1]}\n", "f.yaml");
  flow.set({"s", "a"}, YAML::Node(5));
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(2);
  flow.set({"s", "b"}, list);
  CHECK(flow.text() == "s: {a: 5, b: [2]}\n");
  // A tag with no value in flow style: "[!]" set to 116 became "[! 116]", a string.
  for (const auto& c : std::vector<std::tuple<std::string, kratix::yamledit::Path, std::string>>{
           {"[!]\n", {std::size_t{0}}, "[116]\n"},
           {"s: {a: !t , b: 1}\n", {"s", "a"}, "s: {a: 116, b: 1}\n"},
           {"s: [x, !!null]\n", {"s", std::size_t{1}}, "s: [x, 116]\n"}}) {
    const std::string& text = std::get<0>(c);
    CAPTURE(text);
    Document tagged = Document::parse(text, "f.yaml");
    tagged.set(std::get<1>(c), YAML::Node(116));
    CHECK(tagged.text() == std::get<2>(c));
  }
  // The tag on a line of its own, above the value.
  Document above = Document::parse("apiVe!:\n !!x\n m.k    \n", "f.yaml");
  above.set({"apiVe!"}, YAML::Node(true));
  CHECK(YAML::Load(above.text())["apiVe!"].Tag() == "?");
  CHECK(YAML::Load(above.text())["apiVe!"].as<bool>());
}

TEST_CASE("fuzz: a marker right after a byte order mark counts as one for yaml-cpp's document bound") {
  // fuzz_yaml_document: "\xEF\xBB\xBF...\n- a: 1\n" is two documents to yaml-cpp; the
  // bound that stops its endless loop counted one and refused the text.
  CHECK(kratix::util::load_all("\xEF\xBB\xBF...\n \n- a: 1\n", "f.yaml").size() == 2);
  CHECK(kratix::util::load_all("\xEF\xBB\xBF---\na: 1\n---\nb: 2\n", "f.yaml").size() == 2);
}

TEST_CASE("fuzz: a kept block scalar owns the empty lines after its text; with no text it is an error") {
  // fuzz_yaml_document: a key added after "l: >+" went in before the empty
  // lines that were the value's, which then lost them.
  // (Literal blocks: yaml-cpp drops a folded block's kept empty lines, which
  // YAML keeps; kratix reads them as YAML does.)
  for (const std::string text :
       {"k: |+\n  a\n\n  \n", "k: |+\n  a\n  b\n\n\n", "s:\n  k: |+\n    a\n\n\nt: 1\n", "- |+\n  x\n\n- y\n"}) {
    CAPTURE(text);
    const YAML::Node want = YAML::Load(text);
    Document d = Document::parse(text, "f.yaml");
    CHECK(YAML::Dump(d.value({})) == YAML::Dump(want));
    if (want.IsMap()) {
      d.set({std::string("new")}, YAML::Node(1));
      CAPTURE(d.text());
      const YAML::Node after = YAML::Load(d.text());
      CHECK(after["new"].as<int>() == 1);
      for (const auto& kv : want) CHECK(YAML::Dump(after[kv.first.as<std::string>()]) == YAML::Dump(kv.second));
    }
  }
  check_refused_at(
      {{"-0 - x# l: >+\n\n ", "f.yaml:2:1:"}, {"k: |+\n\nb: 1\n", "f.yaml:2:1:"}, {" >+\n  ", "f.yaml:2:1:"}},
      "a kept block scalar ('|+' or '>+') with no text");
}

TEST_CASE("fuzz: a value set after a byte order mark and a final marker goes on a line of its own") {
  // fuzz_yaml_document: "\xEF\xBB\xBF---" with a key set became
  // "\xEF\xBB\xBF---fuzz-new: ...", which is no marker.
  for (const std::string marker : {"---", "..."}) {
    auto s = kratix::yamledit::Stream::parse("\xEF\xBB\xBF" + marker, "f.yaml");
    s[s.size() - 1].set({std::string("k")}, YAML::Node(1));
    CHECK(s.text() == "\xEF\xBB\xBF" + marker + "\nk: 1\n");
    CHECK(kratix::util::load_all(s.text(), "f.yaml").back()["k"].as<int>() == 1);
  }
}

TEST_CASE("fuzz: a top-level block scalar's text at column 0 is an error") {
  // fuzz_yaml_document: " >\n# " is the text "# " to YAML (and kratix) and an
  // empty string with a comment to yaml-cpp; " >-\n\n1 :   fo" text to YAML,
  // and an error to yaml-cpp once more follows. yaml-cpp reads "" for all of them.
  check_refused_at({{" >\n# ", "f.yaml:2:1:"},
                    {"|\nfoo\n# bar\n", "f.yaml:2:1:"},
                    {" |\n#\n", "f.yaml:2:1:"},
                    {" >-\n\n1 :   fo tex l: >-\n  -  foluena\n", "f.yaml:3:1:"}},
                   "a top-level block scalar's text at column 0");
  for (const char* text : {" >\n# ", "|\nfoo\n", " >-\n\n1 :   fo\n"})
    CHECK(YAML::Load(text).as<std::string>().empty());
  // Indented, or under a key, the same lines are what every reader reads.
  CHECK(Document::parse("a: >\n  # x\n", "f.yaml").value({std::string("a")}).as<std::string>() == "# x\n");
  CHECK(Document::parse("|\n foo\n", "f.yaml").value({}).as<std::string>() == "foo\n");
}

TEST_CASE("fuzz: a byte order mark anywhere but the file's first bytes is an error at its place") {
  // fuzz_yaml_document: "\xEF\xBB\xBF: 0b" on line 2 was a key "\uFEFF" to both
  // readers; removing line 1 made the mark the file's first bytes and the key
  // a null one, which kratix then refused to read back.
  check_refused_at(
      {
          {"base: {x: 1}\n\xEF\xBB\xBF: 0b\n", "f.yaml:2:1:"},
          {"a: \"x\xEF\xBB\xBFy\"\n", "f.yaml:1:6:"},
          {"\xEF\xBB\xBF"
           "a: 1\n---\n\xEF\xBB\xBF"
           "b: 2\n",
           "f.yaml:3:1:"},
      },
      "a byte order mark (U+FEFF) inside the file");
  auto first = kratix::yamledit::Stream::parse(
      "\xEF\xBB\xBF"
      "a: 1\n",
      "f.yaml");  // a file's own mark
  CHECK(first[0].value({std::string("a")}).as<int>() == 1);
}

TEST_CASE("fuzz: bytes that are not UTF-8 are an error at their place, as Helm and kubectl make them") {
  // fuzz_yaml_document: removing "a: 1" left "\xFE\xFF..." first in the file,
  // which yaml-cpp then read as UTF-16 text.
  check_refused_at(
      {
          {"a: 1\r\n\xfe\xff::\r\n", "f.yaml:2:1:"},                 // a UTF-16 byte order mark
          {"a: caf\xe9\n", "f.yaml:1:7:"},                           // Latin-1
          {"a: x # \xc3\n", "f.yaml:1:8:"},                          // cut short, in a comment
          {"a: \xed\xa0\x80\n", "f.yaml:1:4:"},                      // a surrogate
          {"a: \xc0\xaf\n", "f.yaml:1:4:"},                          // overlong
          {"a: 1\n---\n# \xf4\x90\x80\x80\nb: 2\n", "f.yaml:3:3:"},  // above U+10FFFF, between documents
      },
      "is not UTF-8");
  CHECK_NOTHROW(Document::parse("a: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 # \xe4\xb8\xad\n", "f.yaml"));
}

TEST_CASE("fuzz: a top-level value with a tag or an anchor continued at column 0 is an error") {
  // fuzz_yaml_document: "!t abc\ndef" is one value to the scanner (as YAML
  // says), two documents to yaml-cpp.
  for (const std::string text : {"!t abc\ndef\n", "&a abc\n\ndef\n", "---\n!piVer x}\n-St5c y\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH(kratix::yamledit::Stream::parse(text, "f.yaml"),
                      doctest::Contains("a top-level value with a tag or an anchor goes on at column 0"));
  }
  CHECK_NOTHROW(Document::parse("!t abc\n def\n", "f.yaml"));
  CHECK_NOTHROW(Document::parse("abc\ndef\n", "f.yaml"));
}

TEST_CASE("fuzz: a '#' starting a flow entry with no blank before it is an error") {
  // fuzz_yaml_document: "[#80,l" is a list of "#80" and "l" to the scanner,
  // a comment after '[' to yaml-cpp.
  for (const std::string text : {"nams: [#80,l\n]\n", "a: [b,#c\n]\n", "a: {#b: 1}\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("a plain value cannot start with '#'"));
  }
  CHECK_NOTHROW(Document::parse("a: [ # c\n  b, # d\n  c]\nb: x#y\n", "f.yaml"));
}

TEST_CASE("fuzz: lines of spaces deeper than a block scalar's text are its text, and new keys go after them") {
  // fuzz_yaml_document: a key added after ">-" text followed by a line of 20
  // spaces went in before that line, which then ended the text early.
  const std::string text = "- \n  l: >-\n    x\n        EOF\n                    \n                ";
  Document d = Document::parse(text, "f.yaml");
  const std::string want = YAML::Load(text)[0]["l"].as<std::string>();
  CHECK(want == "x\n    EOF\n                \n            ");
  d.set({std::size_t{0}, std::string("k")}, YAML::Node(1));
  CAPTURE(d.text());
  CHECK(YAML::Load(d.text())[0]["l"].as<std::string>() == want);
  CHECK(YAML::Load(d.text())[0]["k"].as<int>() == 1);
  // With no text at all, lines of spaces are empty lines: the value is "".
  CHECK(Document::parse(" >\n    ", "f.yaml").value({}).as<std::string>() == "");
  CHECK(YAML::Load(" >\n    ").as<std::string>() == "");
  CHECK(Document::parse("a: |\n      \nb: 1\n", "f.yaml").value({std::string("a")}).as<std::string>() == "");
}

TEST_CASE("fuzz: with an explicit indentation, lines of spaces before a block scalar's text are text too") {
  // fuzz_yaml_document: "&baU >2" over a line of four spaces read "" where
  // yaml-cpp (and YAML) read the two spaces past the indentation.
  for (const std::string text : {"&baU >2\n    \n", ">2\n    \n", "|2\n   \n  x\n", "a: |1-\n   \n  y\nb: 1\n",
                                 "- >+2\n     \n\n", "k: |2\n  \n    \n"}) {
    CAPTURE(text);
    const YAML::Node want = YAML::Load(text);
    const YAML::Node got = Document::parse(text, "f.yaml").value({});
    CHECK(YAML::Dump(got) == YAML::Dump(want));
  }
  CHECK(Document::parse(">2\n    \n", "f.yaml").value({}).as<std::string>() == "  \n");
}

TEST_CASE(
    "fuzz: a file that ends in spaces without a line break after a block scalar is an error; removing an item "
    "takes its lines of spaces") {
  // fuzz_yaml_document: removing the third item left its last line ("    ",
  // the end of a file without a final newline) after the second item's ">-"
  // text, and yaml-cpp read a trailing space there; adding a key after such
  // a scalar took that space away from it. YAML reads an empty line.
  const std::string text =
      "-   fxt\n- \n#~ edi v\n  l: >-\n    f >-\n    f  fxt\n- \n#~ edi v\n  l: >-\n    f >-\n    ";
  check_refused_at({{text, "f.yaml:11:1:"}, {"a: >-\n    x\n    ", "f.yaml:3:1:"}},
                   "the file ends in a line of spaces without a line break after a block scalar");
  CHECK(YAML::Load("a: >-\n    x\n    ")["a"].as<std::string>() == "x ");  // yaml-cpp's reading
  // With the line ended, the lines of spaces go with the item removed.
  Document d = Document::parse(text + "\n", "f.yaml");
  REQUIRE(d.remove({std::size_t{2}}));
  CAPTURE(d.text());
  const YAML::Node after = YAML::Load(d.text());
  REQUIRE(after.size() == 2);
  CHECK(after[1]["l"].as<std::string>() == "f >- f  fxt");
  CHECK(d.text().find("    \n") == std::string::npos);
  // A line with nothing on it stays: it separates, it is no block's text.
  Document keep = Document::parse("a: |\n  x\n\nb: 1\nc: 2\n", "f.yaml");
  REQUIRE(keep.remove({std::string("b")}));
  CHECK(keep.text() == "a: |\n  x\n\nc: 2\n");
}

TEST_CASE("fuzz: an alias with a tag or an anchor of its own is an error, as yaml-cpp makes it") {
  // fuzz_yaml_document: "!d *ienc)es:" was an alias key to kratix; yaml-cpp read
  // it as a tagged empty string (and refused the text after it). YAML forbids it.
  check_refused_at(
      {
          {"!d *ienc)es:\n  \n", "f.yaml:1:1:"},           // a key
          {"x: &a 1\ny: !t *a\n", "f.yaml:2:4:"},          // a value
          {"x: &a 1\ny: &b *a\n", "f.yaml:2:4:"},          // an anchor on an alias
          {"x: &a 1\ny: [1, !!str *a]\n", "f.yaml:2:8:"},  // in flow style
      },
      "an alias cannot carry a tag or an anchor");
  for (const char* text : {"x: &a 1\ny: !t *a\n", "x: &a 1\ny: &b *a\n", "x: &a 1\ny: [1, !!str *a]\n"})
    CHECK_THROWS_AS(YAML::Load(text), YAML::Exception);
  CHECK(YAML::Load("!d *ienc)es:\n  \n").Tag() == "!d");
  CHECK_NOTHROW(Document::parse("x: &a 1\ny: *a\nz: [*a]\n", "f.yaml"));
}

TEST_CASE("fuzz: an alias as a key is its anchor's value, and one without an anchor is an error") {
  // fuzz_yaml_document: "*b: two" became the string key "*b" in kratix's
  // reading of a value, where yaml-cpp refuses the alias.
  CHECK_THROWS_WITH(Document::parse("x: 1\ny:\n  *b: two\n", "f.yaml", 0).value({std::string("y")}),
                    doctest::Contains("anchor"));
  const YAML::Node v = Document::parse("x: &b k\ny:\n  *b : two\nz: {*b : 3}\n", "f.yaml").value({});
  CHECK(v["y"]["k"].as<std::string>() == "two");
  CHECK(v["z"]["k"].as<int>() == 3);
}

TEST_CASE("fuzz: an explicit key with nothing after its '?' is an error, as a null key is") {
  // fuzz_yaml_document: "?" with nothing was the key "" to kratix, null to
  // yaml-cpp, and left alone by an edit it was text yaml-cpp cannot read.
  for (const std::string text : {"?\nuse: 1\n", "? \n: x\n", "{? : x}\n", "[? ]\n", "a:\n  ? # c\n  : 1\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("a mapping entry without a key ('?'"));
  }
  CHECK_NOTHROW(Document::parse("? a\n: 1\n? !!null\n: 2\n", "f.yaml"));
}

TEST_CASE("fuzz: an implicit key longer than 1024 characters is an error in flow style too") {
  // fuzz_values_schema: a flow mapping's key over several lines became a
  // property name of 2,900 characters, which the schema written could not hold.
  std::string key = "e";
  for (int i = 0; i < 120; ++i) key += " - i3en.12xlarge";
  for (const std::string& text : {"a: {b: 1,\n  " + key + ": 2}\n", key + ": 1\n", "a: {b: 1," + key + "}\n"}) {
    CHECK_THROWS_WITH(Document::parse(text, "f.yaml"), doctest::Contains("a key longer than 1024 characters"));
    kratix::helm::SchemaSources s;
    s.values_yaml = text;
    CHECK_THROWS_WITH(kratix::helm::spec_schema_from_chart(s), doctest::Contains("a key longer than 1024"));
  }
  CHECK_NOTHROW(Document::parse("a: {b: 1,\n  " + std::string(1000, 'k') + ": 2}\n", "f.yaml"));
  // fuzz_values_schema: an explicit ('? ') key may be longer, but not as a property name.
  kratix::helm::SchemaSources s;
  s.values_yaml = "? |\n  " + key + "\n: 1\n";
  CHECK_THROWS_WITH(kratix::helm::spec_schema_from_chart(s),
                    doctest::Contains("longer than the 1024 a property name of the Promise's API can be"));
}

TEST_CASE("fuzz: a chart's lines that yaml-cpp reads as an empty mapping are an error, not undefined behaviour") {
  // fuzz_repo_index: "  {}-x" under entries: is the chart "{}-x" to the
  // scanner and {} to yaml-cpp, whose first entry was taken without a look.
  kratix::chart::IndexScanner s("{}-x", "https://x.example.com/index.yaml");
  s.write("apiVersion: v1\nentries:\n  {}-x\n");
  CHECK_THROWS_WITH(s.finish(), doctest::Contains("https://x.example.com/index.yaml: the entries of chart {}-x"));
}
