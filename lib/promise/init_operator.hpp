#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include "promise/init.hpp"

namespace kratix::promise {

inline constexpr const char* kOperatorContainerName = "from-api-to-operator";
inline constexpr const char* kOperatorContainerImage = "ghcr.io/syntasso/kratix-cli/from-api-to-operator:v0.2.2";

struct InitOperatorOptions {
  InitPromiseOptions promise;  // an empty api.version keeps the operator CRD's storage version name
  std::filesystem::path manifests;
  std::string api_schema_from;  // the CRD's metadata.name
};

// kratix init operator-promise: every manifest becomes a dependency; the named
// CRD's storage version becomes the API under our group/kind/version/plural; a
// resource configure pipeline turns requests into the operator's resources.
// `warn` receives warnings (e.g. a schema the API server would refuse).
InitResult init_operator_promise(const InitOperatorOptions& options,
                                 const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
