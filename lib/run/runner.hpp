#pragma once
// Runs a Promise's workflows in a container engine as Kratix runs them.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "run/results.hpp"

namespace kratix::run {

struct RunOptions {
  std::filesystem::path dir = ".";
  std::string promise_name;            // split layouts: the Promise's name (default: the directory's)
  std::string engine;                  // docker | podman; empty: $KRATIX_CONTAINER_ENGINE, else docker, else podman
  std::vector<std::string> images;     // CONTAINER=IMAGE or PIPELINE/CONTAINER=IMAGE
  process::Env env;                    // --env, set last in every container
  std::vector<std::string> env_files;  // configmap/NAME=FILE, secret/NAME=FILE
  std::optional<std::filesystem::path> input;  // the object (default: example-resource.yaml / the Promise)
  std::chrono::milliseconds timeout = std::chrono::minutes(10);  // per container
  std::string pull;                           // always | missing | never; empty: each container's imagePullPolicy
  std::string network = "none";               // none | host
  bool dry_run = false;                       // run resource workflows as a dry run (KRATIX_DRY_RUN)
  std::optional<std::filesystem::path> keep;  // keep the work directories here
  bool build = false;                         // build the images first ('kratix build container')
  std::string build_args;
  bool quiet_build = false;                     // build output to stderr (for JSON/YAML output)
  std::function<void(const std::string&)> log;  // progress and container output (verbose); may be empty
};

// What to run: a workflow, one of its pipelines, or one container of it.
struct Target {
  std::string lifecycle, action;
  std::string pipeline;   // empty: every pipeline of the workflow
  std::string container;  // empty: every container of the pipeline
  std::string label() const;
};

// Parses LIFECYCLE/ACTION ("workflow"), LIFECYCLE/ACTION/PIPELINE ("pipeline")
// and, with a container, a stage. UsageError when malformed.
Target parse_target(const std::string& text, const std::string& container, bool with_pipeline);

// What a run needs beyond the flags: the object and values of one test case.
struct CaseInput {
  std::optional<std::filesystem::path> object;  // overrides RunOptions::input
  process::Env env;                             // before RunOptions::env
  RefValues refs;                               // before --env-file ones
  std::filesystem::path work_root;              // where its work directories go (empty: a temp directory)
};

class Runner {
 public:
  // Reads the Promise and checks the flags; input errors (exit 2).
  explicit Runner(RunOptions options);

  // Runs the target. A failing container stops the run: the result says
  // which and keeps what ran before (and the work directories). Contract
  // checks of every pipeline that ran are in result.checks.
  WorkflowResult run(const Target& target, const CaseInput& input = {});

  // Removes a result's work directories unless they are kept.
  static void clean_up(WorkflowResult& result);

  const PromiseModel& promise() const { return promise_; }
  const RunOptions& options() const { return options_; }

 private:
  RunOptions options_;
  PromiseModel promise_;
  std::string engine_;
  RefValues refs_;
  std::set<std::string> built_;  // images built by --build (once per run of kratix)
  unsigned run_counter_ = 0;
};

// The default work directory root when --keep is not given.
std::filesystem::path make_temp_dir();

}  // namespace kratix::run
