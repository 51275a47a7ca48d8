#pragma once
#include <string>
#include <vector>

namespace kratix::completion {

// A neutral description of the command tree, built by cli/ from its parser,
// used to write shell completion scripts (and man pages).
struct Flag {
  std::string long_name;   // without dashes, e.g. "group"
  std::string short_name;  // without dash, e.g. "g"; may be empty
  std::string description;
  bool takes_value = false;
  bool is_path = false;              // complete file names
  std::vector<std::string> choices;  // fixed values to offer
};

struct Positional {
  std::string name;
  std::string description;
  bool required = false;
};

struct Command {
  std::string name;
  std::string description;
  std::vector<Flag> flags;
  std::vector<Command> subcommands;
  std::vector<std::string> arg_choices;  // fixed values for positional arguments
  std::vector<Positional> positionals;
  std::string footer;  // the help's closing text (examples)
};

std::string bash_script(const Command& root);
std::string zsh_script(const Command& root);
std::string fish_script(const Command& root);
std::string powershell_script(const Command& root);

}  // namespace kratix::completion
