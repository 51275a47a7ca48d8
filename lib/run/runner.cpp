#include "run/runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <set>

#include "engine/build_container.hpp"
#include "fs/atomic_write.hpp"
#include "promise/layout.hpp"
#include "run/env_file.hpp"
#include "run/errors.hpp"
#include "run/pipeline_steps.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

constexpr const char* kKeepMarker = ".kratix-test";

std::string names_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void make_dir(const stdfs::path& p, stdfs::perms mode) {
  std::error_code ec;
  stdfs::create_directories(p, ec);
  if (ec) throw Error("cannot create " + p.string() + ": " + ec.message());
  // Kubernetes' emptyDir volumes are world-writable; a container running as
  // another user can write them here too.
  stdfs::permissions(p, mode, ec);
}

// --keep DIR: created, or emptied when an earlier run kept its work there.
void prepare_keep_dir(const stdfs::path& dir) {
  std::error_code ec;
  if (stdfs::exists(dir)) {
    if (!stdfs::is_directory(dir)) refuse("--keep " + dir.string() + " is a file; give a directory");
    bool empty = stdfs::directory_iterator(dir, ec) == stdfs::directory_iterator();
    if (!empty && !stdfs::exists(dir / kKeepMarker))
      refuse("--keep " + dir.string() + " holds files that kratix test did not write; give an empty or new directory");
    for (const auto& entry : stdfs::directory_iterator(dir, ec)) {
      if (entry.path().filename() != kKeepMarker) stdfs::remove_all(entry.path(), ec);
    }
  }
  make_dir(dir, stdfs::perms::owner_all | stdfs::perms::group_read | stdfs::perms::group_exec |
                    stdfs::perms::others_read | stdfs::perms::others_exec);
  fs::atomic_write(dir / kKeepMarker, "work directories of 'kratix test'; the next run with --keep empties this\n");
}

Json load_object(const stdfs::path& file) {
  return as_input_error([&] {
    if (!stdfs::exists(file)) refuse("the object file " + file.string() + " does not exist; pass the right --input");
    return parse_yaml_value(fs::read_file(file), file.string());
  });
}

std::string run_name(unsigned counter) {
  static std::mt19937 rng{std::random_device{}()};
  char buf[64];
  std::snprintf(buf, sizeof buf, "kratix-test-%d-%u-%04x", static_cast<int>(::getpid()), counter,
                static_cast<unsigned>(rng() & 0xffff));
  return buf;
}

}  // namespace

Runner::Runner(RunOptions o)
    : options_(std::move(o)), promise_(PromiseModel::load(options_.dir, options_.promise_name)) {
  const RunOptions& op = options_;
  if (!op.pull.empty() && op.pull != "always" && op.pull != "missing" && op.pull != "never")
    throw UsageError("--pull must be always, missing or never");
  if (op.network != "none" && op.network != "host") throw UsageError("--network must be none (the default) or host");
  if (op.timeout.count() <= 0) throw UsageError("--timeout must be more than 0");
  for (const auto& image : op.images) parse_assignment(image, "--image");
  for (const auto& spec : op.env_files) {
    auto [ref, file] = parse_assignment(spec, "--env-file");
    if (!ref.starts_with("configmap/") && !ref.starts_with("secret/"))
      throw UsageError("--env-file '" + spec + "' must be configmap/NAME=FILE or secret/NAME=FILE");
    refs_[ref] = read_env_file(file);
  }
  engine_ = engine::resolve_engine(op.engine);
  if (!process::find_on_path(engine_))
    refuse(engine_ + " CLI not found in PATH; install docker or podman, or pick the other with --engine");
  if (op.keep) prepare_keep_dir(*op.keep);
}

