#pragma once
// What a `kratix test` run did and found.
#include <filesystem>
#include <string>
#include <vector>

#include "process/process.hpp"
#include "run/contract.hpp"
#include "run/status_writer.hpp"
#include "run/value.hpp"
#include "run/work_writer.hpp"

namespace kratix::run {

struct ContainerResult {
  std::string name, image;
  std::vector<std::string> argv;  // the engine command
  process::Env env;               // the container's environment, as set
  bool ran = false, ok = false;
  int exit_code = 0;
  bool timed_out = false;
  std::string ended;  // "exited with status 3", "timed out after 30s"
  std::string out_tail, err_tail;
  double seconds = 0;
};

// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
struct PipelineResult {  // NOLINT(bugprone-exception-escape)
  std::string name;
  std::filesystem::path dir;  // its input/, output/, metadata/ (and logs/)
  std::vector<ContainerResult> containers;
  bool work_written = false;  // configure pipelines that did not stop: the Work Kratix writes
  WorkResult work;
  WorkflowControl control;
  Json status;                        // the object's status after the pipeline
  std::vector<std::string> warnings;  // what Kratix would print or ignore
  std::string failure;                // why the pipeline failed (a container, or Kratix's own)
};

// One check: a comparison with an expected file, or a rule of the contract.
struct Check {
  std::string name;  // e.g. "instance: output/app.yaml"
  std::string kind;  // "expected" | "contract"
  bool passed = true;
  std::string message;  // why it failed
  std::string diff;     // unified diff of the normalised YAML (or text)
};

// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
struct WorkflowResult {  // NOLINT(bugprone-exception-escape)
  std::string target;    // "resource/configure", ".../PIPELINE" or ".../PIPELINE/CONTAINER"
  std::string lifecycle, action;
  std::string engine;
  WorkflowContext context;
  std::vector<PipelineResult> pipelines;
  Json status;          // the object's status at the end
  std::string stopped;  // workflow-control stopped the chain: how
  std::string failure;  // the first pipeline failure
  std::vector<Check> checks;
  std::filesystem::path work_root;
  bool keep = false;  // the work directories stay (--keep, or a failure)
  double seconds = 0;

  bool failed() const { return !failure.empty(); }
  size_t failed_checks() const {
    size_t n = 0;
    for (const auto& c : checks) n += c.passed ? 0 : 1;
    return n;
  }
};

}  // namespace kratix::run
