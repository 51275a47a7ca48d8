#pragma once
// The OpenAPI v3 schema of a Promise API's `spec` made from a Terraform
// module's variables (kept apart from the HCL reading so that it can move onto
// the shared schema model). Every result is a structural schema:
//   string/number/bool   -> string/number/boolean
//   any (or no type)     -> x-kubernetes-preserve-unknown-fields (typed from the default when there is one)
//   list(T), tuple([..]) -> array (tuples with minItems/maxItems)
//   set(T)               -> array with x-kubernetes-list-type: set (items made atomic)
//   map(T)               -> object with additionalProperties
//   object({...})        -> object with properties; attributes not optional() are required,
//                           optional(T, d) ones carry default d
// A variable without a default is required; `default = null` makes it
// nullable; sensitive and validation blocks are noted in the description.
#include <yaml-cpp/yaml.h>

#include <vector>

#include "tf/variables.hpp"

namespace kratix::tf {

// The schema of one type (no description or default).
YAML::Node type_schema(const Type& type);

// The `spec` schema: an object with one property per variable; `default: {}`
// when no variable is required.
YAML::Node spec_schema(const std::vector<Variable>& variables);

}  // namespace kratix::tf
