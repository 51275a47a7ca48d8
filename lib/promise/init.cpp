#include "promise/init.hpp"

#include "promise/names.hpp"
#include "util/shell_words.hpp"

namespace kratix::promise {

std::string replay_command(const std::string& subcommand, const InitPromiseOptions& o,
                           const std::vector<std::string>& extra) {
  std::string cmd = "kratix init " + subcommand + " " + util::shell_quote(o.name);
  for (const auto& e : extra) cmd += " " + e;
  cmd += " --group " + util::shell_quote(o.api.group) + " --kind " + util::shell_quote(o.api.kind);
  if (!o.api.version.empty() && o.api.version != "v1alpha1") cmd += " --version " + util::shell_quote(o.api.version);
  if (!o.api.plural.empty()) cmd += " --plural " + util::shell_quote(o.api.plural);
  if (o.split) cmd += " --split";
  return cmd;
}

std::string bootstrapped_message(const std::string& name, const std::filesystem::path& dir) {
  std::string where = (dir.empty() || dir == ".") ? "current" : dir.string();
  return name + " promise bootstrapped in the " + where + " directory";
}

InitResult write_generated_promise(const PromiseScaffold& s, const InitPromiseOptions& o, std::string message) {
  InitResult r;
  r.files = write_new_promise(s, {o.dir, o.split ? Layout::Split : Layout::Flat, o.force});
  r.message = std::move(message);
  return r;
}

std::string split_selectors_warning(const std::string& label) {
  return "the split layout has no file for destination selectors; add " + label + " to the Promise you build";
}

InitResult init_promise(const InitPromiseOptions& o) {
  validate_promise_names({o.name, o.api.group, o.api.kind, o.api.version, o.api.plural_or_default()});
  PromiseScaffold s;
  s.name = o.name;
  s.api = o.api;
  s.command = replay_command("promise", o);
  InitResult r;
  r.files = write_new_promise(s, {o.dir, o.split ? Layout::Split : Layout::Flat, o.force});
  r.message = bootstrapped_message(o.name, o.dir);
  return r;
}

}  // namespace kratix::promise
