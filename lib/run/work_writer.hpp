#pragma once
// What Kratix's work-writer container does with a configure pipeline's
// /kratix/output and /kratix/metadata (work-creator/lib/work_creator.go):
// destination-selectors.yaml checked as it checks it, the files split into
// workload groups, each group's destination selectors. Plus the checks of the
// output that Kratix itself does not make but a destination would trip on.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "run/value.hpp"

namespace kratix::run {

using Labels = std::map<std::string, std::string>;

// One entry of /kratix/metadata/destination-selectors.yaml.
struct WorkflowSelector {
  std::string directory;  // cleaned as filepath.Clean does; "." is the root
  Labels match_labels;
};

// A selector on a workload group, with where it came from: "promise" (the
// Promise's spec.destinationSelectors), "promise-workflow" or
// "resource-workflow" (the workflow's destination-selectors.yaml).
struct Scheduling {
  Labels match_labels;
  std::string source;
};

struct WorkloadGroup {
  std::string directory;           // "." for the default group
  std::vector<std::string> files;  // paths relative to /kratix/output, in the order Kratix reads them
  std::vector<Scheduling> selectors;
  Labels resolved;  // what the scheduler matches Destinations with
};

// Something in the output that Kratix or a destination would not accept.
struct Finding {
  std::string file;  // relative to the pipeline's directories, e.g. "output/app.yaml"
  int line = 0, column = 0;
  std::string message;
};

struct WorkResult {
  std::vector<WorkloadGroup> groups;
  std::vector<Finding> findings;
  std::string failure;  // the work-writer itself would fail (the pipeline fails): why
};

// ParseDestinationSelectors: a YAML list of {directory, matchLabels}; every
// entry needs matchLabels (string values); directories cleaned, not repeated,
// not nested (filepath.Base(d) == d). The error text follows Kratix's.
std::vector<WorkflowSelector> parse_destination_selectors(const std::string& text, const std::string& file,
                                                          std::string& error);

// Kratix's precedence (internal/controller/scheduler.go): the workflow's
// selectors first, then promise-workflow ones, then the Promise's, later
// keys winning, so the Promise's own destinationSelectors win over a
// workflow's for the same label.
Labels resolve_selectors(std::vector<Scheduling> selectors);

// The work-writer for one configure pipeline. `workflow_type` is promise or
// resource; `promise_selectors` the Promise's spec.destinationSelectors (they
// reach the default group through the promise-scheduling ConfigMap, squashed
// with the first entry winning).
WorkResult write_work(const std::filesystem::path& output, const std::filesystem::path& metadata,
                      const std::string& workflow_type, const std::vector<Labels>& promise_selectors);

// The output checks alone (also for pipelines whose Work is not written):
// files ending in .yaml/.yml must be YAML holding Kubernetes objects
// (apiVersion and kind); symlinks must stay in /kratix/output and point at
// files; nothing but files and directories.
std::vector<Finding> check_output(const std::filesystem::path& output);

// Every file under a directory, relative to it, sorted as Go's os.ReadDir walk
// visits them.
std::vector<std::string> list_files(const std::filesystem::path& root);

}  // namespace kratix::run
