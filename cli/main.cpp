// kratix: build Kratix Promises. This file wires the command tree, runs
// plugins, and turns errors into messages and exit codes.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "docs/manpage.hpp"
#include "fs/atomic_write.hpp"
#include "net/curl_api.hpp"
#include "plugin/plugins.hpp"
#include "spec.hpp"
#include "util/dynlib.hpp"
#include "util/heap.hpp"
#include "util/suggest.hpp"
#include "util/term.hpp"

namespace kratix::cli {
std::string version_text();
}

namespace {

using kratix::ExitCode;

int report(const std::string& message, ExitCode code, const std::string& hint = "") {
  const bool color = kratix::util::color_enabled(STDERR_FILENO);
  std::fprintf(stderr, "%sError:%s %s\n", color ? "\033[1;31m" : "", color ? "\033[0m" : "", message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "%s\n", hint.c_str());
  return static_cast<int>(code);
}

// The subcommand chain the parser selected, deepest last.
std::vector<CLI::App*> selected_chain(CLI::App& root) {
  std::vector<CLI::App*> chain{&root};
  while (true) {
    auto subs = chain.back()->get_subcommands();
    if (subs.empty()) return chain;
    chain.push_back(subs.front());
  }
}

std::string command_path(const std::vector<CLI::App*>& chain) {
  std::string path;
  for (const CLI::App* a : chain) path += (path.empty() ? "" : " ") + a->get_name();
  return path;
}

bool accepts_positionals(const CLI::App& app) {
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional()) return true;
  }
  return false;
}

// Before parsing: an unknown top-level word runs a plugin, or fails with a
// suggestion; an unknown word under a command group fails with a suggestion.
// Returns an exit code when it has handled the invocation.
std::optional<int> dispatch_unknown(CLI::App& root, const std::vector<std::string>& args) {
  CLI::App* app = &root;
  std::string path = "kratix";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word.empty() || word[0] == '-') continue;
    if (app == &root && word == "help") return std::nullopt;
    auto names = kratix::cli::subcommand_names(*app);
    if (std::find(names.begin(), names.end(), word) != names.end()) {
      app = app->get_subcommand(word);
      path += " " + word;
      if (app->get_subcommands({}).empty() || accepts_positionals(*app)) return std::nullopt;
      continue;
    }
    if (app == &root) {
      std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      const char* path_env = std::getenv("PATH");
      if (auto match = kratix::plugin::find(rest, path_env ? path_env : "")) {
        std::fflush(stdout);
        kratix::plugin::exec(*match, rest);
        return report("cannot run plugin " + match->executable.string() + ": " + std::strerror(errno),
                      ExitCode::Failure);
      }
    }
    std::string message = "unknown command '" + word + "' for '" + path + "'";
    if (auto near = kratix::util::closest(word, names)) message += "; did you mean '" + *near + "'?";
    return report(message, ExitCode::Usage, "Run '" + path + " --help' for the list of commands.");
  }
  return std::nullopt;
}

