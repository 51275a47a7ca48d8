#include "validate/validate.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/build.hpp"
#include "promise/layout.hpp"
#include "promise/names.hpp"
#include "promise/read.hpp"
#include "promise/update_selectors.hpp"
#include "util/yaml_path.hpp"
#include "validate/crd_check.hpp"
#include "validate/promise_schema.hpp"
#include "validate/schema_check.hpp"

namespace stdfs = std::filesystem;

namespace kratix::validate {

namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

// Runs a check into a scratch list, then files its findings as errors or
// warnings under `rule_prefix` (replacing "schema." when given).
struct Collector {
  Report& report;
  std::function<void(Finding&, const YAML::Node&)> locate;

  Sink errors() { return Sink{&report.errors, locate}; }
  Sink warnings() { return Sink{&report.warnings, locate}; }
  void renamed(const std::string& from, const std::string& to, const std::function<void(const Sink&)>& run) {
    std::vector<Finding> found;
    run(Sink{&found, locate});
    for (auto& f : found) {
      if (f.rule.starts_with(from)) f.rule = to + f.rule.substr(from.size());
      report.errors.push_back(std::move(f));
    }
  }
};

// Go's time.ParseDuration, for the units Kubernetes durations use.
std::optional<double> parse_duration(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double total = 0;
  size_t i = 0;
  while (i < s.size()) {
    // A number: digits with at most one '.', at least one digit (".m" is not one).
    size_t start = i, digits = 0, dots = 0;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i)
      (s[i] == '.' ? dots : digits)++;
    if (digits == 0 || dots > 1) return std::nullopt;
    double n = std::strtod(s.substr(start, i - start).c_str(), nullptr);
    size_t u = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = s.substr(u, i - u);
    if (unit == "h")
      total += n * 3600;
    else if (unit == "m")
      total += n * 60;
    else if (unit == "s")
      total += n;
    else if (unit == "ms")
      total += n / 1000;
    else if (unit == "us" || unit == "µs")
      total += n / 1e6;
    else if (unit == "ns")
      total += n / 1e9;
    else
      return std::nullopt;
  }
  return total;
}

bool is_cluster_scoped(const std::string& kind) {
  static const std::set<std::string> kinds{"Namespace",
                                           "CustomResourceDefinition",
                                           "ClusterRole",
                                           "ClusterRoleBinding",
                                           "PersistentVolume",
                                           "StorageClass",
                                           "MutatingWebhookConfiguration",
                                           "ValidatingWebhookConfiguration",
                                           "APIService",
                                           "PriorityClass",
                                           "CSIDriver",
                                           "IngressClass",
                                           "RuntimeClass",
                                           "ClusterIssuer",
                                           "Promise",
                                           "CompositeResourceDefinition",
                                           "Composition",
                                           "Function",
                                           "Provider",
                                           "Configuration"};
  return kinds.count(kind) != 0;
}

