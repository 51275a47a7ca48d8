#include <doctest/doctest.h>
#include <sys/stat.h>

#include "run/status_writer.hpp"
#include "run/work_writer.hpp"
#include "temp_dir.hpp"

namespace run = kratix::run;
namespace stdfs = std::filesystem;
using kratix::test::write_text;
using run::Json;

namespace {

std::string selectors_error(const std::string& text) {
  std::string error;
  run::parse_destination_selectors(text, "metadata/destination-selectors.yaml", error);
  return error;
}

const run::WorkloadGroup* group(const run::WorkResult& r, const std::string& dir) {
  for (const auto& g : r.groups) {
    if (g.directory == dir) return &g;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("run work-writer: destination-selectors.yaml is checked as Kratix's ParseDestinationSelectors does") {
  std::string error;
  auto ok = run::parse_destination_selectors("- matchLabels: {env: dev}\n- directory: ./db/\n  matchLabels: {a: b}\n",
                                             "d.yaml", error);
  CHECK(error.empty());
  REQUIRE(ok.size() == 2);
  CHECK(ok[0].directory == ".");   // no directory: the root
  CHECK(ok[1].directory == "db");  // filepath.Clean
  CHECK(selectors_error("- directory: db\n") ==
        "invalid destination-selectors.yaml: entry with index 0 has no selectors");
  CHECK(selectors_error("- {directory: db, matchLabels: {a: b}}\n- {directory: db/, matchLabels: {c: d}}\n")
            .starts_with("duplicate entries in destination-selectors.yaml"));
  CHECK(selectors_error("- {directory: db/nested, matchLabels: {a: b}}\n") ==
        "invalid directory in destination-selectors.yaml: db/nested, sub-directories are not allowed");
  CHECK(selectors_error("- {directory: /db, matchLabels: {a: b}}\n").find("sub-directories are not allowed") !=
        std::string::npos);
  CHECK(selectors_error("- matchLabels: {replicas: 3}\n").find("not a string; quote it") != std::string::npos);
  CHECK(selectors_error("matchLabels: {a: b}\n").find("must be a YAML list") != std::string::npos);
  CHECK(selectors_error("- [\n").starts_with("invalid destination-selectors.yaml: "));
  CHECK(selectors_error("").empty());
}

TEST_CASE("run work-writer: the Promise's selectors win over the workflow's for the same label") {
  run::Labels resolved = run::resolve_selectors({{{{"env", "prod"}, {"team", "a"}}, "promise"},
                                                 {{{"env", "dev"}, {"zone", "z1"}}, "resource-workflow"},
                                                 {{{"zone", "z2"}}, "promise-workflow"}});
  CHECK(resolved == run::Labels{{"env", "prod"}, {"team", "a"}, {"zone", "z2"}});
}

TEST_CASE("run work-writer: directories get their own workload group, the rest goes to the default one") {
  kratix::test::TempDir t;
  write_text(t / "output/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
  write_text(t / "output/extra/more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
  write_text(t / "output/db/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: c}\n");
  write_text(t / "metadata/destination-selectors.yaml",
             "- matchLabels: {env: dev}\n- directory: db\n  matchLabels: {tier: data}\n");
  auto r = run::write_work(t / "output", t / "metadata", "resource", {{{"env", "prod"}}, {{"env", "x"}, {"k", "v"}}});
  CHECK(r.failure.empty());
  CHECK(r.findings.empty());
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].directory == "db");
  CHECK(r.groups[0].files == std::vector<std::string>{"db/db.yaml"});
  CHECK(r.groups[0].resolved == run::Labels{{"tier", "data"}});
  const run::WorkloadGroup* root = group(r, ".");
  REQUIRE(root);
  CHECK(root->files == std::vector<std::string>{"app.yaml", "extra/more.yaml"});
  REQUIRE(root->selectors.size() == 2);
  CHECK(root->selectors[0].source == "resource-workflow");
  CHECK(root->selectors[1].source == "promise");
  CHECK(root->selectors[1].match_labels == run::Labels{{"env", "prod"}, {"k", "v"}});  // the first entry wins
  CHECK(root->resolved == run::Labels{{"env", "prod"}, {"k", "v"}});
}

TEST_CASE("run work-writer: a selector directory missing from the output makes the work-writer fail") {
  kratix::test::TempDir t;
  write_text(t / "output/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
  write_text(t / "metadata/destination-selectors.yaml", "- directory: db\n  matchLabels: {a: b}\n");
  auto r = run::write_work(t / "output", t / "metadata", "promise", {});
  CHECK(r.failure.find("names directory 'db', which is not a directory in /kratix/output") != std::string::npos);
}

TEST_CASE("run work-writer: no output, no default workload group") {
  kratix::test::TempDir t;
  stdfs::create_directories(t / "output");
  stdfs::create_directories(t / "metadata");
  auto r = run::write_work(t / "output", t / "metadata", "resource", {{{"env", "dev"}}});
  CHECK(r.groups.empty());
}

TEST_CASE("run output checks: YAML files must hold Kubernetes objects, symlinks must stay inside") {
  kratix::test::TempDir t;
  write_text(t / "output/bad.yaml", "a: [1\n");
  write_text(t / "output/kindless.yml", "apiVersion: v1\nmetadata: {name: x}\n---\n---\nkind: ConfigMap\n");
  write_text(t / "output/list.yaml", "- a\n");
  write_text(t / "output/main.tf", "not yaml at all: [\n");
  write_text(t / "output/good.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
  write_text(t / "secret.txt", "outside\n");
  stdfs::create_symlink("../secret.txt", t / "output/escape.yaml");
  stdfs::create_symlink("/etc/hostname", t / "output/absolute.yaml");
  stdfs::create_symlink("good.yaml", t / "output/alias.yaml");
  stdfs::create_directories(t / "output/dir");
  stdfs::create_symlink("dir", t / "output/linked-dir");
  REQUIRE(::mkfifo((t / "output/pipe").c_str(), 0644) == 0);
  auto findings = run::check_output(t / "output");
  auto about = [&](const std::string& file) {
    std::string all;
    for (const auto& f : findings) {
      if (f.file == file) all += f.message + "|";
    }
    return all;
  };
  CHECK(about("output/bad.yaml").find("not valid YAML") != std::string::npos);
  CHECK(about("output/kindless.yml").find("document 1 has no kind") != std::string::npos);
  CHECK(about("output/kindless.yml").find("document 3 has no apiVersion") != std::string::npos);
  CHECK(about("output/list.yaml").find("is not a Kubernetes object") != std::string::npos);
  CHECK(about("output/main.tf").empty());
  CHECK(about("output/good.yaml").empty());
  CHECK(about("output/alias.yaml").empty());
  CHECK(about("output/escape.yaml").find("leaves /kratix/output") != std::string::npos);
  CHECK(about("output/absolute.yaml").find("absolute path") != std::string::npos);
  CHECK(about("output/linked-dir").find("symlink to a directory") != std::string::npos);
  CHECK(about("output/pipe").find("not a regular file") != std::string::npos);
}

TEST_CASE("run status-writer: status.yaml merges by top-level key, conditions by type") {
  Json existing = {{"message", "old"},
                   {"keep", 1},
                   {"conditions", {{{"type", "Ready"}, {"status", "False"}}, {{"type", "Other"}, {"status", "True"}}}}};
  Json incoming = {{"message", "new"}, {"conditions", {{{"type", "Ready"}, {"status", "True"}}, {{"type", "Fresh"}}}}};
  Json merged = run::merge_status(existing, incoming);
  CHECK(merged["message"] == "new");
  CHECK(merged["keep"] == 1);
  REQUIRE(merged["conditions"].size() == 3);
  CHECK(merged["conditions"][0] == Json({{"type", "Ready"}, {"status", "True"}}));
  CHECK(merged["conditions"][1]["type"] == "Other");
  CHECK(merged["conditions"][2]["type"] == "Fresh");
}

TEST_CASE("run status-writer: the last pipeline marks the workflow completed; 'kratix' is refused") {
  kratix::test::TempDir t;
  write_text(t / "metadata/status.yaml", "message: Pending\nready: true\n");
  run::WorkflowControl none;
  auto u = run::write_status(Json::object(), t / "metadata", "resource", true, false, none, "2024-01-02T03:04:05Z");
  CHECK(u.failure.empty());
  CHECK(u.status["message"] == "Resource requested");
  CHECK(u.status["ready"] == true);
  REQUIRE(u.status["conditions"].size() == 1);
  CHECK(u.status["conditions"][0] == Json({{"type", "ConfigureWorkflowCompleted"},
                                           {"status", "True"},
                                           {"reason", "PipelinesExecutedSuccessfully"},
                                           {"message", "Pipelines completed"},
                                           {"lastTransitionTime", "2024-01-02T03:04:05Z"}}));
  auto not_last = run::write_status(Json::object(), t / "metadata", "resource", false, false, none, "now");
  CHECK_FALSE(not_last.status.contains("conditions"));
  auto dry = run::write_status(Json::object(), t / "metadata", "resource", false, true, none, "now");
  CHECK(dry.status["message"] == "Dry run executed");
  write_text(t / "metadata/status.yaml", "kratix: {x: 1}\n");
  auto refused = run::write_status(Json::object(), t / "metadata", "resource", true, false, none, "now");
  CHECK(refused.failure.starts_with("'kratix' is a kratix managed status field"));
  write_text(t / "metadata/status.yaml", "- not a map\n");
  CHECK(run::write_status(Json::object(), t / "metadata", "resource", true, false, none, "now")
            .failure.starts_with("failed to load incoming status"));
}

TEST_CASE("run status-writer: promise workflows keep only message, with Kratix's warning") {
  kratix::test::TempDir t;
  write_text(t / "metadata/status.yaml", "message: hello\nversion: x\nextra: 1\n");
  run::WorkflowControl none;
  auto u = run::write_status(Json::object(), t / "metadata", "promise", false, false, none, "now");
  CHECK(u.status == Json({{"message", "hello"}}));
  REQUIRE(u.warnings.size() == 1);
  CHECK(u.warnings[0] ==
        "promise workflow status has unsupported keys: extra, version in status.yaml; only 'message' can be "
        "updated in Promise status");
}

TEST_CASE("run workflow-control: suspend and retryAfter stop the workflow; bad values fail the pipeline") {
  kratix::test::TempDir t;
  std::string error;
  CHECK_FALSE(run::read_workflow_control(t / "metadata", error).present);
  write_text(t / "metadata/workflow-control.yaml", "suspend: true\nmessage: waiting for approval\n");
  auto c = run::read_workflow_control(t / "metadata", error);
  CHECK(error.empty());
  CHECK(c.stops());
  CHECK(c.message == "waiting for approval");
  write_text(t / "metadata/workflow-control.yaml", "retryAfter: 5m\n");
  CHECK(run::read_workflow_control(t / "metadata", error).retry_after == "5m");
  CHECK(error.empty());
  write_text(t / "metadata/workflow-control.yaml", "retryAfter: soon\n");
  run::read_workflow_control(t / "metadata", error);
  CHECK(error.find("failed to parse retryAfter duration") != std::string::npos);
  error.clear();
  write_text(t / "metadata/workflow-control.yaml", "suspend: \"yes\"\n");
  run::read_workflow_control(t / "metadata", error);
  CHECK(error.find("suspend must be true or false") != std::string::npos);
  error.clear();
  write_text(t / "metadata/workflow-control.yaml", "retryAfter: 300\n");
  run::read_workflow_control(t / "metadata", error);
  CHECK(error.find("retryAfter must be a string") != std::string::npos);
  // A stopping workflow is not marked completed.
  error.clear();
  write_text(t / "metadata/workflow-control.yaml", "suspend: true\n");
  auto stop = run::read_workflow_control(t / "metadata", error);
  auto u = run::write_status(Json::object(), t / "metadata", "resource", true, false, stop, "now");
  CHECK_FALSE(u.status.contains("conditions"));
}
