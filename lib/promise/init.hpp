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

// kratix init promise: validates the names (UsageError) and writes the directory.
InitResult init_promise(const InitPromiseOptions& options);

}  // namespace kratix::promise
