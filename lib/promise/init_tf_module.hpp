#pragma once
#include <functional>
#include <string>
#include <vector>

#include "module/fetch.hpp"
#include "promise/init.hpp"

namespace kratix::promise {

inline constexpr const char* kTerraformContainerImage = "ghcr.io/syntasso/kratix-cli/terraform-generate:v0.6.0";
inline constexpr const char* kTerraformDependenciesImage = "my-registry.io/my-org/kratix/terraform-dependencies:v0.0.1";

struct InitTfModuleOptions {
  InitPromiseOptions promise;
  std::string module_source;
  std::string module_registry_version;
  std::vector<std::string>
      module_providers;  // files of the module with provider blocks; empty: versions.tf, providers.tf
  bool generate_outputs = false;
};

// The checks that need no module (names, the target directory, flags that go
// together), made before fetching one.
void check_tf_module_promise_options(const InitTfModuleOptions& options);

// kratix init tf-module-promise: the API's spec schema from the module's
// variables; a resource configure pipeline that runs the module for each
// request; the module's provider files as a promise configure pipeline.
// `warn` receives remarks for stderr.
InitResult init_tf_module_promise(const InitTfModuleOptions& options, const module::ModuleFiles& module,
                                  const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
