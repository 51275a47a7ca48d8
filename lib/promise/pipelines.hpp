#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kratix::promise {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// An environment variable of a container: a value, or a key of a Secret.
struct EnvVar {
  std::string name;
  std::string value;
  std::string secret_name;  // with secret_key: valueFrom.secretKeyRef instead of value
  std::string secret_key;
};

struct ContainerSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;  // empty: the image's entrypoint
  std::vector<EnvVar> env;
};

// The YAML text of a workflow holding one Pipeline, `pipeline`, running the
// containers in order.
std::string workflow_yaml(const std::string& pipeline, const std::vector<ContainerSpec>& containers);

// The YAML text of a workflow holding one Pipeline, `pipeline`, with one
// container running `image` with the given environment variables (in order).
// The generated Promises (helm, operator, crossplane) all start this way.
std::string single_container_workflow(const std::string& pipeline, const std::string& container,
                                      const std::string& image, const EnvVars& env);

}  // namespace kratix::promise
