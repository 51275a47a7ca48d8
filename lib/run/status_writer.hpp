#pragma once
// What Kratix's status-writer container does after a pipeline
// (work-creator/cmd/update_status.go, lib/status_updater.go,
// lib/workflow_control.go): /kratix/metadata/status.yaml merged into the
// object's status, workflow-control.yaml read.
#include <filesystem>
#include <string>
#include <vector>

#include "run/value.hpp"

namespace kratix::run {

// /kratix/metadata/workflow-control.yaml: suspend, message, retryAfter.
struct WorkflowControl {
  bool present = false;
  bool suspend = false;
  std::string message;
  std::string retry_after;
  // IfSuspendOrRetry: the Work is not written and the workflow stops here.
  bool stops() const { return suspend || !retry_after.empty(); }
};

// ReadWorkflowControlFile (decoded like sigs.k8s.io/yaml into its struct:
// suspend a boolean, message and retryAfter strings). `error` says why the
// pipeline would fail; a retryAfter Go cannot parse fails it too.
WorkflowControl read_workflow_control(const std::filesystem::path& metadata, std::string& error);

// MergeStatuses: top-level keys of `incoming` replace those of `existing`,
// except `conditions`, merged by type (an incoming condition replaces the one
// of its type). Kratix's order of merged conditions is random (a Go map);
// here existing ones keep their place and new ones follow.
Json merge_status(const Json& existing, const Json& incoming);

// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
struct StatusUpdate {                 // NOLINT(bugprone-exception-escape)
  Json status;                        // the object's status afterwards
  std::vector<std::string> warnings;  // what Kratix prints and drops
  std::string failure;                // the status-writer would fail: why
};

// The status-writer for one pipeline: status.yaml (a mapping; the `kratix`
// key refused), for promise workflows only `message` kept (with Kratix's
// warning: the Promise's status keeps no other field a workflow sets); after
// the last pipeline of a workflow that did not stop, MarkAsCompleted (message
// "Pending" becomes "Resource requested" / "Promise configured", condition
// ConfigureWorkflowCompleted=True); dry runs get message "Dry run executed".
// `now` is the RFC 3339 time for lastTransitionTime.
StatusUpdate write_status(const Json& existing, const std::filesystem::path& metadata, const std::string& type,
                          bool last_pipeline, bool dry_run, const WorkflowControl& control, const std::string& now);

// The current time as Kubernetes writes it: 2006-01-02T15:04:05Z.
std::string rfc3339_now();

}  // namespace kratix::run
