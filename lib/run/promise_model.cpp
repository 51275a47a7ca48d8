#include "run/promise_model.hpp"

#include "fs/atomic_write.hpp"
#include "promise/build.hpp"
#include "promise/layout.hpp"
#include "promise/names.hpp"
#include "promise/read.hpp"
#include "run/errors.hpp"

namespace stdfs = std::filesystem;

namespace kratix::run {

namespace {

SourceLocation at(const std::string& file, const YAML::Node& n) {
  if (!n || n.Mark().is_null()) return {file, 0, 0};
  return {file, n.Mark().line + 1, n.Mark().column + 1};
}

std::string scalar_or_empty(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

ApiInfo read_api(const YAML::Node& crd) {
  ApiInfo api;
  if (!crd || !crd.IsMap() || !crd["spec"] || !crd["spec"].IsMap()) return api;
  YAML::Node spec = crd["spec"];
  api.present = true;
  api.group = scalar_or_empty(spec["group"]);
  api.kind = scalar_or_empty(spec["names"]["kind"]);
  api.plural = scalar_or_empty(spec["names"]["plural"]);
  // Kratix's ForResource: cluster scoped only when the CRD says Cluster.
  api.cluster_scoped = scalar_or_empty(spec["scope"]) == "Cluster";
  if (spec["versions"] && spec["versions"].IsSequence()) {
    for (const auto& v : spec["versions"]) {
      if (scalar_or_empty(v["served"]) != "false") api.versions.push_back(scalar_or_empty(v["name"]));
    }
  }
  return api;
}

}  // namespace

PromiseModel PromiseModel::load(const stdfs::path& dir, const std::string& split_name) {
  return as_input_error([&] {
    PromiseModel m;
    m.dir_ = dir;
    stdfs::path main = promise::require_promise_files(dir);
    const bool split = promise::detect_layout(dir) == promise::Layout::Split;
    YAML::Node promise;
    if (split) {
      std::string name = split_name;
      if (name.empty()) {
        stdfs::path abs = stdfs::absolute(dir).lexically_normal();
        name = abs.filename().empty() ? abs.parent_path().filename().string() : abs.filename().string();
        if (promise::check_dns1123_label(name)) name = "promise";
      }
      std::string text = promise::build_promise({name, dir, std::nullopt});
      promise = promise::parse_yaml(text, (dir / "(built Promise)").string());
      m.api_ = read_api(promise::load_yaml_file(dir / promise::kApiFile));
      for (const char* l : {"promise", "resource"}) {
        for (const char* a : {"configure", "delete"}) {
          stdfs::path file = dir / promise::workflow_file(l, a);
          if (stdfs::exists(file))
            m.workflows_[std::string(l) + "/" + a] = {promise::load_yaml_file(file), file.string()};
        }
      }
    } else {
      promise = promise::load_yaml_file(main);
      if (!promise.IsMap())
        refuse({main.string(), 1, 1}, "is not a Promise; run 'kratix init promise' or fix the file");
      m.api_ = read_api(promise["spec"]["api"]);
      YAML::Node workflows = promise["spec"]["workflows"];
      for (const char* l : {"promise", "resource"}) {
        for (const char* a : {"configure", "delete"}) {
          if (workflows && workflows.IsMap() && workflows[l] && workflows[l].IsMap() && workflows[l][a])
            m.workflows_[std::string(l) + "/" + a] = {workflows[l][a], main.string()};
        }
      }
      YAML::Node selectors = promise["spec"]["destinationSelectors"];
      if (selectors && selectors.IsSequence()) {
        for (const auto& s : selectors) {
          std::map<std::string, std::string> labels;
          YAML::Node ml = s["matchLabels"];
          if (ml && ml.IsMap()) {
            for (const auto& kv : ml) {
              if (!kv.second.IsScalar())
                refuse(at(main.string(), kv.second), "spec.destinationSelectors matchLabels values must be strings");
              labels[kv.first.Scalar()] = kv.second.Scalar();
            }
          }
          m.selectors_.push_back(std::move(labels));
        }
      }
    }
    m.object_ = to_json(promise);
    m.name_ = m.object_["metadata"].is_object() && m.object_["metadata"]["name"].is_string()
                  ? m.object_["metadata"]["name"].get<std::string>()
                  : "";
    if (m.name_.empty()) refuse({main.string(), 1, 1}, "the Promise has no metadata.name; give it one");
    return m;
  });
}

std::vector<PipelineSpec> PromiseModel::pipelines(const std::string& lifecycle, const std::string& action) const {
  auto it = workflows_.find(lifecycle + "/" + action);
  if (it == workflows_.end() || !it->second.list || it->second.list.IsNull()) return {};
  const Workflow& w = it->second;
  if (!w.list.IsSequence())
    refuse(at(w.file, w.list),
           "the " + lifecycle + "/" + action + " workflow is not a list of Pipelines; make it a YAML list");
  std::vector<PipelineSpec> out;
  for (const auto& p : w.list) {
    PipelineSpec spec = parse_pipeline(p, w.file);
    for (const auto& other : out) {
      if (other.name == spec.name)
        refuse(spec.where, "duplicate pipeline name '" + spec.name + "' in " + lifecycle + "/" + action +
                               "; Kratix refuses the Promise. Rename one");
    }
    out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace kratix::run
