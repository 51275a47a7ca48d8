#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kratix::promise {

struct BuildPromiseOptions {
  std::string name;
  std::filesystem::path dir = ".";
  std::optional<std::filesystem::path> output;  // nullopt: return the text only
};

// Where a part of a built Promise came from: lines [first_line, first_line +
// lines) of the built text (0-based) are lines from file_line of `file`,
// shifted right by `indent` columns.
struct BuiltSegment {
  size_t first_line = 0;
  size_t lines = 0;
  std::string file;
  size_t file_line = 0;
  int indent = 0;
};

// Assembles a split Promise directory (api.yaml, dependencies.yaml,
// workflows/<lifecycle>/<action>/workflow.yaml) into one Promise. The parts are
// placed as text, so their comments and layout survive. Returns the Promise;
// writes it atomically to `output` when given.
std::string build_promise(const BuildPromiseOptions& options, std::vector<BuiltSegment>* segments = nullptr);

}  // namespace kratix::promise