void check_workflows(const YAML::Node& promise, const std::string& promise_name, const stdfs::path& dir, bool has_dirs,
                     Collector& c) {
  Sink err = c.errors(), warn = c.warnings();
  YAML::Node workflows = util::at_path(promise, {"spec", "workflows"});
  if (!workflows || !workflows.IsMap()) return;
  YAML::Node interval = util::at_path(workflows, {"config", "reconciliationInterval"});
  if (interval && interval.IsScalar()) {
    auto seconds = parse_duration(interval.Scalar());
    if (!seconds)
      err.add("webhook.reconciliation-interval", interval, "spec.workflows.config.reconciliationInterval",
              "'" + interval.Scalar() + "' is not a duration; write it like 10m or 1h30m");
    else if (*seconds < 60)
      err.add("webhook.reconciliation-interval", interval, "spec.workflows.config.reconciliationInterval",
              "reconciliationInterval " + interval.Scalar() + " is below Kratix's minimum of 1m; make it 1m or more");
  }
  for (const char* lifecycle : {"promise", "resource"}) {
    for (const char* action : {"configure", "delete"}) {
      YAML::Node list = util::at_path(workflows, {lifecycle, action});
      if (!list || !list.IsSequence()) continue;
      std::string lp = std::string("spec.workflows.") + lifecycle + "." + action;
      std::set<std::string> names;
      for (size_t i = 0; i < list.size(); ++i) {
        YAML::Node p = list[i];
        std::string pp = item_path(lp, i);
        // Shapes the schema check reports (a pipeline or container that is not a mapping) are skipped here.
        if (!p.IsMap()) continue;
        std::string name = text(util::at_path(p, {"metadata", "name"}));
        if (name.empty()) continue;  // the schema check reports it
        if (!names.insert(name).second)
          err.add("webhook.duplicate-pipeline", p["metadata"]["name"], pp + ".metadata.name",
                  "duplicate pipeline name '" + name + "' in " + lifecycle + "/" + action +
                      "; pipeline names must be unique per lifecycle and action");
        std::string id = promise_name + "-" + lifecycle + "-" + action + "-" + name;
        if (id.size() > 60)
          err.add("webhook.pipeline-id-length", p["metadata"]["name"], pp + ".metadata.name",
                  "the pipeline id '" + id + "' is " + std::to_string(id.size()) +
                      " characters; Kratix names the pipeline's resources with it and allows 60. Shorten the pipeline "
                      "or Promise name");
        if (auto why = promise::check_dns1123_label(name))
          err.add("webhook.pipeline-name", p["metadata"]["name"], pp + ".metadata.name",
                  "pipeline name '" + name + "' is not valid: " + *why);
        YAML::Node labels = util::at_path(p, {"metadata", "labels"});
        if (labels && labels.IsMap()) {
          for (const auto& kv : labels) {
            std::string k = kv.first.Scalar(), v = text(kv.second);
            if (auto why = promise::check_label(k, v))
              err.add("webhook.pipeline-label", kv.first, pp + ".metadata.labels." + k,
                      "invalid pipeline label '" + k + "': " + *why);
          }
        }
        YAML::Node containers = util::at_path(p, {"spec", "containers"});
        if (!containers || !containers.IsSequence() || containers.size() == 0) {
          err.add("webhook.containers", p, pp + ".spec.containers",
                  "pipeline '" + name + "' has no containers; add one with 'kratix add container'");
          continue;
        }
        std::set<std::string> cnames;
        for (size_t j = 0; j < containers.size(); ++j) {
          YAML::Node ct = containers[j];
          if (!ct.IsMap()) continue;
          std::string cp = item_path(pp + ".spec.containers", j);
          std::string cn = text(ct["name"]);
          if (auto why = promise::check_dns1123_label(cn))
            err.add("webhook.container-name", ct["name"] ? ct["name"] : ct, cp + ".name",
                    "container name '" + cn + "' is not valid: " + *why);
          else if (!cnames.insert(cn).second)
            err.add("webhook.duplicate-container", ct["name"], cp + ".name",
                    "container name '" + cn + "' appears twice in pipeline '" + name + "'");
          std::string image = text(ct["image"]);
          if (image.empty()) {
            err.add("webhook.image", ct, cp + ".image", "container '" + cn + "' has no image; set one");
            continue;
          }
          if (image.find("@sha256:") == std::string::npos)
            warn.add("warn.image-digest", ct["image"], cp + ".image",
                     "image " + image + " is not pinned by digest (@sha256:...)");
          size_t slash = image.rfind('/');
          size_t colon = image.rfind(':');
          bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
          if (image.find('@') == std::string::npos && (!tagged || image.substr(colon + 1) == "latest"))
            warn.add("warn.image-latest", ct["image"], cp + ".image",
                     "image " + image + " uses the latest tag; pin a version");
          if (has_dirs && !stdfs::is_directory(dir / "workflows" / lifecycle / action / name / cn))
            warn.add("warn.container-directory", ct, cp,
                     "no directory workflows/" + std::string(lifecycle) + "/" + action + "/" + name + "/" + cn +
                         " to build it from; fine for a ready-made image, else run 'kratix add container'");
        }
      }
    }
  }
}

const YAML::Node* find_version(const YAML::Node& crd, const std::string& version, YAML::Node& out) {
  YAML::Node versions = crd["spec"]["versions"];
  if (!versions || !versions.IsSequence()) return nullptr;
  for (const auto& v : versions) {
    if (text(v["name"]) == version) {
      out.reset(v);
      return &out;
    }
  }
  return nullptr;
}

