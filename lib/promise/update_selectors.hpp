#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "promise/update_api.hpp"

namespace kratix::promise {

// kratix update destination-selector KEY=VALUE | KEY- ...: sets or removes labels
// in spec.destinationSelectors[0].matchLabels of a flat Promise.
UpdateResult update_destination_selectors(const std::filesystem::path& dir, const std::vector<std::string>& labels);

// kratix update required-promises NAME@VERSION | NAME- ...: sets or removes
// entries of spec.requiredPromises (composed Promises).
UpdateResult update_required_promises(const std::filesystem::path& dir, const std::vector<std::string>& entries);

}  // namespace kratix::promise
