#include <memory>

#include "commands.hpp"
#include "core/error.hpp"
#include "validate/validate.hpp"

namespace kratix::cli {

void add_validate_command(CLI::App& root) {
  auto opts = std::make_shared<validate::ValidateOptions>();
  auto output = std::make_shared<std::string>("text");
  auto strict = std::make_shared<bool>(false);
  CLI::App* cmd =
      root.add_subcommand("validate", "Check a Promise offline as Kratix and the Kubernetes API server would");
  cmd->add_option("-d,--dir", opts->dir, "Directory holding the Promise (flat or split)")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_option("-o,--output", *output, "Output format")->type_name("{text,json}")->capture_default_str();
  cmd->add_flag("--strict", *strict, "Warnings make the Promise invalid too");
  cmd->add_option("-r,--resource", opts->resources,
                  "A request to check against the API (besides example-resource.yaml)")
      ->type_name("FILE");
  cmd->add_option("--name", opts->name, "The Promise's name, for a split layout (default: the directory's name)");
  cmd->footer(examples({
      {"check the Promise in the current directory", "kratix validate"},
      {"in CI: JSON, and fail on warnings too", "kratix validate --dir postgresql -o json --strict"},
      {"check more requests against the API",
       "kratix validate --resource requests/small.yaml --resource requests/large.yaml"},
  }));
  cmd->callback([opts, output, strict] {
    if (*output != "text" && *output != "json") throw UsageError("--output must be text or json");
    validate::Report report;
    try {
      report = validate::validate_promise(*opts);
    } catch (const kratix::Error& e) {
      // -o json always prints JSON: the error as its one finding (and on stderr).
      if (*output == "json") print(validate::to_json(validate::error_report(e.what(), e.where()), *strict));
      throw;
    }
    print(*output == "json" ? validate::to_json(report, *strict) : validate::to_text(report, *strict));
    if (!report.valid(*strict)) throw kratix::SilentFailure();
  });
}

}  // namespace kratix::cli
