#include "validate/validate.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "names/kubernetes.hpp"
#include "promise/build.hpp"
#include "promise/layout.hpp"
#include "promise/read.hpp"
#include "schema/check_value.hpp"
#include "validate/crd_check.hpp"
#include "validate/large_lists.hpp"
#include "validate/promise_schema.hpp"
#include "validate/workflow_check.hpp"
#include "validate/yaml_read.hpp"

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

const YAML::Node* find_version(const YAML::Node& crd, const std::string& version, YAML::Node& out) {
  YAML::Node versions = child_of(child_of(crd, "spec"), "versions");
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
    docs = read_documents(fs::read_file(file), file.string());
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
  std::string group = text(child_of(crd, "spec")["group"]),
              kind = text(child_of(child_of(crd, "spec"), "names")["kind"]);
  for (const auto& r : docs) {
    if (!r || r.IsNull()) continue;
    if (!r.IsMap()) {
      sink.add("resource.type", r, "", "a request must be a mapping (apiVersion, kind, metadata, spec)");
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
    std::string request_name = text(child_of(r, "metadata")["name"]);
    if (request_name.empty())
      sink.add("resource.name", r["metadata"] ? r["metadata"] : r, "metadata.name", "a request needs metadata.name");
    else if (auto why = names::check_dns1123_subdomain(request_name))
      sink.add("resource.name", child_of(r, "metadata")["name"], "metadata.name",
               "request name '" + request_name + "' is not valid: " + *why);
    else if (request_name.size() > 63)
      sink.add("resource.name", child_of(r, "metadata")["name"], "metadata.name",
               "request name '" + request_name + "' is " + std::to_string(request_name.size()) +
                   " characters; Kratix allows 63");
    schema::check_value(r, child_of(child_of(v, "schema"), "openAPIV3Schema"), "", sink, true);
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
  std::optional<std::vector<DependencyItem>> large_dependencies;
  std::string built_name = o.name;
  if (split) {
    if (built_name.empty()) {
      std::string base = stdfs::absolute(o.dir).lexically_normal().filename().string();
      if (base.empty()) base = stdfs::absolute(o.dir).lexically_normal().parent_path().filename().string();
      built_name = names::check_dns1123_label(base) ? "promise" : base;
    }
    promise_text = promise::build_promise({built_name, o.dir, std::nullopt}, &segments);
  } else {
    promise_text = fs::read_file(main);
    large_dependencies = take_out_dependencies(promise_text, main.string());
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
    promise = read_document(promise_text, main.string());
  } catch (const Error& e) {
    report.errors.push_back({"yaml.syntax", "", e.what(), main.string(), e.where() ? e.where()->line : 0,
                             e.where() ? e.where()->column : 0});
    return report;
  }
  // yaml-cpp throws (with marks of its own) when a check reads a value of a
  // shape it did not expect; that is a finding at the value, not a crash.
  try {
    Collector c{report, locate};
    if (!promise.IsMap()) {
      c.errors().add("promise.type", promise, "",
                     "the file holds " +
                         std::string(!promise || promise.IsNull() ? "nothing"
                                     : promise.IsSequence()       ? "a list"
                                                                  : "a plain value") +
                         ", not a Promise (a mapping with apiVersion, kind, metadata and spec); run 'kratix init "
                         "promise' to see the shape");
      return report;
    }
    c.renamed("schema.", "promise.", [&](const Sink& s) { schema::check_value(promise, promise_schema(), "", s); });
    YAML::Node spec = child_of(promise, "spec");
    YAML::Node api = child_of(spec, "api");
    if (api && api.IsMap() && api.size() == 0) {
      c.errors().add("crd.missing", api, "spec.api",
                     "spec.api is empty; Kratix needs a whole CustomResourceDefinition there (apiVersion, kind, "
                     "metadata, spec), or no spec.api at all for a Promise without an API");
    } else if (api && api.IsMap()) {
      c.renamed("", "", [&](const Sink& s) { check_crd(api, "spec.api", s, c.warnings()); });
    }
    std::string name = split ? built_name : text(child_of(promise, "metadata")["name"]);
    check_workflows(promise, name, o.dir, stdfs::is_directory(o.dir / "workflows"), c.errors(), c.warnings());
    if (large_dependencies) {
      for (size_t i = 0; i < large_dependencies->size(); ++i) {
        const DependencyItem& d = (*large_dependencies)[i];
        Finding f{"", item_path("spec.dependencies", i), "", main.string(), d.line, d.column};
        if (!d.object) {
          f.rule = d.null ? "promise.nullable" : "promise.type";
          f.message = f.path + " is " + (d.null ? "null" : "not an object") + ", the API expects an object";
          report.errors.push_back(f);
        } else if (d.namespace_.empty() && !is_cluster_scoped(d.kind)) {
          f.rule = "warn.dependency-namespace";
          f.message = d.kind + " " + d.name +
                      " has no namespace; it lands wherever the destination puts it (set metadata.namespace)";
          report.warnings.push_back(f);
        }
      }
    } else if (YAML::Node deps = child_of(spec, "dependencies"); deps && deps.IsSequence()) {
      Sink warn = c.warnings();
      for (size_t i = 0; i < deps.size(); ++i) {
        YAML::Node d = deps[i];
        if (!d.IsMap()) continue;
        if (text(child_of(child_of(d, "metadata"), "namespace")).empty() && !is_cluster_scoped(text(d["kind"])))
          warn.add("warn.dependency-namespace", d, item_path("spec.dependencies", i),
                   text(d["kind"]) + " " + text(child_of(child_of(d, "metadata"), "name")) +
                       " has no namespace; it lands wherever the destination puts it (set metadata.namespace)");
      }
    }
    YAML::Node api_versions = child_of(child_of(api, "spec"), "versions");
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
