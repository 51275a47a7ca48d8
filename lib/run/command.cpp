#include "run/command.hpp"

#include "run/duration.hpp"
#include "run/report.hpp"

namespace kratix::run {

CommandOutcome run_test_command(TestCommand cmd) {
  if (cmd.output != "text" && cmd.output != "json" && cmd.output != "yaml")
    throw UsageError("--output must be text, json or yaml");
  if (!cmd.timeout.empty()) {
    auto d = parse_go_duration(cmd.timeout);
    if (!d || d->count() <= 0)
      throw UsageError("--timeout '" + cmd.timeout + "' is not a duration such as 30s, 5m or 1h30m");
    cmd.run.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
    if (cmd.run.timeout.count() == 0) cmd.run.timeout = std::chrono::milliseconds(1);
  }
  cmd.run.quiet_build = cmd.output != "text";
  if (cmd.kind == TestCommand::Kind::Suite && cmd.run.input)
    throw UsageError("--input is for one run; a test case takes its object from input/object.yaml");
  auto render = [&](const Json& json, const std::string& text) {
    if (cmd.output == "json") return json.dump(2) + "\n";
    if (cmd.output == "yaml") return to_yaml(json);
    return text;
  };
  Runner runner(cmd.run);
  CommandOutcome out;
  if (cmd.kind == TestCommand::Kind::Suite) {
    SuiteResult suite = run_suite(runner, cmd.suite);
    out.text = render(to_json(suite), to_text(suite));
    out.exit_code = suite.exit_code();
    size_t errors = 0, failed = 0;
    for (const auto& c : suite.cases) {
      errors += c.error.empty() ? 0 : 1;
      failed += c.result.failed() ? 1 : 0;
    }
    if (out.exit_code == 2) out.error = std::to_string(errors) + " test case(s) could not run; see above";
    if (out.exit_code == 3) out.error = std::to_string(failed) + " test case(s) had a failing pipeline; see above";
    return out;
  }
  Target target = parse_target(cmd.target, cmd.container, cmd.kind != TestCommand::Kind::Workflow);
  WorkflowResult result = runner.run(target);
  out.text = render(to_json(result), to_text(result));
  out.exit_code = exit_code(result);
  if (out.exit_code == 3) out.error = result.failure;
  Runner::clean_up(result);
  return out;
}

}  // namespace kratix::run
