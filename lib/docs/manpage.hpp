#pragma once
#include <string>
#include <utility>
#include <vector>

#include "completion/command_spec.hpp"

namespace kratix::docs {

// One roff man page (section 1) per command of the tree: "kratix.1",
// "kratix-init.1", "kratix-init-promise.1", ... built from the same texts the
// help prints (descriptions, flags, positionals and the examples footer).
std::vector<std::pair<std::string, std::string>> man_pages(const completion::Command& root, const std::string& version);

}  // namespace kratix::docs
