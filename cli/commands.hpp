#pragma once
// The command groups of the kratix CLI. Each add_* function wires one group's
// flags into an options struct and calls into lib/; nothing else lives here.
#include <CLI/CLI.hpp>

#include <string>

namespace kratix::cli {

void add_init_commands(CLI::App& root);
void add_build_commands(CLI::App& root);
void add_update_commands(CLI::App& root);
void add_add_commands(CLI::App& root);
void add_remove_commands(CLI::App& root);
void add_validate_command(CLI::App& root);
void add_test_commands(CLI::App& root);
void add_version_command(CLI::App& root);
void add_completion_command(CLI::App& root);
void add_plugin_commands(CLI::App& root);
void add_platform_commands(CLI::App& root);
void add_help_command(CLI::App& root);
// True when the command line asks init helm-promise for a chart over the
// network (--chart-url http://, https:// or oci://): main then opens libcurl
// on a second thread while the command line is read.
bool fetches_a_chart(int argc, char** argv);
// The help text of the command named by `words` (empty: the root).
std::string help_for(CLI::App& root, const std::vector<std::string>& words);

// Writes `text` to stdout (used by every command's result).
void print(const std::string& text);

// "Examples:" footer text, indented like the rest of the help.
std::string examples(std::initializer_list<std::pair<const char*, const char*>> items);

}  // namespace kratix::cli
