#include "run/pipeline_steps.hpp"

#include <fstream>

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

// ENGINE kill NAME / ENGINE rm -f NAME, output discarded.
void engine_command(const std::string& engine, std::vector<std::string> args) {
  process::Options o;
  o.argv = {engine};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.out = o.err = process::Output::Discard;
  o.timeout = std::chrono::seconds(30);
  process::run(o);
}

}  // namespace

ContainerResult run_container(const ContainerRun& run, const stdfs::path& log_file, std::chrono::milliseconds timeout,
                              const std::function<void(const std::string&)>& log, int& interrupted) {
  ContainerResult cr;
  cr.name = run.spec->name;
  cr.image = run.image;
  cr.env = run.env;
  cr.argv = engine_argv(run);
  std::ofstream out(log_file, std::ios::binary);
  process::Options po;
  po.argv = cr.argv;
  po.out = process::Output::Capture;
  po.err = process::Output::Capture;
  po.timeout = timeout;
  // A timeout (or Ctrl-C) stops the container itself: killing the engine's
  // client alone would leave it running.
  po.on_stop = [&run] { engine_command(run.engine, {"kill", run.run_name}); };
  po.on_output = [&](process::Stream, std::string_view chunk) {
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (log) log(std::string(chunk));
  };
  process::Result r = process::run(po);
  // The client may be gone before removing what it started.
  if (r.timed_out || r.interrupted) engine_command(run.engine, {"rm", "-f", run.run_name});
  interrupted = r.interrupted;
  cr.ran = true;
  cr.ok = r.ok();
  cr.exit_code = r.exit_code;
  cr.timed_out = r.timed_out;
  cr.ended = process::describe(r, timeout);
  cr.out_tail = r.out;
  cr.err_tail = r.err;
  cr.seconds = std::chrono::duration<double>(r.elapsed).count();
  return cr;
}

void finish_pipeline(PipelineResult& pr, Json& object, const WorkflowContext& ctx, bool last_pipeline,
                     const std::vector<Labels>& promise_selectors) {
  const stdfs::path output = pr.dir / "output", metadata = pr.dir / "metadata";
  const bool configure = ctx.action == "configure";
  std::string error;
  pr.control = read_workflow_control(metadata, error);
  if (!error.empty()) {
    // The work-writer reads it first in configure pipelines; delete pipelines have none.
    pr.failure = (configure ? "Kratix's work-writer fails: " : "Kratix's status-writer fails: ") + error;
    return;
  }
  if (configure) {
    pr.work = write_work(output, metadata, ctx.type, promise_selectors);
    if (!pr.work.failure.empty()) {
      pr.failure = "Kratix's work-writer fails: " + pr.work.failure;
      return;
    }
    pr.work_written = !pr.control.stops();
  } else {
    // pipeline_factory.go: delete pipelines have no work-writer.
    size_t files = list_files(output).size();
    if (files > 0)
      pr.warnings.push_back("Kratix ignores the output of delete pipelines; " + std::to_string(files) +
                            " file(s) in /kratix/output are dropped");
    if (stdfs::exists(metadata / "destination-selectors.yaml"))
      pr.warnings.push_back("Kratix ignores destination-selectors.yaml in delete pipelines");
  }
  Json existing = object.contains("status") ? object["status"] : Json::object();
  StatusUpdate st = write_status(existing, metadata, ctx.type, last_pipeline, ctx.dry_run, pr.control, rfc3339_now());
  if (!st.failure.empty()) {
    pr.failure = "Kratix's status-writer fails: " + st.failure;
    return;
  }
  pr.warnings.insert(pr.warnings.end(), st.warnings.begin(), st.warnings.end());
  if (st.status.empty())
    object.erase("status");
  else
    object["status"] = st.status;
}

std::vector<Check> contract_checks(const PipelineResult& pr, const std::string& action) {
  std::vector<Check> checks;
  const stdfs::path output = pr.dir / "output", metadata = pr.dir / "metadata";
  if (action == "configure") {
    for (const auto& f : list_files(output)) {
      Check c{pr.name + ": output/" + f, "contract", true, "", ""};
      for (const auto& finding : pr.work.findings) {
        if (finding.file != "output/" + f) continue;
        c.passed = false;
        std::string at = finding.file;
        if (finding.line > 0) at += ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column);
        c.message += (c.message.empty() ? "" : "; ") + at + ": " + finding.message;
      }
      checks.push_back(c);
    }
  }
  for (const char* f : {"destination-selectors.yaml", "status.yaml", "workflow-control.yaml"}) {
    if (action == "delete" && std::string(f) == "destination-selectors.yaml") continue;
    if (stdfs::exists(metadata / f)) checks.push_back({pr.name + ": metadata/" + f, "contract", true, "", ""});
  }
  return checks;
}

std::string stop_reason(const PipelineResult& pr) {
  const WorkflowControl& c = pr.control;
  std::string message = c.message.empty() ? "" : ", message: " + c.message;
  if (c.suspend)
    return "pipeline " + pr.name + " suspended the workflow (workflow-control.yaml suspend: true" + message + ")";
  return "pipeline " + pr.name + " asked Kratix to run it again after " + c.retry_after +
         " (workflow-control.yaml retryAfter" + message + ")";
}

}  // namespace kratix::run
