#include "promise/read.hpp"

#include "core/error.hpp"
#include "fs/atomic_write.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

std::vector<YAML::Node> parse_yaml_documents(const std::string& text, const std::string& file) {
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1},
                "invalid YAML: " + e.msg + "; fix the file and run the command again");
  }
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  auto docs = parse_yaml_documents(text, file);
  if (docs.empty()) return YAML::Node();
  if (docs.size() > 1)
    throw Error(SourceLocation{file, 0, 0}, "holds " + std::to_string(docs.size()) +
                                                " YAML documents where one is expected; keep one document in it");
  return docs.front();
}

YAML::Node load_yaml_file(const stdfs::path& path) { return parse_yaml(fs::read_file(path), path.string()); }

stdfs::path require_promise_files(const stdfs::path& dir) {
  if (!stdfs::is_directory(dir))
    throw Error("the Promise directory " + dir.string() + " does not exist; pass the right --dir");
  if (detect_layout(dir) == Layout::Split) return dir / kApiFile;
  if (stdfs::exists(dir / kPromiseFile)) return dir / kPromiseFile;
  throw Error("no promise.yaml or api.yaml in " + dir.string() +
              "; run 'kratix init promise' first or pass the right --dir");
}

namespace {

SourceLocation where(const stdfs::path& file, const YAML::Node& node) {
  return {file.string(), node.Mark().line + 1, node.Mark().column + 1};
}

void collect(const stdfs::path& file, const YAML::Node& list, const std::string& lifecycle, const std::string& action,
             std::vector<PipelineInfo>& out) {
  if (!list || list.IsNull()) return;
  if (!list.IsSequence())
    throw Error(where(file, list),
                "the " + lifecycle + "/" + action + " workflow is not a list of Pipelines; make it a YAML list");
  for (const auto& p : list) {
    PipelineInfo info;
    info.ref = {lifecycle, action, p["metadata"]["name"] ? p["metadata"]["name"].as<std::string>("") : ""};
    YAML::Node containers = p["spec"]["containers"];
    if (containers && containers.IsSequence()) {
      for (const auto& c : containers) {
        info.containers.push_back(
            {c["name"] ? c["name"].as<std::string>("") : "", c["image"] ? c["image"].as<std::string>("") : ""});
      }
    }
    out.push_back(std::move(info));
  }
}

}  // namespace

std::vector<PipelineInfo> load_pipelines(const stdfs::path& dir) {
  stdfs::path main = require_promise_files(dir);
  std::vector<PipelineInfo> out;
  const char* lifecycles[] = {"promise", "resource"};
  const char* actions[] = {"configure", "delete"};
  if (main.filename() == kPromiseFile) {
    YAML::Node promise = load_yaml_file(main);
    YAML::Node workflows = promise["spec"]["workflows"];
    for (const char* l : lifecycles) {
      for (const char* a : actions) {
        if (workflows && workflows.IsMap() && workflows[l] && workflows[l].IsMap())
          collect(main, workflows[l][a], l, a, out);
      }
    }
    return out;
  }
  for (const char* l : lifecycles) {
    for (const char* a : actions) {
      stdfs::path file = dir / workflow_file(l, a);
      if (stdfs::exists(file)) collect(file, load_yaml_file(file), l, a, out);
    }
  }
  return out;
}

}  // namespace kratix::promise
