#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "promise/scaffold.hpp"

namespace kratix::promise {

// The YAML text of a Promise's API: a namespaced CRD named <plural>.<group>
// with one served and stored version whose `spec` has `spec_schema`. When
// `spec` has required fields, the root requires `spec` too, so that a request
// without one is refused rather than defaulted to an invalid {}.
std::string api_crd_yaml(const ApiNames& api, const YAML::Node& spec_schema);

}  // namespace kratix::promise
