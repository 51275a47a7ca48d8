#pragma once
// The steps of one pipeline run: a container in the engine, then what
// Kratix's own containers (work-writer, status-writer) do with the results.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "run/results.hpp"

namespace kratix::run {

// Runs one container and waits for it, its output going to `log_file` (and
// to `log`, when set). On a timeout the container is killed (ENGINE kill) and
// removed. `interrupted`: the signal kratix got meanwhile, or 0.
ContainerResult run_container(const ContainerRun& run, const std::filesystem::path& log_file,
                              std::chrono::milliseconds timeout, const std::function<void(const std::string&)>& log,
                              int& interrupted);

// After the containers of a pipeline that succeeded: workflow-control.yaml
// read; for configure pipelines the work-writer (its workload groups and
// output findings), for delete pipelines warnings about ignored output; then
// the status-writer, whose result becomes `object`'s status. pr.failure says
// when one of Kratix's containers would fail.
void finish_pipeline(PipelineResult& pr, Json& object, const WorkflowContext& context, bool last_pipeline,
                     const std::vector<Labels>& promise_selectors);

// The contract checks of a finished pipeline: one per output file Kratix
// hands to a destination (failed by its findings), one per metadata file
// Kratix reads.
std::vector<Check> contract_checks(const PipelineResult& pr, const std::string& action);

// How a pipeline's workflow-control.yaml stopped the workflow, for the report.
std::string stop_reason(const PipelineResult& pr);

}  // namespace kratix::run
