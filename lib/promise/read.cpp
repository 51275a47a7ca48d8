#include "promise/read.hpp"

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "util/nesting.hpp"
#include "util/yaml_load.hpp"
#include "util/yaml_path.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

std::vector<YAML::Node> parse_yaml_documents(const std::string& text, const std::string& file) {
  std::vector<YAML::Node> docs;
  try {
    docs = util::load_all(text, file);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own bound (500), past ours
    throw util::nesting_error({file, e.mark.line + 1, e.mark.column + 1});
  } catch (const YAML::ParserException& e) {
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1},
                "invalid YAML: " + e.msg + "; fix the file and run the command again");
  }
  // What reads these trees walks them recursively: bound their depth and size first.
  for (const auto& d : docs) util::check_yaml_nesting(d, file);
  return docs;
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
  std::size_t i = 0;
  for (const auto& p : list) {
    if (!p.IsMap())
      throw Error(where(file, p), "item " + std::to_string(i) + " of the " + lifecycle + "/" + action +
                                      " workflow is not a Pipeline (a mapping with metadata and spec); fix it, or "
                                      "add pipelines with 'kratix add container'");
    ++i;
    auto text = [](const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); };
    PipelineInfo info;
    info.ref = {lifecycle, action, text(util::at_path(p, {"metadata", "name"}))};
    YAML::Node containers = util::at_path(p, {"spec", "containers"});
    if (containers && containers.IsSequence()) {
      for (const auto& c : containers) {
        if (!c.IsMap())
          throw Error(where(file, c), "a container of pipeline " + info.ref.to_string() +
                                          " is not a mapping with name and image; fix it");
        info.containers.push_back({text(c["name"]), text(c["image"])});
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
    YAML::Node workflows = util::at_path(promise, {"spec", "workflows"});
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
