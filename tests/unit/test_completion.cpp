#include <doctest/doctest.h>

#include "completion/command_spec.hpp"

using namespace kratix::completion;

namespace {
Command tree() {
  Command root;
  root.name = "kratix";
  root.description = "root";
  root.flags.push_back({"version", "", "print version", false, false, {}});
  Command init;
  init.name = "init";
  init.description = "make things";
  Command promise;
  promise.name = "promise";
  promise.description = "a promise";
  promise.flags.push_back({"group", "g", "API group", true, false, {}});
  promise.flags.push_back({"dir", "d", "where", true, true, {}});
  promise.flags.push_back({"split", "", "split it", false, false, {}});
  init.subcommands.push_back(promise);
  Command completion;
  completion.name = "completion";
  completion.description = "scripts";
  completion.arg_choices = {"bash", "zsh", "fish"};
  root.subcommands.push_back(init);
  root.subcommands.push_back(completion);
  return root;
}
bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
}  // namespace

TEST_CASE("completion: bash knows every command path, flag and choice") {
  std::string s = bash_script(tree());
  CHECK(contains(s, "complete -o default -F _kratix_complete kratix"));
  CHECK(contains(s, "'kratix') subs='init completion'; args=''"));
  CHECK(contains(s, "'kratix init') subs='promise'"));
  CHECK(contains(s, "'kratix init promise') flags='--group -g --dir -d --split'"));
  CHECK(contains(s, "'kratix completion') subs=''; args='bash zsh fish'"));
  CHECK(contains(s, "'kratix init promise'/--dir|'kratix init promise'/-d) COMPREPLY=($(compgen -f"));
}

TEST_CASE("completion: zsh describes commands and flags") {
  std::string s = zsh_script(tree());
  CHECK(s.starts_with("#compdef kratix\n"));
  CHECK(contains(s, "'init:make things'"));
  CHECK(contains(s, "'--group:API group'"));
  CHECK(contains(s, "'kratix init promise/--dir'|'kratix init promise/-d') _files"));
}

TEST_CASE("completion: fish completes per command path") {
  std::string s = fish_script(tree());
  CHECK(contains(s, "function __kratix_path"));
  CHECK(contains(s, "-a 'promise' -d 'a promise'"));
  CHECK(contains(s, "-l group -s g -r -d 'API group'"));
  CHECK(contains(s, "-l dir -s d -r -F -d 'where'"));
  CHECK(contains(s, "-a 'bash'"));
}

TEST_CASE("completion: powershell has every command path, flag, value and argument") {
  Command root = tree();
  root.subcommands[0].subcommands[0].flags.push_back({"output", "o", "it's the format", true, false, {"json", "yaml"}});
  std::string s = powershell_script(root);
  CHECK(contains(s, "Register-ArgumentCompleter -Native -CommandName 'kratix' -ScriptBlock {"));
  CHECK(contains(s, "  'kratix init promise' = @{\n    subs = @()\n"));
  CHECK(contains(s, "subs = @('init\tmake things', 'completion\tscripts')"));
  CHECK(contains(s, "'--group\t-g\tAPI group'"));
  CHECK(contains(s, "'--split\t\tsplit it'"));
  CHECK(contains(s, "'--output\t-o\tit''s the format'"));  // single quotes doubled
  CHECK(contains(s, "values = @('--group\t', '-g\t', '--dir\t', '-d\t', '--output\tjson yaml', '-o\tjson yaml')"));
  CHECK(contains(s, "paths = @('--dir', '-d')"));
  CHECK(contains(s, "args = @('bash', 'zsh', 'fish')"));
}
