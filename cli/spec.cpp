#include "spec.hpp"

namespace kratix::cli {

namespace {

std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> out;
  auto open = type_name.find('{');
  auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string inner = type_name.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= inner.size()) {
    size_t comma = inner.find(',', start);
    if (comma == std::string::npos) comma = inner.size();
    if (comma > start) out.push_back(inner.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool is_path_type(const std::string& type_name) {
  return type_name.starts_with("DIR") || type_name.starts_with("FILE") || type_name.starts_with("PATH");
}

}  // namespace

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); })) {
    names.push_back(sub->get_name());
  }
  return names;
}

completion::Command describe(const CLI::App& app) {
  completion::Command c;
  c.name = app.get_name();
  c.description = app.get_description();
  c.footer = app.get_footer();
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional()) {
      for (auto& choice : choices_of(opt->get_type_name())) c.arg_choices.push_back(choice);
      c.positionals.push_back({opt->get_name(), opt->get_description(), opt->get_required()});
      continue;
    }
    completion::Flag f;
    if (!opt->get_lnames().empty()) f.long_name = opt->get_lnames().front();
    if (!opt->get_snames().empty()) f.short_name = opt->get_snames().front();
    if (f.long_name.empty()) continue;
    f.description = opt->get_description();
    f.takes_value = opt->get_expected_max() > 0;
    if (f.takes_value) {
      f.choices = choices_of(opt->get_type_name());
      f.is_path = is_path_type(opt->get_type_name());
    }
    c.flags.push_back(std::move(f));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); })) {
    c.subcommands.push_back(describe(*sub));
  }
  return c;
}

}  // namespace kratix::cli
