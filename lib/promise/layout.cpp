#include "promise/layout.hpp"

namespace kratix::promise {

Layout detect_layout(const std::filesystem::path& dir) {
  namespace stdfs = std::filesystem;
  // dependencies.yaml may be gone (update dependencies --image removes it, as
  // kratix-cli does); api.yaml without promise.yaml is still split.
  const bool api = stdfs::exists(dir / kApiFile);
  return api && (stdfs::exists(dir / kDependenciesFile) || !stdfs::exists(dir / kPromiseFile)) ? Layout::Split
                                                                                               : Layout::Flat;
}

std::filesystem::path workflow_file(const std::string& lifecycle, const std::string& action) {
  return std::filesystem::path(kWorkflowsDir) / lifecycle / action / "workflow.yaml";
}

}  // namespace kratix::promise
