#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "promise/scaffold.hpp"

namespace kratix::promise {

// A Promise's API: a namespaced CRD named <plural>.<group> with one served and
// stored version (api.version) whose schema is `open_api_v3_schema`.
YAML::Node api_crd(const ApiNames& api, const YAML::Node& open_api_v3_schema);

// The YAML text of the API whose `spec` has `spec_schema`. When `spec` has
// required fields, the root requires `spec` too, so that a request without one
// is refused rather than defaulted to an invalid {}.
std::string api_crd_yaml(const ApiNames& api, const YAML::Node& spec_schema);

}  // namespace kratix::promise
