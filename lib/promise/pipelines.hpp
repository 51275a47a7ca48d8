#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kratix::promise {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// The YAML text of a workflow holding one Pipeline, `pipeline`, with one
// container running `image` with the given environment variables (in order).
// The generated Promises (helm, operator, crossplane) all start this way.
std::string single_container_workflow(const std::string& pipeline, const std::string& container,
                                      const std::string& image, const EnvVars& env);

}  // namespace kratix::promise
