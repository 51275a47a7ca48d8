#pragma once
// The Kratix pipeline contract: what a workflow container sees (Kratix's
// api/v1alpha1/pipeline_factory.go and pipeline_types.go), and the container
// engine command that gives it exactly that on this machine.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "process/process.hpp"
#include "run/pipeline_spec.hpp"
#include "run/promise_model.hpp"
#include "run/value.hpp"

namespace kratix::run {

// The object a workflow runs for, and how Kratix describes it to the pipeline.
// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
struct WorkflowContext {  // NOLINT(bugprone-exception-escape)
  std::string type;       // promise | resource (KRATIX_WORKFLOW_TYPE)
  std::string action;     // configure | delete (KRATIX_WORKFLOW_ACTION)
  std::string promise_name;
  std::string kind, group, version, name, ns;  // KRATIX_OBJECT_*
  std::string crd_plural;
  bool cluster_scoped = false;
  bool dry_run = false;
  Json object;  // the full object (including status), as /kratix/input/object.yaml holds it
};

// The context for running LIFECYCLE/ACTION of the Promise on `object` (read
// from `file`, for messages). Resource workflows: the object must be a request
// of the Promise's API; a namespaced one without a namespace goes to
// "default", as kubectl puts it; dry runs are requests labelled
// kratix.io/dry-run: "true" (`dry_run` adds the label). Promise workflows run
// on the Promise (KRATIX_OBJECT_* of platform.kratix.io/v1alpha1 Promise,
// plural "promises", cluster scoped, as ForPromise sets them). Input errors
// (exit 2) otherwise.
WorkflowContext make_context(const PromiseModel& promise, const std::string& lifecycle, const std::string& action,
                             Json object, const std::string& file, bool dry_run);

// The variables Kratix gives every container of a pipeline, in its order
// (defaultEnvVars): KRATIX_WORKFLOW_ACTION, KRATIX_WORKFLOW_TYPE,
// KRATIX_PROMISE_NAME, KRATIX_PIPELINE_NAME, KRATIX_OBJECT_{KIND,GROUP,
// VERSION,NAME,NAMESPACE}, KRATIX_CRD_PLURAL, KRATIX_CLUSTER_SCOPED, and
// KRATIX_DRY_RUN=true for dry runs.
process::Env kratix_env(const WorkflowContext& context, const std::string& pipeline);

// Values for configMap and secret references ("configmap/NAME" or
// "secret/NAME" -> KEY=VALUE pairs), from --env-file or a test case.
using RefValues = std::map<std::string, process::Env>;

// Kubernetes' $(VAR) expansion: a defined variable is replaced, an undefined
// reference stays as written, "$$" is one "$".
std::string expand_references(std::string_view text, const std::map<std::string, std::string>& vars);

// A container's environment as the kubelet builds it from the pod spec Kratix
// makes: envFrom first, then Kratix's variables, then the container's env
// (each value expanded with what came before it); later names win. `overrides`
// (--env, a test case's env file) come last. A reference that cannot be
// resolved here is an input error naming the container and the fix.
process::Env container_env(const ContainerSpec& container, const process::Env& kratix, const RefValues& refs,
                           const process::Env& overrides);

struct Mount {
  std::filesystem::path host;
  std::string target;
  bool read_only = false;
};

// One container run: the engine command is
//   ENGINE run --rm --name NAME --network NET --pull POLICY
//     -v INPUT:/kratix/input:ro -v OUTPUT:/kratix/output -v METADATA:/kratix/metadata [-v VOLUME:PATH]...
//     [--user UID[:GID]] [--read-only] -e NAME=VALUE... [--entrypoint COMMAND0]
//     IMAGE [COMMAND1...] [ARGS...]
// (command replaces the image's entrypoint and drops its CMD, args replace the
// CMD, both with $(VAR) expanded, as Kubernetes runs them).
struct ContainerRun {
  std::string engine;
  std::string run_name;  // --name, so that a timeout can stop it
  std::string image;
  std::string network = "none";
  std::string pull = "missing";
  std::vector<Mount> mounts;
  process::Env env;
  const ContainerSpec* spec = nullptr;
};
std::vector<std::string> engine_argv(const ContainerRun& run);

// --pull for a container: the flag when given, else its imagePullPolicy
// (Always -> always, IfNotPresent -> missing, Never -> never), else missing.
std::string pull_policy(const std::string& flag, const ContainerSpec& container);

}  // namespace kratix::run
