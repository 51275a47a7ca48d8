#include <memory>

#include "commands.hpp"
#include "core/error.hpp"
#include "engine/build_container.hpp"
#include "promise/build.hpp"

namespace kratix::cli {

namespace {

void add_build_container(CLI::App& build) {
  auto opts = std::make_shared<engine::BuildContainerOptions>();
  auto workflow = std::make_shared<std::string>();
  CLI::App* cmd = build.add_subcommand("container", "Build (and push) the image of a workflow container");
  cmd->add_option("workflow", *workflow, "LIFECYCLE/ACTION/PIPELINE, e.g. resource/configure/instance");
  cmd->add_option("-n,--name", opts->name, "The container to build, when the pipeline has several");
  cmd->add_option("-d,--dir", opts->dir, "Directory holding the Promise")->type_name("DIR")->capture_default_str();
  cmd->add_flag("-a,--all", opts->all, "Build every container of every workflow that has a directory");
  cmd->add_option("-e,--engine", opts->engine,
                  "docker or podman (default: $KRATIX_CONTAINER_ENGINE, else docker, else podman)")
      ->type_name("{docker,podman}");
  cmd->add_flag("--push", opts->push, "Push each image after building it");
  cmd->add_flag("--buildx", opts->buildx, "Build with 'ENGINE buildx build' (pushes with --push in the same step)");
  cmd->add_option("--build-args", opts->build_args, "Extra build arguments, split like a shell would")
      ->type_name("ARGS");
  cmd->add_flag("--dry-run", opts->dry_run, "Print the commands instead of running them");
  cmd->footer(examples({
      {"build the one container of a pipeline", "kratix build container resource/configure/instance"},
      {"pick a container and push it", "kratix build container resource/configure/instance --name configure --push"},
      {"every container, with podman", "kratix build container --all --engine podman"},
      {"buildx for two platforms, pushing",
       "kratix build container resource/configure/instance --buildx --push --build-args \"--platform "
       "linux/amd64,linux/arm64\""},
      {"show the commands without running them", "kratix build container --all --push --dry-run"},
  }));
  cmd->callback([opts, workflow] {
    if (!workflow->empty()) opts->workflow = promise::parse_workflow_ref(*workflow);
    engine::BuildReport report = engine::build_containers(*opts, [](const std::string& line) { print(line); });
    if (opts->dry_run) return;
    if (opts->all) {
      std::string summary = "Built " + std::to_string(report.built.size()) + " container image(s)";
      for (const auto& b : report.built) summary += "\n  " + b;
      if (!report.failed.empty()) {
        summary += "\nFailed " + std::to_string(report.failed.size()) + ":";
        for (const auto& f : report.failed) summary += "\n  " + f;
      }
      print(summary);
    }
    if (!report.failed.empty()) {
      throw Error(opts->all
                      ? std::to_string(report.failed.size()) + " of " +
                            std::to_string(report.failed.size() + report.built.size()) + " container builds failed"
                      : report.failed.front());
    }
  });
}

}  // namespace

void add_build_commands(CLI::App& root) {
  CLI::App* build = root.add_subcommand("build", "Build a Promise from a split directory, or its workflow images");

  auto opts = std::make_shared<promise::BuildPromiseOptions>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = build->add_subcommand("promise", "Assemble a split Promise directory into one Promise");
  cmd->add_option("name", opts->name, "Name of the Promise (its metadata.name)")->required();
  cmd->add_option("-d,--dir", opts->dir, "Directory holding api.yaml, dependencies.yaml and workflows/")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_option("-o,--output", *output, "File to write the Promise to (default: stdout)")->type_name("FILE");
  cmd->footer(examples({
      {"print the Promise assembled from the current directory", "kratix build promise postgresql"},
      {"write it to a file, from another directory",
       "kratix build promise postgresql --dir ./postgresql -o promise.yaml"},
  }));
  cmd->callback([opts, output] {
    if (!output->empty()) opts->output = *output;
    std::string text = promise::build_promise(*opts);
    if (!opts->output) std::fwrite(text.data(), 1, text.size(), stdout);
  });
  add_build_container(*build);
}

}  // namespace kratix::cli
