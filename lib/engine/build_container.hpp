#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "promise/workflow_ref.hpp"

namespace kratix::engine {

struct BuildContainerOptions {
  std::filesystem::path dir = ".";
  std::optional<promise::WorkflowRef> workflow;  // LIFECYCLE/ACTION/PIPELINE, unless all
  std::string name;                              // the container, when the pipeline has several
  bool all = false;
  std::string engine;  // docker | podman; empty: $KRATIX_CONTAINER_ENGINE, else docker, else podman
  bool push = false;
  bool buildx = false;
  std::string build_args;  // split like a shell would
  bool dry_run = false;
  bool output_to_stderr = false;  // the engine's output on stderr (keeps stdout for JSON)
};

// One container image to build: the container directory is the build context,
// the container's image in the Promise is the tag.
struct BuildTarget {
  promise::WorkflowRef workflow;
  std::string container;
  std::string image;
  std::filesystem::path context;
};

// The engine to use: the flag, else $KRATIX_CONTAINER_ENGINE, else docker
// when it is on PATH, else podman when it is, else docker. UsageError for
// anything but docker or podman.
std::string resolve_engine(const std::string& flag);

// What to build. With `all`, every container of every pipeline that has a
// directory; otherwise the one container of the named pipeline (by --name when
// it has several). kratix::Error naming the fix when something is missing.
std::vector<BuildTarget> plan_builds(const BuildContainerOptions& options);

// The commands for one target: ENGINE build --tag IMAGE CONTEXT [ARGS] (or
// ENGINE buildx build ... [--push] [ARGS]), then ENGINE push IMAGE when pushing
// without buildx.
std::vector<std::vector<std::string>> build_commands(const BuildTarget& target, const BuildContainerOptions& options,
                                                     const std::string& engine);

struct BuildReport {
  std::vector<std::string> built;   // "lifecycle/action/pipeline/container (image)"
  std::vector<std::string> failed;  // likewise, with the failing command and status
};

// Builds (and pushes) every planned target, printing progress through `say`.
// A failing command stops that target; with `all` the others still build. The
// report lists both; cli/ turns failures into exit 1. Dry runs only print the
// commands. kratix::Error when the engine is not on PATH (unless dry run).
BuildReport build_containers(const BuildContainerOptions& options, const std::function<void(const std::string&)>& say);

}  // namespace kratix::engine
