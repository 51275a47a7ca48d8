#pragma once
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

#include "validate/sink.hpp"

namespace kratix::validate {

// What Kratix's admission webhook checks of a Promise's metadata and
// workflows (rules "webhook.*"), including the checks the API server makes of
// each pipeline's Job as Kratix forms it: Kratix adds containers named
// reader, work-writer (configure) and status-writer and the volumes
// shared-input, shared-output, shared-metadata (and promise-scheduling for
// configure), mounted at /kratix/input, /kratix/output and /kratix/metadata.
// Lint that Kratix would not reject goes to `warnings` ("warn.*").
// `container_dirs`: the Promise directory has workflows/, so containers are
// expected to have their build directories there.
void check_workflows(const YAML::Node& promise, const std::string& promise_name, const std::filesystem::path& dir,
                     bool container_dirs, const Sink& errors, const Sink& warnings);

}  // namespace kratix::validate
