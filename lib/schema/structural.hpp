#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "schema/sink.hpp"

namespace kratix::schema {

// The Kubernetes structural-schema rules for a CRD version's openAPIV3Schema
// (rules "structural.*"), defaults included: each default must validate
// against its own schema; patterns must compile as RE2 (Go) expressions.
// CEL rules (x-kubernetes-validations) are not checked: each one is named in
// `warnings` (rule "warn.cel-not-checked") when that sink has a list.
void check_structural(const YAML::Node& schema, const std::string& path, const Sink& sink,
                      const Sink& warnings = Sink{});

}  // namespace kratix::schema
