#pragma once
// The `kratix platform get ...` commands, from their options to their output.
#include <functional>
#include <string>

#include "kube/client_config.hpp"

namespace kratix::platform {

struct GetOptions {
  kube::Overrides kube;
  std::string output;  // "" (table), "wide", "json", "yaml"
  bool watch = false;  // resources: after the list, a line per change until interrupted
};

// Where the commands write: text for stdout (flushed at once, for --watch)
// and warnings for stderr.
struct Output {
  std::function<void(const std::string&)> out;
  std::function<void(const std::string&)> warn;
};

void get_resources_command(const std::string& promise, const GetOptions& options, const Output& output);
void get_promises_command(const GetOptions& options, const Output& output);

}  // namespace kratix::platform