WorkflowResult Runner::run(const Target& target, const CaseInput& input) {
  const RunOptions& op = options_;
  WorkflowResult result;
  result.target = target.label();
  result.lifecycle = target.lifecycle;
  result.action = target.action;
  result.engine = engine_;
  auto say = [&](const std::string& line) {
    if (op.log) op.log(line);
  };

  std::vector<PipelineSpec> pipelines = promise_.pipelines(target.lifecycle, target.action);
  const std::string workflow = target.lifecycle + "/" + target.action;
  if (pipelines.empty())
    refuse("the Promise has no " + workflow + " pipelines; add one with 'kratix add container " + workflow +
           "/NAME --image IMAGE'");
  size_t first = 0, last = pipelines.size();
  if (!target.pipeline.empty()) {
    auto it =
        std::find_if(pipelines.begin(), pipelines.end(), [&](const auto& p) { return p.name == target.pipeline; });
    if (it == pipelines.end()) {
      std::vector<std::string> names;
      for (const auto& p : pipelines) names.push_back(p.name);
      refuse("pipeline " + target.pipeline + " is not in the " + workflow + " workflow (it has: " + names_of(names) +
             ")");
    }
    first = static_cast<size_t>(it - pipelines.begin());
    last = first + 1;
    if (!target.container.empty()) {
      const auto& cs = it->containers;
      if (std::none_of(cs.begin(), cs.end(), [&](const auto& c) { return c.name == target.container; })) {
        std::vector<std::string> names;
        for (const auto& c : cs) names.push_back(c.name);
        refuse("container " + target.container + " is not in pipeline " + workflow + "/" + target.pipeline +
               " (it has: " + names_of(names) + ")");
      }
    }
  }

  // --image CONTAINER=IMAGE or PIPELINE/CONTAINER=IMAGE
  std::map<std::string, std::string> images;
  for (const auto& spec : op.images) {
    auto [who, image] = parse_assignment(spec, "--image");
    bool known = false;
    for (const auto& p : pipelines) {
      for (const auto& c : p.containers) known = known || who == c.name || who == p.name + "/" + c.name;
    }
    if (!known)
      throw UsageError("--image " + spec + ": no container '" + who + "' in the " + workflow +
                       " workflow; use CONTAINER=IMAGE or PIPELINE/CONTAINER=IMAGE");
    images[who] = image;
  }
  auto image_for = [&](const PipelineSpec& p, const ContainerSpec& c) {
    if (auto it = images.find(p.name + "/" + c.name); it != images.end()) return it->second;
    if (auto it = images.find(c.name); it != images.end()) return it->second;
    return c.image;
  };

  stdfs::path object_file;
  Json object;
  if (input.object || op.input) {
    object_file = input.object ? *input.object : *op.input;
    object = load_object(object_file);
  } else if (target.lifecycle == "resource") {
    object_file = op.dir / promise::kExampleResourceFile;
    if (!stdfs::exists(object_file))
      refuse("no " + object_file.string() + " to run the resource workflow for; pass --input FILE with a request");
    object = load_object(object_file);
  } else {
    object_file = op.dir / promise::kPromiseFile;
    object = promise_.object();
  }
  result.context = make_context(promise_, target.lifecycle, target.action, object, object_file.string(), op.dry_run);
  const WorkflowContext& ctx = result.context;

  process::Env overrides = input.env;
  overrides.insert(overrides.end(), op.env.begin(), op.env.end());
  RefValues refs = input.refs;
  for (const auto& [k, v] : refs_) refs[k] = v;

  // Check every container's environment can be made before anything runs.
  for (size_t i = first; i < last; ++i) {
    for (const auto& c : pipelines[i].containers) {
      if (!target.container.empty() && c.name != target.container) continue;
      container_env(c, kratix_env(ctx, pipelines[i].name), refs, overrides);
    }
  }

  if (op.build) {
    for (size_t i = first; i < last; ++i) {
      for (const auto& c : pipelines[i].containers) {
        if (!target.container.empty() && c.name != target.container) continue;
        std::string key = workflow + "/" + pipelines[i].name + "/" + c.name;
        stdfs::path context =
            op.dir / promise::kWorkflowsDir / target.lifecycle / target.action / pipelines[i].name / c.name;
        if (!stdfs::is_directory(context)) continue;
        if (!built_.insert(key).second) continue;
        engine::BuildContainerOptions b;
        b.dir = op.dir;
        b.workflow = promise::WorkflowRef{target.lifecycle, target.action, pipelines[i].name};
        b.name = c.name;
        b.engine = engine_;
        b.build_args = op.build_args;
        b.output_to_stderr = op.quiet_build;
        engine::BuildReport report = engine::build_containers(b, [&](const std::string& line) {
          if (op.quiet_build)
            std::fprintf(stderr, "%s\n", line.c_str());
          else
            std::printf("%s\n", line.c_str());
        });
        if (!report.failed.empty()) {
          result.failure = "building the image of " + key + " failed: " + report.failed.front();
          return result;
        }
      }
    }
  }

  result.work_root = !input.work_root.empty() ? input.work_root : op.keep ? *op.keep : make_temp_dir();
  result.keep = op.keep.has_value();
  const auto started = std::chrono::steady_clock::now();
  Json current = ctx.object;
  const stdfs::perms open_dir = stdfs::perms::all;
  const stdfs::perms read_dir = stdfs::perms::owner_all | stdfs::perms::group_read | stdfs::perms::group_exec |
                                stdfs::perms::others_read | stdfs::perms::others_exec;

  for (size_t i = first; i < last; ++i) {
    const PipelineSpec& p = pipelines[i];
    PipelineResult pr;
    pr.name = p.name;
    pr.dir = result.work_root / p.name;
    make_dir(pr.dir / "input", read_dir);
    make_dir(pr.dir / "output", open_dir);
    make_dir(pr.dir / "metadata", open_dir);
    make_dir(pr.dir / "logs", read_dir);
    fs::atomic_write(pr.dir / "input" / "object.yaml", to_yaml(current));
    process::Env kratix = kratix_env(ctx, p.name);

    for (const auto& c : p.containers) {
      if (!target.container.empty() && c.name != target.container) continue;
      ContainerRun run;
      run.engine = engine_;
      run.run_name = run_name(++run_counter_);
      run.image = image_for(p, c);
      run.network = op.network;
      run.pull = pull_policy(op.pull, c);
      run.spec = &c;
      run.mounts = {{pr.dir / "input", "/kratix/input", true},
                    {pr.dir / "output", "/kratix/output", false},
                    {pr.dir / "metadata", "/kratix/metadata", false}};
      for (const auto& m : c.mounts) {
        stdfs::path host = pr.dir / "volumes" / m.volume;
        if (!m.sub_path.empty()) host /= m.sub_path;
        make_dir(host, open_dir);
        run.mounts.push_back({host, m.path, m.read_only});
      }
      for (const auto& m : run.mounts) {
        if (m.host.string().find(':') != std::string::npos)
          refuse("the work directory " + m.host.string() +
                 " holds ':', which the engine's -v cannot take; use --keep with another directory");
      }
      run.env = container_env(c, kratix, refs, overrides);
      say("Running container " + c.name + " of pipeline " + p.name + " (" + run.image + ")");
      int interrupted = 0;
      pr.containers.push_back(run_container(run, pr.dir / "logs" / (c.name + ".log"), op.timeout, op.log, interrupted));
      if (interrupted) {
        result.pipelines.push_back(std::move(pr));
        result.keep = true;
        throw Error(
            "interrupted; the container was stopped and the work directories are kept in " + result.work_root.string(),
            static_cast<ExitCode>(128 + interrupted));
      }
      if (!pr.containers.back().ok) {
        pr.failure = "container " + c.name + " " + pr.containers.back().ended;
        break;
      }
    }

    if (pr.failure.empty())
      finish_pipeline(pr, current, ctx, i + 1 == pipelines.size(), promise_.destination_selectors());
    pr.status = current.contains("status") ? current["status"] : Json::object();
    if (pr.failure.empty()) {
      std::vector<Check> checks = contract_checks(pr, target.action);
      result.checks.insert(result.checks.end(), checks.begin(), checks.end());
    }
    result.pipelines.push_back(std::move(pr));
    const PipelineResult& done = result.pipelines.back();
    if (!done.failure.empty()) {
      result.failure = "pipeline " + p.name + ": " + done.failure;
      result.keep = true;
      break;
    }
    if (done.control.stops()) {
      result.stopped = stop_reason(done);
      if (i + 1 < last) result.stopped += "; the pipelines after it do not run";
      break;
    }
  }
  result.status = current.contains("status") ? current["status"] : Json::object();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

void Runner::clean_up(WorkflowResult& result) {
  if (result.keep || result.work_root.empty()) return;
  std::error_code ec;
  stdfs::remove_all(result.work_root, ec);
}

}  // namespace kratix::run