int run(int argc, char** argv) {
  // libcurl and the 30 libraries it pulls in take milliseconds to load: when
  // the command will download a chart, they load while the command line is read.
  std::optional<kratix::util::Preload> curl;
  if (kratix::cli::fetches_a_chart(argc, argv)) curl.emplace([] { (void)kratix::net::curl(); });
  CLI::App app{"kratix builds Kratix Promises: self-service platform APIs for Kubernetes.", "kratix"};
  // -v at the root is the version, as kratix-cli has it; under init it is --version's short form.
  app.set_version_flag("-v,--version", kratix::cli::version_text(), "Print the kratix version and exit");
  // A flag given twice takes the last value, as cobra (kratix-cli, kubectl) does. Subcommands inherit this.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.footer(kratix::cli::examples({
                 {"start a new Promise", "kratix init promise postgresql --group myorg.com --kind Database"},
                 {"help for one command", "kratix help init promise"},
             }) +
             "\n\nUnknown commands run plugins: 'kratix foo bar' runs kratix-foo-bar or kratix-foo from PATH.");
  std::vector<std::string> args(argv + 1, argv + argc);
  // The command groups, in the order help lists them. A command line that
  // starts with a group's name needs only that group (CLI11 takes ~10 us to
  // add one option, and kratix has hundreds); `kratix --version` needs none.
  // Anything else (help, completion, plugin list, which warns of plugins
  // named like built-ins, unknown commands) gets them all.
  static constexpr std::pair<const char*, void (*)(CLI::App&)> groups[] = {
      {"init", kratix::cli::add_init_commands},      {"update", kratix::cli::add_update_commands},
      {"add", kratix::cli::add_add_commands},        {"remove", kratix::cli::add_remove_commands},
      {"build", kratix::cli::add_build_commands},    {"validate", kratix::cli::add_validate_command},
      {"test", kratix::cli::add_test_commands},      {"platform", kratix::cli::add_platform_commands},
      {"plugin", kratix::cli::add_plugin_commands},  {"completion", kratix::cli::add_completion_command},
      {"version", kratix::cli::add_version_command}, {"help", kratix::cli::add_help_command},
  };
  const bool version_only = args.size() == 1 && (args[0] == "-v" || args[0] == "--version");
  const auto* only = std::find_if(std::begin(groups), std::end(groups), [&](const auto& g) {
    const std::string_view name = g.first;
    return !args.empty() && args[0] == name && name != "help" && name != "completion" && name != "plugin";
  });
  if (only != std::end(groups)) {
    only->second(app);
  } else if (!version_only) {
    for (const auto& [name, add] : groups) add(app);
  }
  for (CLI::App* sub : app.get_subcommands({})) sub->group("Commands");

  // Build-time only (not listed anywhere): write the man pages into a directory.
  if (args.size() == 2 && args[0] == "__generate-man") {
    try {
      std::filesystem::create_directories(args[1]);
      for (const auto& [name, text] :
           kratix::docs::man_pages(kratix::cli::describe(app), std::string(kratix::version())))
        kratix::fs::atomic_write(std::filesystem::path(args[1]) / name, text);
      return 0;
    } catch (const std::exception& e) {
      return report(e.what(), ExitCode::Failure);
    }
  }
  if (auto handled = dispatch_unknown(app, args)) return *handled;

  try {
    if (!args.empty() && args[0] == "help") {
      kratix::cli::print(kratix::cli::help_for(app, {args.begin() + 1, args.end()}));
      return 0;
    }
    app.parse(argc, argv);
    auto chain = selected_chain(app);
    CLI::App* last = chain.back();
    // A command group on its own (e.g. `kratix init`) shows its help, unless
    // it runs itself (takes arguments, as `kratix test` does).
    if (!last->get_subcommands({}).empty() && last->get_subcommands().empty() && !accepts_positionals(*last)) {
      chain.pop_back();
      kratix::cli::print(last->help(command_path(chain)));
    }
    return 0;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string path = command_path(selected_chain(app));
    return report(e.what(), ExitCode::Usage, "Run '" + path + " --help' for usage.");
  } catch (const kratix::SilentFailure& e) {
    return static_cast<int>(e.exit_code());
  } catch (const kratix::Error& e) {
    return report(e.describe(), e.exit_code());
  } catch (const std::exception& e) {
    return report(e.what(), ExitCode::Failure);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // kratix runs for milliseconds and reads and writes files of megabytes
  // (indexes, Promises): blocks it frees are kept for its next ones rather
  // than given back to the system, and large ones come from the heap too, so
  // a string that grows does not fault in fresh pages each time it moves.
  // (32 MiB is the largest threshold glibc takes.)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  kratix::util::huge_page_heap();
  try {
    return run(argc, argv);
  } catch (...) {
    // Setting up the command tree failed (out of memory): nothing more to say.
    std::fputs("Error: kratix could not start\n", stderr);
    return static_cast<int>(ExitCode::Failure);
  }
}
