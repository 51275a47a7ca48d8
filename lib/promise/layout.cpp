#include "promise/layout.hpp"

namespace kratix::promise {

Layout detect_layout(const std::filesystem::path& dir) {
  return std::filesystem::exists(dir / kApiFile) && std::filesystem::exists(dir / kDependenciesFile)
             ? Layout::Split
             : Layout::Flat;
}

std::filesystem::path workflow_file(const std::string& lifecycle, const std::string& action) {
  return std::filesystem::path(kWorkflowsDir) / lifecycle / action / "workflow.yaml";
}

}  // namespace kratix::promise
