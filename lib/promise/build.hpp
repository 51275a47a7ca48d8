#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace kratix::promise {

struct BuildPromiseOptions {
  std::string name;
  std::filesystem::path dir = ".";
  std::optional<std::filesystem::path> output;  // nullopt: return the text only
};

// Assembles a split Promise directory (api.yaml, dependencies.yaml,
// workflows/<lifecycle>/<action>/workflow.yaml) into one Promise. The parts are
// placed as text, so their comments and layout survive. Returns the Promise;
// writes it atomically to `output` when given.
std::string build_promise(const BuildPromiseOptions& options);

}  // namespace kratix::promise
