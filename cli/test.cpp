#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "core/error.hpp"
#include "run/cases.hpp"
#include "run/command.hpp"
#include "run/env_file.hpp"

namespace kratix::cli {

namespace {

struct Flags {
  run::TestCommand cmd;
  std::vector<std::string> env;
  std::string input, keep;
  bool verbose = false;
};

void add_run_flags(CLI::App* app, Flags& f) {
  run::RunOptions& o = f.cmd.run;
  app->add_option("-d,--dir", o.dir, "Directory holding the Promise (flat or split)")
      ->type_name("DIR")
      ->capture_default_str();
  app->add_option("-e,--engine", o.engine,
                  "docker or podman (default: $KRATIX_CONTAINER_ENGINE, else docker, else podman)")
      ->type_name("{docker,podman}");
  app->add_flag("--build", o.build, "Build the containers' images first, as 'kratix build container' does");
  app->add_option("--build-args", o.build_args, "Extra build arguments for --build, split like a shell would")
      ->type_name("ARGS");
  app->add_option("--image", o.images, "Run CONTAINER (or PIPELINE/CONTAINER) with another image")
      ->type_name("CONTAINER=IMAGE");
  app->add_option("--env", f.env, "Set a variable in every container, after Kratix's and the container's own")
      ->type_name("NAME=VALUE");
  app->add_option("--env-file", o.env_files, "Values of a configMap or secret the pipelines refer to (KEY=VALUE lines)")
      ->type_name("{configmap,secret}/NAME=FILE");
  app->add_option("--timeout", f.cmd.timeout, "Stop a container that runs longer than this (default 10m)")
      ->type_name("DURATION");
  app->add_option("--pull", o.pull,
                  "Pull images: always, missing or never (default: each container's "
                  "imagePullPolicy, else missing)")
      ->type_name("{always,missing,never}");
  app->add_option("--network", o.network, "Container network: none, or host to allow network access")
      ->type_name("{none,host}")
      ->capture_default_str();
  app->add_flag("--dry-run", o.dry_run, "Run resource workflows as a Kratix dry run (KRATIX_DRY_RUN=true)");
  app->add_option("--keep", f.keep, "Keep the work directories (input/, output/, metadata/, logs/) here")
      ->type_name("DIR");
  app->add_option("--promise-name", o.promise_name,
                  "The Promise's name, for a split layout (default: the "
                  "directory's name)");
  app->add_option("-o,--output", f.cmd.output, "Output format")->type_name("{text,json,yaml}")->capture_default_str();
  app->add_flag("-v,--verbose", f.verbose, "Show each container's output as it runs (on stderr)");
}

void run(Flags& f) {
  for (const auto& e : f.env) f.cmd.run.env.push_back(run::parse_assignment(e, "--env"));
  if (!f.input.empty()) f.cmd.run.input = f.input;
  if (!f.keep.empty()) f.cmd.run.keep = f.keep;
  if (f.verbose)
    f.cmd.run.log = [](const std::string& text) {
      std::fputs(text.c_str(), stderr);
      if (!text.empty() && text.back() != '\n' && text.rfind("Running ", 0) == 0) std::fputc('\n', stderr);
    };
  run::CommandOutcome out = run::run_test_command(f.cmd);
  std::fwrite(out.text.data(), 1, out.text.size(), stdout);
  if (out.exit_code == 1) throw SilentFailure();
  if (out.exit_code != 0) throw Error(out.error, static_cast<ExitCode>(out.exit_code));
}

CLI::App* add_runner(CLI::App& test, const char* name, const char* description, run::TestCommand::Kind kind) {
  auto f = std::make_shared<Flags>();
  f->cmd.kind = kind;
  CLI::App* app = test.add_subcommand(name, description);
  add_run_flags(app, *f);
  app->add_option("-i,--input", f->input,
                  "The object to run for (default: example-resource.yaml; the Promise for promise workflows)")
      ->type_name("FILE");
  if (kind == run::TestCommand::Kind::Workflow)
    app->add_option("workflow", f->cmd.target, "LIFECYCLE/ACTION, e.g. resource/configure")->required();
  else
    app->add_option("pipeline", f->cmd.target, "LIFECYCLE/ACTION/PIPELINE, e.g. resource/configure/instance")
        ->required();
  if (kind == run::TestCommand::Kind::Stage)
    app->add_option("container", f->cmd.container, "The container of the pipeline to run")->required();
  app->callback([f] { run(*f); });
  return app;
}

}  // namespace

void add_test_commands(CLI::App& root) {
  auto suite = std::make_shared<Flags>();
  CLI::App* test = root.add_subcommand(
      "test", "Run a Promise's workflows in a container engine exactly as Kratix would, and check the results");
  add_run_flags(test, *suite);
  test->add_option("cases", suite->cmd.suite.select, "Test cases to run (CASE or LIFECYCLE/ACTION/CASE; default: all)");
  test->add_option("--tests", suite->cmd.suite.tests, "Directory of the test cases (default: DIR/test)")
      ->type_name("DIR");
  test->add_flag("--update", suite->cmd.suite.update, "Write what the workflows produce as the cases' expectations");
  test->footer(examples({
      {"start a test case from example-resource.yaml, build the images and see what the workflow does",
       "kratix test init small\n  kratix test --build -o json"},
      {"record the results as the case's expectations, then check them (what a Promise repository's CI runs)",
       "kratix test --update\n  kratix test"},
      {"run a workflow; one container with another image and a variable; one pipeline",
       "kratix test workflow resource/configure --engine podman\n"
       "  kratix test stage resource/configure/instance create --image create=myorg/create:dev --env LOG_LEVEL=debug\n"
       "  kratix test pipeline resource/configure/instance"},
  }));
  test->callback([suite, test] {
    if (!test->get_subcommands().empty()) return;  // a subcommand ran
    run(*suite);
  });

  add_runner(*test, "workflow", "Run every pipeline of LIFECYCLE/ACTION in order, as Kratix does",
             run::TestCommand::Kind::Workflow)
      ->footer(examples({
          {"the resource configure workflow for example-resource.yaml", "kratix test workflow resource/configure"},
          {"the promise configure workflow, keeping what it wrote",
           "kratix test workflow promise/configure --keep ./work"},
      }));
  add_runner(*test, "pipeline", "Run the containers of one pipeline in order", run::TestCommand::Kind::Pipeline)
      ->footer(examples({
          {"one pipeline for another request", "kratix test pipeline resource/configure/instance --input big.yaml"},
      }));
  add_runner(*test, "stage", "Run one container of a pipeline", run::TestCommand::Kind::Stage)
      ->footer(examples({
          {"one container with an image built for the test",
           "kratix test stage resource/configure/instance create --image create=myorg/create:dev"},
      }));

  auto init = std::make_shared<run::InitCaseOptions>();
  auto input = std::make_shared<std::string>();
  CLI::App* cmd = test->add_subcommand("init", "Start a test case from the example resource");
  cmd->add_option("case", init->name, "Name of the test case")->required();
  cmd->add_option("-w,--workflow", init->workflow, "The workflow it runs: LIFECYCLE/ACTION")
      ->type_name("LIFECYCLE/ACTION")
      ->capture_default_str();
  cmd->add_option("-i,--input", *input, "The object (default: example-resource.yaml; none for promise workflows)")
      ->type_name("FILE");
  cmd->add_option("-d,--dir", init->dir, "Directory holding the Promise")->type_name("DIR")->capture_default_str();
  cmd->add_option("--tests", init->tests, "Directory of the test cases (default: DIR/test)")->type_name("DIR");
  cmd->footer(examples({
      {"a case for the resource configure workflow", "kratix test init small"},
      {"a case for the promise configure workflow", "kratix test init defaults --workflow promise/configure"},
  }));
  cmd->callback([init, input] {
    if (!input->empty()) init->input = *input;
    std::filesystem::path dir = run::init_case(*init);
    print("Created test case " + dir.string() + "; record what the workflow does with 'kratix test --update " +
          init->workflow + "/" + init->name + "'");
  });
}

}  // namespace kratix::cli
