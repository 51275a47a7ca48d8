#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "promise/init.hpp"

namespace kratix::promise {

inline constexpr const char* kCrossplaneContainerName = "from-api-to-crossplane-claim";
inline constexpr const char* kCrossplaneContainerImage =
    "ghcr.io/syntasso/kratix-cli/from-api-to-crossplane-claim:v0.2.2";

struct InitCrossplaneOptions {
  InitPromiseOptions promise;  // an empty api.version keeps the XRD's served version name
  std::filesystem::path xrd;
  std::optional<std::filesystem::path> compositions;
  std::optional<std::filesystem::path> functions;
  bool skip_dependencies = false;
};

// kratix init crossplane-promise, as kratix-cli does it: the XRD's served
// version schema becomes the API; functions, compositions and the XRD become
// dependencies unless skipped; requests go to a claim (or composite) through the
// from-api-to-crossplane-claim container; destinations need crossplane=enabled.
// `warn` receives warnings (e.g. required fields without defaults).
InitResult init_crossplane_promise(const InitCrossplaneOptions& options,
                                   const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
