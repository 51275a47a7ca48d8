#pragma once
#include <yaml-cpp/yaml.h>

namespace kratix::validate {

// kratix's own description of a Kratix Promise (platform.kratix.io/v1alpha1),
// written from the Kratix API facts, stricter than the CRD where Kratix itself
// reads a field into a typed struct (pipelines, containers).
const YAML::Node& promise_schema();

}  // namespace kratix::validate
