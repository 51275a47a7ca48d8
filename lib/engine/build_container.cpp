#include "engine/build_container.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/error.hpp"
#include "process/process.hpp"
#include "promise/read.hpp"
#include "util/shell_words.hpp"

namespace stdfs = std::filesystem;

namespace kratix::engine {

std::string resolve_engine(const std::string& flag) {
  std::string engine = flag;
  std::string from = "--engine";
  if (engine.empty()) {
    const char* env = std::getenv("KRATIX_CONTAINER_ENGINE");
    // docker when it is there, else podman (many machines have only podman).
    engine =
        env && *env ? env : (!process::find_on_path("docker") && process::find_on_path("podman") ? "podman" : "docker");
    from = env && *env ? "KRATIX_CONTAINER_ENGINE" : "--engine";
  }
  if (engine != "docker" && engine != "podman")
    throw UsageError("unsupported container engine '" + engine + "' (from " + from + "); use docker or podman");
  return engine;
}

namespace {

stdfs::path pipeline_dir(const stdfs::path& dir, const promise::WorkflowRef& ref) {
  return dir / "workflows" / ref.lifecycle / ref.action / ref.pipeline;
}

std::string names_of(const std::vector<promise::ContainerInfo>& containers) {
  std::string out;
  for (const auto& c : containers) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

BuildTarget target_for(const stdfs::path& dir, const promise::PipelineInfo& p, const promise::ContainerInfo& c) {
  if (c.image.empty())
    throw Error("container '" + c.name + "' of " + p.ref.to_string() +
                " has no image in the Promise; set its image (e.g. kratix add container ... --image)");
  return {p.ref, c.name, c.image, pipeline_dir(dir, p.ref) / c.name};
}

}  // namespace

std::vector<BuildTarget> plan_builds(const BuildContainerOptions& o) {
  if (!o.all && !o.workflow)
    throw UsageError("name the pipeline as LIFECYCLE/ACTION/PIPELINE, or build every container with --all");
  if (o.all && o.workflow) throw UsageError("give LIFECYCLE/ACTION/PIPELINE or --all, not both");
  std::vector<promise::PipelineInfo> pipelines = promise::load_pipelines(o.dir);
  std::vector<BuildTarget> targets;
  if (o.all) {
    for (const auto& p : pipelines) {
      for (const auto& c : p.containers) {
        if (!o.name.empty() && c.name != o.name) continue;
        if (stdfs::is_directory(pipeline_dir(o.dir, p.ref) / c.name)) targets.push_back(target_for(o.dir, p, c));
      }
    }
    if (targets.empty())
      throw Error(
          "no container of this Promise has a directory under workflows/ to build from; "
          "add one with 'kratix add container'");
    return targets;
  }
  const promise::WorkflowRef& ref = *o.workflow;
  auto it = std::find_if(pipelines.begin(), pipelines.end(), [&](const promise::PipelineInfo& p) {
    return p.ref.lifecycle == ref.lifecycle && p.ref.action == ref.action && p.ref.pipeline == ref.pipeline;
  });
  if (it == pipelines.end())
    throw Error("pipeline " + ref.to_string() + " is not in the Promise; add it with 'kratix add container " +
                ref.to_string() + " --image IMAGE'");
  const promise::PipelineInfo& p = *it;
  if (!o.name.empty()) {
    auto c = std::find_if(p.containers.begin(), p.containers.end(), [&](const auto& x) { return x.name == o.name; });
    if (c == p.containers.end())
      throw Error("container " + o.name + " not found in pipeline " + ref.to_string() +
                  " (it has: " + names_of(p.containers) + ")");
    BuildTarget t = target_for(o.dir, p, *c);
    if (!stdfs::is_directory(t.context))
      throw Error("container directory " + t.context.string() +
                  " is missing; create it with a Dockerfile, or run "
                  "'kratix add container " +
                  ref.to_string() + " --image " + t.image + " --name " + t.container + "'");
    return {t};
  }
  std::vector<promise::ContainerInfo> with_dirs;
  for (const auto& c : p.containers) {
    if (stdfs::is_directory(pipeline_dir(o.dir, ref) / c.name)) with_dirs.push_back(c);
  }
  if (with_dirs.empty())
    throw Error("no container of pipeline " + ref.to_string() + " has a directory in " +
                pipeline_dir(o.dir, ref).string() + "; run 'kratix add container " + ref.to_string() +
                " --image IMAGE'");
  if (with_dirs.size() > 1)
    throw Error("more than one container exists for pipeline " + ref.to_string() + " (" + names_of(with_dirs) +
                "); pick one with --name");
  return {target_for(o.dir, p, with_dirs.front())};
}

std::vector<std::vector<std::string>> build_commands(const BuildTarget& t, const BuildContainerOptions& o,
                                                     const std::string& engine) {
  std::vector<std::string> build{engine};
  if (o.buildx) build.push_back("buildx");
  build.insert(build.end(), {"build", "--tag", t.image, t.context.string()});
  if (o.buildx && o.push) build.push_back("--push");
  for (auto& w : util::split_shell_words(o.build_args, "--build-args")) build.push_back(std::move(w));
  std::vector<std::vector<std::string>> out{build};
  if (o.push && !o.buildx) out.push_back({engine, "push", t.image});
  return out;
}

BuildReport build_containers(const BuildContainerOptions& o, const std::function<void(const std::string&)>& say) {
  std::string engine = resolve_engine(o.engine);
  std::vector<BuildTarget> targets = plan_builds(o);
  // Check the arguments split before anything runs.
  util::split_shell_words(o.build_args, "--build-args");
  if (!o.dry_run && !process::find_on_path(engine))
    throw Error(engine + " CLI not found in PATH; install it, or pick another with --engine");
  BuildReport report;
  for (const auto& t : targets) {
    std::string label = t.workflow.to_string() + "/" + t.container + " (" + t.image + ")";
    bool ok = true;
    for (const auto& cmd : build_commands(t, o, engine)) {
      if (o.dry_run) {
        say(util::shell_join(cmd));
        continue;
      }
      say(std::string(cmd[1] == "push" ? "Pushing" : "Building") + " container with tag " + t.image + "...");
      process::Options run;
      run.argv = cmd;
      if (o.output_to_stderr) run.out = process::Output::ToStderr;
      int status = process::run(run).exit_code;
      if (status != 0) {
        report.failed.push_back(label + ": '" + util::shell_join(cmd) + "' exited with status " +
                                std::to_string(status));
        ok = false;
        break;
      }
    }
    if (ok) report.built.push_back(label);
    if (!ok && !o.all) break;
  }
  return report;
}

}  // namespace kratix::engine
