#include <doctest/doctest.h>

#include "plugin/plugins.hpp"
#include "temp_dir.hpp"

namespace stdfs = std::filesystem;
using kratix::test::TempDir;
using kratix::test::write_text;

namespace {
void make_plugin(const stdfs::path& p, bool executable = true) {
  write_text(p, "#!/bin/sh\n");
  stdfs::permissions(p, executable ? stdfs::perms(0755) : stdfs::perms(0644));
}
}  // namespace

TEST_CASE("plugin: the longest name wins, then the first PATH entry") {
  TempDir t;
  make_plugin(t / "a/kratix-foo");
  make_plugin(t / "b/kratix-foo-bar");
  make_plugin(t / "b/kratix-foo");
  std::string path = (t / "a").string() + ":" + (t / "b").string();
  auto m = kratix::plugin::find({"foo", "bar", "baz"}, path);
  REQUIRE(m);
  CHECK(m->executable == t / "b/kratix-foo-bar");
  CHECK(m->words == 2);
  m = kratix::plugin::find({"foo", "qux"}, path);
  REQUIRE(m);
  CHECK(m->executable == t / "a/kratix-foo");
  CHECK(m->words == 1);
}

TEST_CASE("plugin: flags end the words that name a plugin, and dashes become underscores") {
  TempDir t;
  make_plugin(t / "kratix-foo");
  make_plugin(t / "kratix-foo-bar");
  make_plugin(t / "kratix-my_tool");
  auto m = kratix::plugin::find({"foo", "--x", "bar"}, t.path().string());
  REQUIRE(m);
  CHECK(m->executable.filename() == "kratix-foo");
  m = kratix::plugin::find({"my-tool"}, t.path().string());
  REQUIRE(m);
  CHECK(m->executable.filename() == "kratix-my_tool");
}

TEST_CASE("plugin: a file that is not executable is not run") {
  TempDir t;
  make_plugin(t / "kratix-foo", false);
  CHECK_FALSE(kratix::plugin::find({"foo"}, t.path().string()));
  CHECK_FALSE(kratix::plugin::find({}, t.path().string()));
}

TEST_CASE("plugin: list warns about non-executable, shadowed and built-in names") {
  TempDir t;
  make_plugin(t / "a/kratix-foo");
  make_plugin(t / "b/kratix-foo");
  make_plugin(t / "b/kratix-bar", false);
  make_plugin(t / "b/kratix-init-thing");
  write_text(t / "b/other-tool", "x");
  std::string path = (t / "a").string() + ":" + (t / "b").string() + ":" + (t / "missing").string();
  auto listing = kratix::plugin::list(path, {"init", "plugin"});
  CHECK(listing.plugins.size() == 4);
  REQUIRE(listing.warnings.size() == 3);
  auto has = [&](const std::string& needle) {
    for (const auto& w : listing.warnings) {
      if (w.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  CHECK(has("kratix-bar is named like a kratix plugin but is not executable"));
  CHECK(has((t / "b/kratix-foo").string() + " is shadowed by " + (t / "a/kratix-foo").string()));
  CHECK(has("built-in command 'kratix init'"));
}
