#include <memory>

#include "commands.hpp"
#include "promise/build.hpp"

namespace kratix::cli {

void add_build_commands(CLI::App& root) {
  CLI::App* build = root.add_subcommand("build", "Build a Promise from a split directory, or its workflow images");

  auto opts = std::make_shared<promise::BuildPromiseOptions>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = build->add_subcommand("promise", "Assemble a split Promise directory into one Promise");
  cmd->add_option("name", opts->name, "Name of the Promise (its metadata.name)")->required();
  cmd->add_option("-d,--dir", opts->dir, "Directory holding api.yaml, dependencies.yaml and workflows/")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_option("-o,--output", *output, "File to write the Promise to (default: stdout)")->type_name("FILE");
  cmd->footer(examples({
      {"print the Promise assembled from the current directory", "kratix build promise postgresql"},
      {"write it to a file, from another directory", "kratix build promise postgresql --dir ./postgresql -o promise.yaml"},
  }));
  cmd->callback([opts, output] {
    if (!output->empty()) opts->output = *output;
    std::string text = promise::build_promise(*opts);
    if (!opts->output) std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

}  // namespace kratix::cli
