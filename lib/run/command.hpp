#pragma once
// The `kratix test` commands, behind cli/test.cpp.
#include <string>

#include "run/cases.hpp"
#include "run/runner.hpp"

namespace kratix::run {

struct TestCommand {
  enum class Kind { Stage, Pipeline, Workflow, Suite };
  Kind kind = Kind::Suite;
  RunOptions run;
  std::string target;     // LIFECYCLE/ACTION[/PIPELINE]
  std::string container;  // stage
  SuiteOptions suite;
  std::string output = "text";  // text | json | yaml
  std::string timeout;          // Go duration; empty: the default
};

struct CommandOutcome {
  std::string text;  // for stdout
  int exit_code = 0;
  std::string error;  // for "Error: ..." when exit_code is 2 or 3
};

// Runs one of the commands and renders its result. Input errors throw
// kratix::Error (exit 2) before anything runs.
CommandOutcome run_test_command(TestCommand command);

}  // namespace kratix::run
