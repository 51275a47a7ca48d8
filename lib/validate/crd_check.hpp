#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "validate/sink.hpp"

namespace kratix::validate {

// The Kubernetes structural-schema rules for a CRD version's openAPIV3Schema
// (rules "structural.*"), defaults included: each default must validate
// against its own schema; patterns must compile as RE2 (Go) expressions.
// CEL rules (x-kubernetes-validations) are not checked: each one is named in
// `warnings` (rule "warn.cel-not-checked") when that sink has a list.
void check_structural(const YAML::Node& schema, const std::string& path, const Sink& sink,
                      const Sink& warnings = Sink{});

// The checks the API server and Kratix make of a Promise's API (rules "crd.*"):
// apiVersion and kind, metadata.name = <plural>.<group>, names, Namespaced
// scope, versions (unique valid names, one storage, served), each version's
// schema structural; shortNames, categories and listKind as the API server wants them.
void check_crd(const YAML::Node& crd, const std::string& path, const Sink& sink, const Sink& warnings = Sink{});

}  // namespace kratix::validate
