#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "promise/init.hpp"
#include "promise/scaffold.hpp"
#include "temp_dir.hpp"

namespace stdfs = std::filesystem;
using namespace kratix::promise;
using kratix::test::read_text;
using kratix::test::TempDir;
using kratix::test::write_text;

namespace {

PromiseScaffold database() {
  PromiseScaffold s;
  s.name = "postgresql";
  s.api = {"syntasso.io", "Database", "v1alpha1", ""};
  s.command = "kratix init promise postgresql --group syntasso.io --kind Database";
  return s;
}

const std::string& content_of(const std::vector<RenderedFile>& files, const std::string& rel) {
  for (const auto& [p, c] : files) {
    if (p == rel) return c;
  }
  FAIL("no file " << rel);
  static std::string none;
  return none;
}

std::vector<std::string> names_of(const std::vector<RenderedFile>& files) {
  std::vector<std::string> out;
  for (const auto& [p, c] : files) out.push_back(p.string());
  return out;
}

}  // namespace

TEST_CASE("scaffold: a flat Promise has promise.yaml, example-resource.yaml and README.md") {
  auto files = render_promise(database(), Layout::Flat);
  CHECK(names_of(files) == std::vector<std::string>{"promise.yaml", "example-resource.yaml", "README.md"});
  YAML::Node p = YAML::Load(content_of(files, "promise.yaml"));
  CHECK(p["metadata"]["name"].as<std::string>() == "postgresql");
  CHECK(p["metadata"]["labels"]["kratix.io/promise-version"].as<std::string>() == "v0.0.1");
  YAML::Node crd = p["spec"]["api"];
  CHECK(crd["metadata"]["name"].as<std::string>() == "databases.syntasso.io");
  CHECK(crd["spec"]["scope"].as<std::string>() == "Namespaced");
  CHECK(crd["spec"]["names"]["singular"].as<std::string>() == "database");
  YAML::Node v = crd["spec"]["versions"][0];
  CHECK(v["served"].as<bool>());
  CHECK(v["storage"].as<bool>());
  YAML::Node spec = v["schema"]["openAPIV3Schema"]["properties"]["spec"];
  CHECK(spec["type"].as<std::string>() == "object");
  CHECK(spec["default"].IsMap());
  CHECK(spec["properties"].IsMap());
  CHECK(p["spec"]["workflows"]["promise"]["configure"].IsSequence());
  CHECK(p["spec"]["workflows"]["resource"]["configure"].size() == 0);
  CHECK_FALSE(p["spec"]["dependencies"]);
  CHECK(content_of(files, "promise.yaml").find("\n\n") == std::string::npos);
}

TEST_CASE("scaffold: a split Promise has api.yaml and an empty dependencies list") {
  auto files = render_promise(database(), Layout::Split);
  CHECK(names_of(files) ==
        std::vector<std::string>{"api.yaml", "dependencies.yaml", "example-resource.yaml", "README.md"});
  YAML::Node api = YAML::Load(content_of(files, "api.yaml"));
  CHECK(api["kind"].as<std::string>() == "CustomResourceDefinition");
  YAML::Node deps = YAML::Load(content_of(files, "dependencies.yaml"));
  CHECK(deps.IsSequence());
  CHECK(deps.size() == 0);
}

TEST_CASE("scaffold: split workflows get their own files when present") {
  auto s = database();
  s.resource_configure_yaml = "- apiVersion: platform.kratix.io/v1alpha1\n  kind: Pipeline\n  metadata:\n    name: p\n";
  auto files = render_promise(s, Layout::Split);
  YAML::Node wf = YAML::Load(content_of(files, "workflows/resource/configure/workflow.yaml"));
  CHECK(wf[0]["metadata"]["name"].as<std::string>() == "p");
  auto flat = YAML::Load(content_of(render_promise(s, Layout::Flat), "promise.yaml"));
  CHECK(flat["spec"]["workflows"]["resource"]["configure"][0]["kind"].as<std::string>() == "Pipeline");
}

TEST_CASE("scaffold: example resource and README follow the names") {
  auto s = database();
  s.api.version = "v2";
  s.api.plural = "dbs";
  auto files = render_promise(s, Layout::Flat);
  YAML::Node ex = YAML::Load(content_of(files, "example-resource.yaml"));
  CHECK(ex["apiVersion"].as<std::string>() == "syntasso.io/v2");
  CHECK(ex["kind"].as<std::string>() == "Database");
  CHECK(ex["metadata"]["name"].as<std::string>() == "example-postgresql");
  CHECK(YAML::Load(content_of(files, "promise.yaml"))["spec"]["api"]["metadata"]["name"].as<std::string>() ==
        "dbs.syntasso.io");
  CHECK(content_of(files, "README.md").find(s.command) != std::string::npos);
}

TEST_CASE("scaffold: replay_command records the flags that were given") {
  InitPromiseOptions o;
  o.name = "pg";
  o.api = {"myorg.com", "Database", "v1", "dbs"};
  o.split = true;
  CHECK(replay_command("promise", o) ==
        "kratix init promise pg --group myorg.com --kind Database --version v1 --plural dbs --split");
}

TEST_CASE("scaffold: write_new_promise creates the directory and refuses to overwrite") {
  TempDir t;
  auto written = write_new_promise(database(), {t / "a/b", Layout::Flat, false});
  CHECK(written.size() == 3);
  CHECK(stdfs::exists(t / "a/b/promise.yaml"));
  const std::string before = read_text(t / "a/b/promise.yaml");
  write_text(t / "a/b/promise.yaml", "mine\n");
  CHECK_THROWS_WITH_AS(write_new_promise(database(), {t / "a/b", Layout::Flat, false}), doctest::Contains("--force"),
                       kratix::Error);
  CHECK(read_text(t / "a/b/promise.yaml") == "mine\n");
  write_new_promise(database(), {t / "a/b", Layout::Flat, true});
  CHECK(read_text(t / "a/b/promise.yaml") == before);
}

TEST_CASE("scaffold: a split init refuses a directory holding a flat Promise, and --force converts it") {
  TempDir t;
  write_new_promise(database(), {t.path(), Layout::Flat, false});
  CHECK_THROWS_AS(write_new_promise(database(), {t.path(), Layout::Split, false}), kratix::Error);
  CHECK_FALSE(stdfs::exists(t / "api.yaml"));
  write_new_promise(database(), {t.path(), Layout::Split, true});
  CHECK(stdfs::exists(t / "api.yaml"));
  CHECK_FALSE(stdfs::exists(t / "promise.yaml"));
  CHECK(detect_layout(t.path()) == Layout::Split);
}

TEST_CASE("scaffold: init_promise validates names before writing anything") {
  TempDir t;
  InitPromiseOptions o;
  o.name = "Bad_Name";
  o.api = {"myorg.com", "Database", "v1alpha1", ""};
  o.dir = t / "out";
  CHECK_THROWS_AS(init_promise(o), kratix::UsageError);
  CHECK_FALSE(stdfs::exists(t / "out"));
  o.name = "good";
  auto r = init_promise(o);
  CHECK(r.message == "good promise bootstrapped in the " + (t / "out").string() + " directory");
  o.dir = ".";
  CHECK(bootstrapped_message("good", ".") == "good promise bootstrapped in the current directory");
}
