#include <doctest/doctest.h>

#include "core/error.hpp"
#include "promise/manifests.hpp"
#include "temp_dir.hpp"
#include "yamledit/emit.hpp"

using namespace kratix::promise;
namespace yamledit = kratix::yamledit;
using kratix::test::TempDir;
using kratix::test::write_text;

TEST_CASE("manifests: emit_yaml keeps quoted scalars strings and key order") {
  YAML::Node n =
      YAML::Load("z: 'true'\na: '123'\nm: ''\nb: plain\nc: 12\nd: [x, y]\ne: \"line1\\nline2\\n\"\nf: 'yes'\n");
  std::string text = yamledit::emit_yaml(n);
  YAML::Node back = YAML::Load(text);
  CHECK(back["z"].Tag() == "!");
  CHECK(back["a"].Tag() == "!");
  CHECK(back["f"].Tag() == "!");
  CHECK(back["a"].as<std::string>() == "123");
  CHECK(back["m"].as<std::string>() == "");
  CHECK(back["c"].Tag() == "?");
  CHECK(back["e"].as<std::string>() == "line1\nline2\n");
  CHECK(text.find("e: |\n  line1\n  line2\n") != std::string::npos);
  CHECK(text.starts_with("z: "));
  CHECK(text.find("b: plain\n") != std::string::npos);
  CHECK(yamledit::emit_yaml(YAML::Node(yamledit::string_node("1.0"))) == "'1.0'\n");
}

TEST_CASE("manifests: load files and directories, multi-document, JSON, lists") {
  TempDir t;
  write_text(t / "m/b.yaml",
             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\n---\napiVersion: v1\nkind: "
             "Secret\nmetadata:\n  name: s\n");
  write_text(t / "m/a/x.json", R"({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns"}})");
  write_text(t / "m/notes.txt", "not a manifest");
  write_text(t / "m/list.yml", "- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: sa}\n");
  auto all = load_manifests(t / "m");
  REQUIRE(all.size() == 4);
  CHECK(all[0].object["kind"].as<std::string>() == "Namespace");  // a/x.json sorts first
  CHECK(all[1].object["kind"].as<std::string>() == "ConfigMap");
  CHECK(all[2].object["kind"].as<std::string>() == "Secret");
  CHECK(all[2].line == 7);
  CHECK(all[3].object["kind"].as<std::string>() == "ServiceAccount");
  CHECK(load_manifests(t / "m/b.yaml").size() == 2);
}

TEST_CASE("manifests: clear errors for missing, empty and malformed input") {
  TempDir t;
  CHECK_THROWS_WITH_AS(load_manifests(t / "nope"), doctest::Contains("does not exist"), kratix::Error);
  std::filesystem::create_directories(t / "empty");
  CHECK_THROWS_WITH_AS(load_manifests(t / "empty"), doctest::Contains("no .yaml, .yml or .json files"), kratix::Error);
  write_text(t / "blank.yaml", "---\n# nothing\n");
  CHECK_THROWS_WITH_AS(load_manifests(t / "blank.yaml"), doctest::Contains("no Kubernetes objects"), kratix::Error);
  write_text(t / "bad.yaml", "apiVersion: v1\nkind: [\n");
  try {
    load_manifests(t / "bad.yaml");
    FAIL("expected an error");
  } catch (const kratix::Error& e) {
    REQUIRE(e.where());
    CHECK(e.where()->line >= 2);
    CHECK(e.describe().find("bad.yaml:") != std::string::npos);
  }
  write_text(t / "notobj.yaml", "apiVersion: v1\nkind: A\n---\njust: data\n");
  try {
    load_manifests(t / "notobj.yaml");
    FAIL("expected an error");
  } catch (const kratix::Error& e) {
    CHECK(e.where()->line == 4);
  }
}

TEST_CASE("manifests: default_namespace fills only a missing namespace") {
  YAML::Node a = YAML::Load("kind: A\nmetadata:\n  name: x\n");
  default_namespace(a);
  CHECK(a["metadata"]["namespace"].as<std::string>() == "default");
  YAML::Node b = YAML::Load("kind: A\nmetadata:\n  name: x\n  namespace: prod\n");
  default_namespace(b);
  CHECK(b["metadata"]["namespace"].as<std::string>() == "prod");
  YAML::Node c = YAML::Load("kind: A\n");
  default_namespace(c);
  CHECK(c["metadata"]["namespace"].as<std::string>() == "default");
}

TEST_CASE("emit_yaml: literal blocks keep their chomping") {
  YAML::Node n =
      YAML::Load("strip: |-\n  a\n  b\nclip: |\n  a\n  b\nkeep: |+\n  a\n\n\nnext: 1\nspace: \" lead\\nx\"\n");
  std::string text = yamledit::emit_yaml(n);
  CHECK(text.find("strip: |-\n  a\n  b\n") != std::string::npos);
  CHECK(text.find("clip: |\n  a\n  b\n") != std::string::npos);
  YAML::Node back = YAML::Load(text);
  for (const char* k : {"strip", "clip", "keep", "space"}) {
    CAPTURE(k);
    CHECK(back[k].as<std::string>() == n[k].as<std::string>());
  }
}

TEST_CASE("emit_yaml: sequences of maps, flow collections of scalars, awkward keys and values") {
  YAML::Node n = YAML::Load(
      "list:\n- name: a\n  env: [x, y]\n- plain\n- []\n"
      "'key: with colon': 1\n'#hash': v\nv1: 'a: b'\nv2: '- dash'\nv3: 'x #y'\nv4: ' pad'\nv5: \"tab\\there\"\n"
      "nested: {a: {b: 1}}\n");
  std::string text = yamledit::emit_yaml(n);
  CHECK(text.find("list:\n  - name: a\n    env: [x, y]\n  - plain\n  - []\n") != std::string::npos);
  CHECK(text.find("nested:\n  a: {b: 1}\n") != std::string::npos);
  YAML::Node back = YAML::Load(text);
  CHECK(back["key: with colon"].as<int>() == 1);
  CHECK(back["#hash"].as<std::string>() == "v");
  for (const char* k : {"v1", "v2", "v3", "v4", "v5"}) {
    CAPTURE(k);
    CHECK(back[k].as<std::string>() == n[k].as<std::string>());
  }
}
