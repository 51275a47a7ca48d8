#pragma once
#include <filesystem>
#include <string>

#include "process/process.hpp"

namespace kratix::run {

// KEY=VALUE lines, as `kubectl create configmap --from-env-file` reads them:
// blank lines and lines starting with '#' skipped, leading spaces dropped, the
// value taken as written. Input errors (exit 2) at FILE:LINE.
process::Env read_env_file(const std::filesystem::path& file);
process::Env parse_env_lines(const std::string& text, const std::string& file);

// NAME=VALUE of a --env flag; UsageError when there is no '=' or no name.
std::pair<std::string, std::string> parse_assignment(const std::string& text, const std::string& flag);

}  // namespace kratix::run
