#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::engine {

// The first executable named `name` on PATH.
std::optional<std::filesystem::path> find_on_path(std::string_view name);

// Runs argv with this process's stdin, stdout and stderr, and returns its exit
// status (128 + signal when killed). kratix::Error when it cannot be started.
int run(const std::vector<std::string>& argv);

}  // namespace kratix::engine
