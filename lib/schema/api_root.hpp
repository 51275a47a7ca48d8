#pragma once
// What every generator of a Promise API (helm/, tf/, pulumi/, promise/'s
// operator and crossplane inits) does the same way around the schema of `spec`.
#include <yaml-cpp/yaml.h>

namespace kratix::schema {

// Finishes the schema of a Promise API's `spec`: an object with `properties`
// ({} when it has none) and, when none of its fields is required,
// `default: {}`, so that a request without spec gets the defaults of its fields
// (with a required field, {} itself would be invalid).
void finish_spec(YAML::Node spec);

// Fills `root`, the openAPIV3Schema node of the CRD being built (filled in
// place: yaml-cpp merges separately built trees on assignment), as the object
// whose `spec` is spec_schema. spec is required when it has required fields,
// so that a request without one is refused rather than defaulted to an
// invalid {}.
void fill_api_root(YAML::Node root, const YAML::Node& spec_schema);

}  // namespace kratix::schema
