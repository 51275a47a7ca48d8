#include "run/report.hpp"

#include <sys/resource.h>

#include <cstdio>

#include "process/process.hpp"

namespace kratix::run {

namespace {

constexpr size_t kTailLines = 20;

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    out += pad + text.substr(pos, eol - pos) + "\n";
    pos = eol + 1;
  }
  return out;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", s);
  return buf;
}

std::string labels_text(const Labels& labels) {
  if (labels.empty()) return "any Destination";
  std::string out = "Destinations labelled ";
  bool first = true;
  for (const auto& [k, v] : labels) {
    out += (first ? "" : ", ") + k + "=" + v;
    first = false;
  }
  return out;
}

std::string files_text(const std::vector<std::string>& files) {
  std::string out = std::to_string(files.size()) + (files.size() == 1 ? " file" : " files");
  if (files.empty()) return out;
  out += ": ";
  for (size_t i = 0; i < files.size() && i < 8; ++i) out += (i ? ", " : "") + files[i];
  if (files.size() > 8) out += ", ...";
  return out;
}

std::string object_text(const WorkflowContext& c) {
  std::string out = c.kind + " " + c.name;
  if (!c.ns.empty()) out += " (namespace " + c.ns + ")";
  if (c.dry_run) out += ", dry run";
  return out;
}

std::string container_text(const ContainerResult& c) {
  std::string out = "  container " + c.name + " (" + c.image +
                    "): " + (c.ok ? "ok in " + seconds(c.seconds) : c.ended + " after " + seconds(c.seconds)) + "\n";
  if (c.ok) return out;
  for (const auto& [what, tail] : {std::pair{"stdout", &c.out_tail}, std::pair{"stderr", &c.err_tail}}) {
    if (tail->empty()) continue;
    out += "    " + std::string(what) + " (last lines):\n" + indent(process::last_lines(*tail, kTailLines), "      | ");
  }
  return out;
}

std::string pipeline_text(const WorkflowResult& r, const PipelineResult& p) {
  std::string out = "pipeline " + p.name + "\n";
  for (const auto& c : p.containers) out += container_text(c);
  if (p.failure.empty() && r.action == "configure") {
    if (!p.work_written) {
      out += "  work: not written (workflow-control.yaml stops the workflow)\n";
    } else if (p.work.groups.empty()) {
      out += "  work: no files in /kratix/output\n";
    } else {
      out += "  work (what Kratix schedules):\n";
      for (const auto& g : p.work.groups)
        out += "    " + g.directory + " -> " + labels_text(g.resolved) + " (" + files_text(g.files) + ")\n";
    }
  }
  for (const auto& w : p.warnings) out += "  warning: " + w + "\n";
  return out;
}

std::string checks_text(const std::vector<Check>& checks, const std::string& pad) {
  std::string out;
  for (const auto& c : checks) {
    if (c.passed) continue;
    out += pad + c.name + ": " + c.message + "\n";
    if (!c.diff.empty()) out += indent(c.diff, pad + "  ");
  }
  return out;
}

Json container_json(const ContainerResult& c) {
  Json env = Json::array();
  for (const auto& [k, v] : c.env) env.push_back({{"name", k}, {"value", v}});
  return {{"name", c.name},       {"image", c.image},        {"command", c.argv},       {"env", env},
          {"ok", c.ok},           {"exitCode", c.exit_code}, {"timedOut", c.timed_out}, {"ended", c.ended},
          {"seconds", c.seconds}, {"stdout", c.out_tail},    {"stderr", c.err_tail}};
}

Json pipeline_json(const PipelineResult& p) {
  Json containers = Json::array();
  for (const auto& c : p.containers) containers.push_back(container_json(c));
  Json control = nullptr;
  if (p.control.present)
    control = {{"suspend", p.control.suspend}, {"message", p.control.message}, {"retryAfter", p.control.retry_after}};
  return {{"name", p.name},
          {"workDir", p.dir.string()},
          {"containers", containers},
          {"workWritten", p.work_written},
          {"workloadGroups", workload_groups(p.work)},
          {"workflowControl", control},
          {"status", p.status},
          {"warnings", p.warnings},
          {"failure", p.failure}};
}

Json checks_json(const std::vector<Check>& checks) {
  Json out = Json::array();
  for (const auto& c : checks)
    out.push_back({{"name", c.name}, {"kind", c.kind}, {"passed", c.passed}, {"message", c.message}, {"diff", c.diff}});
  return out;
}

// The CPU time kratix itself has used so far (not the engines it ran).
double own_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

std::string result_word(const WorkflowResult& r) {
  if (r.failed()) return "pipeline-failed";
  return r.failed_checks() ? "failure" : "success";
}

}  // namespace

int exit_code(const WorkflowResult& r) {
  if (r.failed()) return 3;
  return r.failed_checks() ? 1 : 0;
}

