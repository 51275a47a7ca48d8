#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "validate/finding.hpp"

namespace kratix::validate {

// The checks the API server and Kratix make of a Promise's API (rules "crd.*"):
// apiVersion and kind, metadata.name = <plural>.<group>, names, Namespaced
// scope, versions (unique valid names, one storage, served), each version's
// schema structural; shortNames, categories and listKind as the API server wants them.
void check_crd(const YAML::Node& crd, const std::string& path, const Sink& sink, const Sink& warnings = Sink{});

}  // namespace kratix::validate
