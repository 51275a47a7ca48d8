#pragma once
#include <CLI/CLI.hpp>

#include "completion/command_spec.hpp"

namespace kratix::cli {

// The command tree of a CLI11 app as lib/'s neutral description. Option type
// names carry the hints: "{a,b}" lists choices, DIR/FILE/PATH complete paths.
completion::Command describe(const CLI::App& app);

// The app's visible subcommand names.
std::vector<std::string> subcommand_names(const CLI::App& app);

}  // namespace kratix::cli
