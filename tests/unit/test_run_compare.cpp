#include <doctest/doctest.h>

#include "run/compare.hpp"
#include "run/diff.hpp"
#include "temp_dir.hpp"

namespace run = kratix::run;
using kratix::test::write_text;
using run::Json;

TEST_CASE("run compare: YAML compares by meaning: order, quoting, comments, creationTimestamp: null, empty status") {
  kratix::test::TempDir t;
  write_text(t / "e/app.yaml",
             "# made by hand\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: 'app'\n  creationTimestamp: "
             "null\nspec:\n  replicas: 2\n  template:\n    metadata:\n      creationTimestamp: null\nstatus: {}\n");
  write_text(t / "a/app.yaml",
             "kind: Deployment\napiVersion: \"apps/v1\"\nspec: {template: {metadata: {}}, replicas: 2}\nmetadata:\n  "
             "name: app\n---\n");
  auto same = run::compare_files(t / "e/app.yaml", t / "a/app.yaml", "expected", "actual");
  CHECK(same.equal);
  write_text(t / "a/app.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec: {replicas: \"2\"}\n");
  auto differ = run::compare_files(t / "e/app.yaml", t / "a/app.yaml", "expected", "actual");
  CHECK_FALSE(differ.equal);
  CHECK(differ.diff.find("--- expected\n+++ actual\n") == 0);
  CHECK(differ.diff.find("-  replicas: 2\n") != std::string::npos);
  CHECK(differ.diff.find("+  replicas: '2'\n") != std::string::npos);  // a string is not a number
}

TEST_CASE("run compare: other files compare by bytes; the diff says what changed") {
  kratix::test::TempDir t;
  write_text(t / "e/main.tf", "a = 1\nb = 2\n");
  write_text(t / "a/main.tf", "a = 1\nb = 2\n");
  CHECK(run::compare_files(t / "e/main.tf", t / "a/main.tf", "e", "a").equal);
  write_text(t / "a/main.tf", "a = 1\nb  = 2\n");
  auto c = run::compare_files(t / "e/main.tf", t / "a/main.tf", "e", "a");
  CHECK_FALSE(c.equal);
  CHECK(c.diff == "--- e\n+++ a\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b  = 2\n");
  write_text(t / "a/main.tf", std::string("bin\0ary", 7));
  CHECK(run::compare_files(t / "e/main.tf", t / "a/main.tf", "e", "a").message.find("binary") != std::string::npos);
}

TEST_CASE("run compare: status conditions compare by type in any order, without lastTransitionTime") {
  Json want = {{"message", "ok"},
               {"conditions",
                {{{"type", "B"}, {"status", "True"}, {"lastTransitionTime", "2020-01-01T00:00:00Z"}},
                 {{"type", "A"}, {"status", "True"}}}}};
  Json got = {{"message", "ok"},
              {"conditions",
               {{{"type", "A"}, {"status", "True"}, {"lastTransitionTime", "2030-01-01T00:00:00Z"}},
                {{"type", "B"}, {"status", "True"}}}}};
  CHECK(run::compare_status(want, got, "expected/status.yaml").equal);
  got["conditions"][1]["status"] = "False";
  auto c = run::compare_status(want, got, "expected/status.yaml");
  CHECK_FALSE(c.equal);
  CHECK(c.diff.find("+- status: 'False'\n") != std::string::npos);
}

TEST_CASE("run diff: unified hunks with three lines of context, separate hunks for distant changes") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += (i == 2 ? "changed 2" : i == 18 ? "changed 18" : "line " + std::to_string(i)) + std::string("\n");
  }
  b += "line 21\n";
  std::string d = run::unified_diff(a, b, "x", "y");
  CHECK(d ==
        "--- x\n+++ y\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+changed 2\n line 3\n line 4\n line 5\n"
        "@@ -15,6 +15,7 @@\n line 15\n line 16\n line 17\n-line 18\n+changed 18\n line 19\n line 20\n+line 21\n");
  CHECK(run::unified_diff(a, a, "x", "y").empty());
  CHECK(run::unified_diff("", "new\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+new\n");
  CHECK(run::unified_diff("a\n", "a", "x", "y").find("only in the newline") != std::string::npos);
}
