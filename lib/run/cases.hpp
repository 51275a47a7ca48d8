#pragma once
// Test cases: directories that say what a workflow gets and what it must
// produce, run by `kratix test` (what a Promise repository's CI runs).
//
//   test/LIFECYCLE/ACTION/CASE/
//     input/object.yaml       the object (default: example-resource.yaml; the Promise for promise workflows)
//     env                     KEY=VALUE lines set in every container (like --env)
//     configmaps/NAME.env     values of configMap NAME (like --env-file configmap/NAME=FILE)
//     secrets/NAME.env        values of secret NAME
//     expected/output/PIPELINE/...    what each pipeline writes to /kratix/output
//     expected/metadata/PIPELINE/...  ... and to /kratix/metadata
//     expected/status.yaml    the object's status after the workflow
//     expected/scheduling.yaml  the workload groups and their destination selectors
#include <filesystem>
#include <string>
#include <vector>

#include "run/runner.hpp"

namespace kratix::run {

struct TestCase {
  std::string lifecycle, action, name;
  std::filesystem::path dir;
  std::string label() const { return lifecycle + "/" + action + "/" + name; }
};

// The cases under `tests` (LIFECYCLE/ACTION/CASE directories, in order).
// `select`: names (CASE or LIFECYCLE/ACTION/CASE) to run only those. Input
// errors (exit 2) for a directory that is not a case or a name not found.
std::vector<TestCase> find_cases(const std::filesystem::path& tests, const std::vector<std::string>& select);

// The object, environment and refs of a case, for Runner::run.
CaseInput case_input(const TestCase& tc);

// Adds a check per expected file (and per file written that is not expected)
// to result.checks. A failed run is not compared.
void check_expectations(const TestCase& tc, WorkflowResult& result);

// Writes what the run produced as the case's expectations (expected/ is
// replaced as a whole; a file whose content compares equal keeps its old
// bytes). Returns the files that changed, relative to the case.
std::vector<std::string> update_expectations(const TestCase& tc, const WorkflowResult& result);

// The scheduling document of a run: per configure pipeline whose Work is
// written, its workload groups (directory, files, destination selectors with
// their sources, and the labels a Destination must have).
Json scheduling_of(const WorkflowResult& result);
// One pipeline's workload groups as JSON (as scheduling.yaml and -o json show them).
Json workload_groups(const WorkResult& work);

// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
struct CaseResult {  // NOLINT(bugprone-exception-escape)
  TestCase tc;
  WorkflowResult result;
  std::string error;                 // the case could not run (exit 2)
  std::vector<std::string> updated;  // --update: the files written
};

struct SuiteOptions {
  std::filesystem::path tests;  // default: DIR/test
  std::vector<std::string> select;
  bool update = false;
};

struct SuiteResult {
  std::vector<CaseResult> cases;
  size_t checks() const;
  size_t failed_checks() const;
  int exit_code() const;  // 2 a case could not run, 3 a pipeline failed, 1 a check failed, 0
};

SuiteResult run_suite(Runner& runner, const SuiteOptions& options);

struct InitCaseOptions {
  std::filesystem::path dir = ".";
  std::filesystem::path tests;  // default: DIR/test
  std::string name;
  std::string workflow = "resource/configure";  // LIFECYCLE/ACTION
  std::optional<std::filesystem::path> input;   // default: example-resource.yaml (resource workflows)
};

// `kratix test init CASE`: the case directory with input/object.yaml (none
// for promise workflows without --input: they run on the Promise). Returns it.
std::filesystem::path init_case(const InitCaseOptions& options);

}  // namespace kratix::run