void check_resource(const YAML::Node& crd, const stdfs::path& file, Report& report) {
  std::vector<YAML::Node> docs;
  try {
    docs = promise::parse_yaml_documents(fs::read_file(file), file.string());
  } catch (const Error& e) {
    Finding f{
        "yaml.syntax", "", e.what(), file.string(), e.where() ? e.where()->line : 0, e.where() ? e.where()->column : 0};
    report.errors.push_back(f);
    return;
  }
  auto locate = [&](Finding& f, const YAML::Node& n) {
    f.file = file.string();
    f.line = n.Mark().line + 1;
    f.column = n.Mark().column + 1;
  };
  std::vector<Finding> found;
  Sink sink{&found, locate};
  std::string group = text(crd["spec"]["group"]), kind = text(crd["spec"]["names"]["kind"]);
  for (const auto& r : docs) {
    if (!r || r.IsNull()) continue;
    if (!r.IsMap()) {
      sink.add("resource.shape", r, "", "a request is a mapping (apiVersion, kind, metadata, spec); this is not one");
      continue;
    }
    std::string api_version = text(r["apiVersion"]);
    std::string version =
        api_version.substr(api_version.find('/') == std::string::npos ? api_version.size() : api_version.find('/') + 1);
    YAML::Node v;
    if (api_version.rfind(group + "/", 0) != 0 || !find_version(crd, version, v)) {
      sink.add("resource.api-version", r["apiVersion"] ? r["apiVersion"] : r, "apiVersion",
               "apiVersion '" + api_version + "' is not served by this Promise's API (" + group + "/<version>)");
      continue;
    }
    if (text(r["kind"]) != kind)
      sink.add("resource.kind", r["kind"] ? r["kind"] : r, "kind",
               "kind '" + text(r["kind"]) + "' is not this Promise's kind '" + kind + "'");
    if (text(r["metadata"]["name"]).empty())
      sink.add("resource.name", r["metadata"] ? r["metadata"] : r, "metadata.name", "a request needs metadata.name");
    check_value(r, v["schema"]["openAPIV3Schema"], "", sink, true);
  }
  for (auto& f : found) {
    if (f.rule.starts_with("schema.")) f.rule = "resource." + f.rule.substr(7);
    report.errors.push_back(std::move(f));
  }
}

}  // namespace

