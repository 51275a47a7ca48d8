#include <memory>

#include "commands.hpp"
#include "promise/init.hpp"

namespace kratix::cli {

void add_init_commands(CLI::App& root) {
  CLI::App* init = root.add_subcommand("init", "Create a new Promise directory");
  init->footer("Run 'kratix init promise --help' for the flags every init command shares.");

  auto opts = std::make_shared<promise::InitPromiseOptions>();
  CLI::App* cmd = init->add_subcommand("promise", "Create a new, empty Promise");
  cmd->add_option("name", opts->name, "Name of the Promise (a DNS-1123 label, e.g. postgresql)")->required();
  cmd->add_option("-g,--group", opts->api.group, "API group of the Promise's API (e.g. myorg.com)")->required();
  cmd->add_option("-k,--kind", opts->api.kind, "Kind of the Promise's API (e.g. Database)")->required();
  cmd->add_option("-v,--version", opts->api.version, "API version of the Promise's API")
      ->capture_default_str();
  cmd->add_option("--plural", opts->api.plural, "Plural of the kind (default: lower-case kind + 's')");
  cmd->add_option("-d,--dir", opts->dir, "Directory to write the Promise to (created when missing)")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_flag("--split", opts->split, "Write api.yaml, dependencies.yaml and workflows/ instead of promise.yaml");
  cmd->add_flag("--force", opts->force, "Overwrite the files of a Promise already in the directory");
  cmd->footer(examples({
      {"a Promise for databases in the current directory", "kratix init promise postgresql --group myorg.com --kind Database"},
      {"a specific API version and plural, into ./postgresql", "kratix init promise postgresql --group myorg.com --kind Database --version v1 --plural dbs --dir postgresql"},
      {"one file per part of the Promise", "kratix init promise postgresql --group myorg.com --kind Database --split"},
  }));
  cmd->callback([opts] { print(promise::init_promise(*opts).message); });
}

}  // namespace kratix::cli
