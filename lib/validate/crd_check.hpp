#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "validate/sink.hpp"

namespace kratix::validate {

// The Kubernetes structural-schema rules for a CRD version's openAPIV3Schema
// (rules "structural.*"), defaults included: each default must validate
// against its own schema.
void check_structural(const YAML::Node& schema, const std::string& path, const Sink& sink);

// The checks the API server and Kratix make of a Promise's API (rules "crd.*"):
// apiVersion and kind, metadata.name = <plural>.<group>, names, Namespaced
// scope, versions (unique valid names, one storage, served), each version's
// schema structural.
void check_crd(const YAML::Node& crd, const std::string& path, const Sink& sink);

}  // namespace kratix::validate