Report validate_promise(const ValidateOptions& o) {
  Report report;
  stdfs::path main = promise::require_promise_files(o.dir);
  bool split = promise::detect_layout(o.dir) == promise::Layout::Split;
  std::string promise_text;
  std::vector<promise::BuiltSegment> segments;
  std::string built_name = o.name;
  if (split) {
    if (built_name.empty()) {
      std::string base = stdfs::absolute(o.dir).lexically_normal().filename().string();
      if (base.empty()) base = stdfs::absolute(o.dir).lexically_normal().parent_path().filename().string();
      built_name = promise::check_dns1123_label(base) ? "promise" : base;
    }
    promise_text = promise::build_promise({built_name, o.dir, std::nullopt}, &segments);
  } else {
    promise_text = fs::read_file(main);
  }
  auto locate_mark = [&](Finding& f, const YAML::Mark& mark) {
    size_t line = mark.line < 0 ? 0 : static_cast<size_t>(mark.line);
    int col = std::max(0, mark.column);
    if (!split) {
      f.file = main.string();
      f.line = static_cast<int>(line) + 1;
      f.column = col + 1;
      return;
    }
    for (const auto& s : segments) {
      if (line >= s.first_line && line < s.first_line + s.lines) {
        f.file = s.file;
        f.line = static_cast<int>(line - s.first_line + s.file_line) + 1;
        f.column = std::max(0, col - s.indent) + 1;
        return;
      }
    }
    f.file = (o.dir / "(built Promise)").string();
    f.line = static_cast<int>(line) + 1;
    f.column = col + 1;
  };
  auto locate = [&](Finding& f, const YAML::Node& n) { locate_mark(f, n.Mark()); };
  YAML::Node promise;
  try {
    promise = promise::parse_yaml(promise_text, main.string());
  } catch (const Error& e) {
    report.errors.push_back({"yaml.syntax", "", e.what(), main.string(), e.where() ? e.where()->line : 0,
                             e.where() ? e.where()->column : 0});
    return report;
  }
  // yaml-cpp throws (with marks of its own) when a check reads a value of a
  // shape it did not expect; that is a finding at the value, not a crash.
  try {
    Collector c{report, locate};
    c.renamed("schema.", "promise.", [&](const Sink& s) { check_value(promise, promise_schema(), "", s); });
    YAML::Node api = promise["spec"]["api"];
    if (api) c.renamed("", "", [&](const Sink& s) { check_crd(api, "spec.api", s); });
    std::string name = split ? built_name : text(promise["metadata"]["name"]);
    check_workflows(promise, name, o.dir, stdfs::is_directory(o.dir / "workflows"), c);
    if (YAML::Node deps = promise["spec"]["dependencies"]; deps && deps.IsSequence()) {
      Sink warn = c.warnings();
      for (size_t i = 0; i < deps.size(); ++i) {
        YAML::Node d = deps[i];
        if (!d.IsMap()) continue;
        if (text(d["metadata"]["namespace"]).empty() && !is_cluster_scoped(text(d["kind"])))
          warn.add("warn.dependency-namespace", d, item_path("spec.dependencies", i),
                   text(d["kind"]) + " " + text(d["metadata"]["name"]) +
                       " has no namespace; it lands wherever the destination puts it (set metadata.namespace)");
      }
    }
    YAML::Node api_versions = api && api.IsMap() ? api["spec"]["versions"] : YAML::Node();
    // Requests are checked against an API that has versions (else that is the finding).
    if (api_versions && api_versions.IsSequence() && api_versions.size() > 0) {
      std::vector<stdfs::path> resources;
      if (stdfs::exists(o.dir / promise::kExampleResourceFile))
        resources.push_back(o.dir / promise::kExampleResourceFile);
      resources.insert(resources.end(), o.resources.begin(), o.resources.end());
      for (const auto& r : resources) {
        if (!stdfs::exists(r)) throw Error("--resource " + r.string() + " does not exist; pass a request file");
        check_resource(api, r, report);
      }
    }
  } catch (const YAML::Exception& e) {
    Finding f{"yaml.shape", "", "a value has a shape kratix did not expect here (" + e.msg + "); fix it", "", 0, 0};
    locate_mark(f, e.mark);
    report.errors.push_back(std::move(f));
  }
  return report;
}

std::string to_text(const Report& r, bool strict) {
  std::string out;
  auto line = [&](const Finding& f, const char* severity) {
    std::string where = f.file;
    if (f.line > 0) where += ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    out += where + ": " + severity + " [" + f.rule + "] " + f.message + "\n";
  };
  for (const auto& f : r.errors) line(f, "error");
  for (const auto& f : r.warnings) line(f, "warning");
  out += std::string(r.valid(strict) ? "valid" : "invalid") + ": " + std::to_string(r.errors.size()) + " error(s), " +
         std::to_string(r.warnings.size()) + " warning(s)";
  if (strict && !r.warnings.empty()) out += " (--strict: warnings count)";
  return out;
}

std::string to_json(const Report& r, bool strict) {
  auto list = [](const std::vector<Finding>& fs) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& f : fs)
      a.push_back({{"path", f.path},
                   {"file", f.file},
                   {"line", f.line},
                   {"column", f.column},
                   {"rule", f.rule},
                   {"message", f.message}});
    return a;
  };
  nlohmann::json j{{"valid", r.valid(strict)}, {"errors", list(r.errors)}, {"warnings", list(r.warnings)}};
  // Messages quote the input, which may hold bytes that are not UTF-8: they
  // become U+FFFD, so the output is always valid JSON.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

Report error_report(const std::string& message, const std::optional<SourceLocation>& where) {
  Report r;
  Finding f{"input", "", message, where ? where->file : "", where ? where->line : 0, where ? where->column : 0};
  r.errors.push_back(std::move(f));
  return r;
}

}  // namespace kratix::validate
