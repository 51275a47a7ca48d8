#pragma once
#include <functional>
#include <string>

#include "promise/init.hpp"
#include "pulumi/package_schema.hpp"

namespace kratix::promise {

inline constexpr const char* kPulumiGeneratorImage = "ghcr.io/syntasso/kratix-cli/pulumi-generator:v0.1.3";

struct SecretKeyRef {
  std::string name;
  std::string key;
};

struct InitPulumiOptions {
  InitPromiseOptions promise;
  std::string schema;                      // --schema: a file or an http(s) URL
  std::string component;                   // --component
  std::string schema_bearer_token_secret;  // SECRET:KEY for the workflow's PULUMI_ACCESS_TOKEN
  std::string stack_access_token_secret;   // SECRET:KEY for the Stack's PULUMI_ACCESS_TOKEN
};

// "NAME:KEY" -> the Secret and key; UsageError naming `flag` when malformed
// or when NAME is not a Kubernetes Secret name.
SecretKeyRef parse_secret_key_ref(const std::string& value, const std::string& flag);

// The checks that need no schema, made before fetching one.
void check_pulumi_promise_options(const InitPulumiOptions& options);

// kratix init pulumi-component-promise: the API's spec schema from the
// component's inputs, and a resource configure pipeline writing a Pulumi
// Kubernetes Operator Program and Stack for each request. `warn` receives
// remarks for stderr (skipped schema paths, a local schema).
InitResult init_pulumi_promise(const InitPulumiOptions& options, const pulumi::PackageSchema& schema,
                               const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