std::string summary_line(size_t checks, size_t failed) {
  if (failed == 0) return "Success (" + std::to_string(checks) + (checks == 1 ? " check)" : " checks)");
  return "Failure (" + std::to_string(failed) + " of " + std::to_string(checks) + " checks failed)";
}

std::string to_text(const WorkflowResult& r) {
  std::string out = "Running " + r.target + " for " + object_text(r.context) + " with " + r.engine + "\n";
  for (const auto& p : r.pipelines) out += pipeline_text(r, p);
  if (!r.stopped.empty()) out += "Stopped: " + r.stopped + "\n";
  if (!r.failed()) {
    out += "Status after " + r.target + ":" + (r.status.empty() ? " (none)\n" : "\n" + indent(to_yaml(r.status), "  "));
  }
  std::string failed = checks_text(r.checks, "  ");
  if (!failed.empty()) out += "Failed checks:\n" + failed;
  if (r.keep && !r.work_root.empty()) out += "Work directories kept in " + r.work_root.string() + "\n";
  if (r.failed())
    out += "Pipeline failed: " + r.failure + "\n";
  else
    out += summary_line(r.checks.size(), r.failed_checks()) + "\n";
  return out;
}

Json to_json(const WorkflowResult& r) {
  Json pipelines = Json::array();
  for (const auto& p : r.pipelines) pipelines.push_back(pipeline_json(p));
  return {{"target", r.target},
          {"engine", r.engine},
          {"object",
           {{"apiVersion", r.context.group.empty() ? r.context.version : r.context.group + "/" + r.context.version},
            {"kind", r.context.kind},
            {"name", r.context.name},
            {"namespace", r.context.ns},
            {"dryRun", r.context.dry_run}}},
          {"pipelines", pipelines},
          {"status", r.status},
          {"stopped", r.stopped},
          {"failure", r.failure},
          {"checks", checks_json(r.checks)},
          {"summary", {{"checks", r.checks.size()}, {"failed", r.failed_checks()}, {"result", result_word(r)}}},
          {"workDir", r.work_root.string()},
          {"kept", r.keep},
          {"seconds", r.seconds},
          {"kratixCpuSeconds", own_cpu_seconds()}};
}

std::string to_text(const SuiteResult& s) {
  std::string out;
  size_t broken = 0;
  for (const auto& c : s.cases) {
    const WorkflowResult& r = c.result;
    std::string label = c.tc.label();
    if (!c.error.empty()) {
      ++broken;
      out += "ERROR " + label + ": " + c.error + "\n";
      continue;
    }
    if (r.failed()) {
      ++broken;
      out += "FAIL  " + label + ": " + r.failure + "\n";
      for (const auto& p : r.pipelines) {
        for (const auto& ct : p.containers) {
          if (!ct.ok) out += indent(container_text(ct), "    ");
        }
      }
      if (r.keep) out += "      work directories kept in " + r.work_root.string() + "\n";
    } else if (r.failed_checks()) {
      out += "FAIL  " + label + " (" + std::to_string(r.failed_checks()) + " of " + std::to_string(r.checks.size()) +
             " checks failed)\n" + checks_text(r.checks, "      ");
    } else {
      out += "PASS  " + label + " (" + std::to_string(r.checks.size()) + (r.checks.size() == 1 ? " check" : " checks") +
             (r.stopped.empty() ? "" : "; " + r.stopped) + ")\n";
    }
    for (const auto& u : c.updated) out += "      updated " + u + "\n";
    for (const auto& p : r.pipelines) {
      for (const auto& w : p.warnings) out += "      warning: " + p.name + ": " + w + "\n";
    }
  }
  if (broken)
    out += "Failure (" + std::to_string(broken) + " of " + std::to_string(s.cases.size()) +
           " test cases did not run to the end; " + std::to_string(s.failed_checks()) + " of " +
           std::to_string(s.checks()) + " checks failed)\n";
  else
    out += summary_line(s.checks(), s.failed_checks()) + "\n";
  return out;
}

Json to_json(const SuiteResult& s) {
  Json cases = Json::array();
  for (const auto& c : s.cases) {
    Json one = c.error.empty() ? to_json(c.result) : Json::object();
    one["case"] = c.tc.label();
    one["error"] = c.error;
    one["updated"] = c.updated;
    if (!c.error.empty()) one["summary"] = {{"result", "error"}};
    cases.push_back(one);
  }
  int code = s.exit_code();
  std::string word = code == 0 ? "success" : code == 1 ? "failure" : code == 2 ? "error" : "pipeline-failed";
  return {{"cases", cases}, {"summary", {{"checks", s.checks()}, {"failed", s.failed_checks()}, {"result", word}}}};
}

}  // namespace kratix::run
