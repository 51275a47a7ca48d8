#pragma once
#include <filesystem>
#include <string>

namespace kratix::promise {

// File names of a Promise directory (SPEC.md, "Promise directory layouts").
inline constexpr const char* kPromiseFile = "promise.yaml";
inline constexpr const char* kApiFile = "api.yaml";
inline constexpr const char* kDependenciesFile = "dependencies.yaml";
inline constexpr const char* kExampleResourceFile = "example-resource.yaml";
inline constexpr const char* kReadmeFile = "README.md";
inline constexpr const char* kWorkflowsDir = "workflows";

enum class Layout { Flat, Split };

// A directory is split when api.yaml exists with dependencies.yaml, or without
// promise.yaml (dependencies.yaml is optional: no file, no dependencies).
Layout detect_layout(const std::filesystem::path& dir);

// workflows/<lifecycle>/<action>/workflow.yaml
std::filesystem::path workflow_file(const std::string& lifecycle, const std::string& action);

}  // namespace kratix::promise
