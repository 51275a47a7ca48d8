#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "promise/scaffold.hpp"

namespace kratix::promise {

struct InitPromiseOptions {
  std::string name;
  ApiNames api;
  std::filesystem::path dir = ".";
  bool split = false;
  bool force = false;
};

struct InitResult {
  std::vector<std::filesystem::path> files;
  std::string message;  // "NAME promise bootstrapped in the current directory"
};

// The `kratix init ...` command line that replays these options (for READMEs).
// `subcommand` is e.g. "promise"; `extra` are further flags, already quoted.
std::string replay_command(const std::string& subcommand, const InitPromiseOptions& options,
                           const std::vector<std::string>& extra = {});

// "NAME promise bootstrapped in the current directory" / "... in the DIR directory"
std::string bootstrapped_message(const std::string& name, const std::filesystem::path& dir);

// Writes a generated Promise where and how `options` say (dir, layout, force);
// the result carries `message`.
InitResult write_generated_promise(const PromiseScaffold& scaffold, const InitPromiseOptions& options,
                                   std::string message);

// The warning for --split of a generator that schedules by `label`: that layout
// has no file for destination selectors.
std::string split_selectors_warning(const std::string& label);

// kratix init promise: validates the names (UsageError) and writes the directory.
InitResult init_promise(const InitPromiseOptions& options);

}  // namespace kratix::promise
