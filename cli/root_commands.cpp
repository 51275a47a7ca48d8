#include <cstdlib>
#include <memory>
#include <set>

#include "commands.hpp"
#include "completion/command_spec.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "plugin/plugins.hpp"
#include "spec.hpp"

namespace kratix::cli {

std::string version_text() {
  return "kratix version " + std::string(kratix::version()) + " (git " + std::string(kratix::git_revision()) + ")";
}

void add_version_command(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("version", "Print the kratix version and git revision");
  cmd->callback([] { print(version_text()); });
}

void add_completion_command(CLI::App& root) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand("completion", "Print a shell completion script (bash, zsh, fish or powershell)");
  cmd->add_option("shell", *shell, "The shell to complete for")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish", "powershell"}));
  cmd->footer(examples({
      {"bash: load now, or install for every session",
       "source <(kratix completion bash)\n  kratix completion bash > /etc/bash_completion.d/kratix"},
      {"zsh", "kratix completion zsh > \"${fpath[1]}/_kratix\""},
      {"fish", "kratix completion fish > ~/.config/fish/completions/kratix.fish"},
      {"PowerShell: add this line to $PROFILE", "kratix completion powershell | Out-String | Invoke-Expression"},
  }));
  CLI::App* app = &root;
  cmd->callback([shell, app] {
    completion::Command spec = describe(*app);
    if (*shell == "bash")
      print(completion::bash_script(spec));
    else if (*shell == "zsh")
      print(completion::zsh_script(spec));
    else if (*shell == "fish")
      print(completion::fish_script(spec));
    else
      print(completion::powershell_script(spec));
  });
}

void add_plugin_commands(CLI::App& root) {
  CLI::App* plugin = root.add_subcommand("plugin", "Work with kratix plugins (kratix-* executables on PATH)");
  CLI::App* list = plugin->add_subcommand("list", "List the plugins found on PATH, with warnings");
  list->footer(examples({{"write a plugin and list it",
                          "printf '#!/bin/sh\\necho hello\\n' > ~/bin/kratix-hello && chmod +x ~/bin/kratix-hello\n  "
                          "kratix plugin list\n  kratix hello"}}));
  CLI::App* app = &root;
  list->callback([app] {
    std::set<std::string, std::less<>> builtins;
    for (auto& name : subcommand_names(*app)) builtins.insert(name);
    const char* path = std::getenv("PATH");
    plugin::Listing found = plugin::list(path ? path : "", builtins);
    for (const auto& w : found.warnings) std::fprintf(stderr, "Warning: %s\n", w.c_str());
    if (found.plugins.empty())
      throw Error("no kratix plugins found on PATH; a plugin is an executable named kratix-<command>");
    std::string out = "The following kratix plugins are on PATH:\n\n";
    for (const auto& p : found.plugins) out += "  " + p.string() + "\n";
    print(out);
    if (!found.warnings.empty()) throw Error(std::to_string(found.warnings.size()) + " plugin warning(s) above");
  });
}

std::string help_for(CLI::App& root, const std::vector<std::string>& words) {
  CLI::App* target = &root;
  std::string path = root.get_name();
  for (const auto& w : words) {
    CLI::App* next = nullptr;
    try {
      next = target->get_subcommand(w);
    } catch (const CLI::OptionNotFound&) {}
    if (next == nullptr || next->get_group().empty())
      throw UsageError("unknown command '" + w + "' for '" + path + "'; run 'kratix --help' to list the commands");
    target = next;
    path += " " + w;
  }
  // The formatter directly: App::help() would show the selected `help` command.
  return target->get_formatter()->make_help(target, path, CLI::AppFormatMode::Normal);
}

void add_help_command(CLI::App& root) {
  // main() answers `kratix help WORDS...` through help_for() before parsing, as the
  // parser would take the words for commands; this entry gives it help and completion.
  root.add_subcommand("help", "Show help for a command, e.g. 'kratix help init promise'")
      ->add_option("command", "The command to show help for");
}

}  // namespace kratix::cli
