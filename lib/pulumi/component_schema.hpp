#pragma once
// A Pulumi component's inputs as the OpenAPI v3 schema of a Promise API's
// `spec` (kept apart from schema loading so that it can move onto the shared
// schema model). As kratix-cli: inputProperties become properties with their
// descriptions, defaults and enums (each enum value checked against the type),
// requiredInputs become required, local refs (#/types/..., #/resources/...)
// are followed, refs to other packages become free-form objects, and
// constructs a CRD cannot say (oneOf, anyOf, allOf, not, discriminator,
// patternProperties, const, a missing type) are skipped with a warning.
// A cycle of refs is refused, naming the refs that make it.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "pulumi/package_schema.hpp"

namespace kratix::pulumi {

// The component to use: `requested` when given (it must be a component of the
// schema), else the only one. kratix::Error listing the components otherwise.
std::string select_component(const PackageSchema& schema, const std::string& requested);

struct SpecSchema {
  YAML::Node schema;
  std::vector<std::string> warnings;  // sorted by path
};

SpecSchema component_spec_schema(const PackageSchema& schema, const std::string& component);

}  // namespace kratix::pulumi
