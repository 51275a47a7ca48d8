#include "promise/remove_container.hpp"

#include "core/error.hpp"
#include "promise/promise_dir.hpp"
#include "promise/workflow_ref.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

std::optional<size_t> index_named(const YAML::Node& list, const char* outer, const std::string& name) {
  for (size_t i = 0; list.IsSequence() && i < list.size(); ++i) {
    YAML::Node n = outer ? list[i][outer]["name"] : list[i]["name"];
    if (n && n.IsScalar() && n.Scalar() == name) return i;
  }
  return std::nullopt;
}

}  // namespace

UpdateResult remove_container(const RemoveContainerOptions& o) {
  WorkflowRef ref = parse_workflow_ref(o.workflow);
  if (o.name.empty()) throw UsageError("--name is required: the container to remove");
  PromiseDir dir = PromiseDir::open(o.dir);
  yamledit::Path base;
  yamledit::Document& d = dir.workflow(ref.lifecycle, ref.action, base);
  YAML::Node pipelines = d.has(base) ? d.value(base) : YAML::Node(YAML::NodeType::Sequence);
  auto pipeline = index_named(pipelines, "metadata", ref.pipeline);
  if (!pipeline)
    throw Error(d.location(base), "there is no pipeline " + ref.pipeline + " in the " + ref.lifecycle + "/" +
                                      ref.action + " workflow; check the name with 'kratix validate'");
  yamledit::Path containers = base;
  containers.insert(containers.end(), {*pipeline, "spec", "containers"});
  YAML::Node list = d.has(containers) ? d.value(containers) : YAML::Node(YAML::NodeType::Sequence);
  auto container = index_named(list, nullptr, o.name);
  if (!container) {
    std::string names;
    for (const auto& c : list) names += (names.empty() ? "" : ", ") + c["name"].as<std::string>("?");
    throw Error(d.location(containers), "pipeline " + ref.to_string() + " has no container '" + o.name + "'" +
                                            (names.empty() ? "" : "; it has " + names));
  }
  // A pipeline needs a container: the last one takes its pipeline along.
  yamledit::Path goes = containers;
  goes.push_back(*container);
  if (list.size() == 1)
    goes.assign(containers.begin(), containers.begin() + static_cast<std::ptrdiff_t>(base.size()) + 1);
  d.remove(goes);
  UpdateResult r;
  r.files = dir.save();
  stdfs::path file =
      dir.layout() == Layout::Split ? o.dir / workflow_file(ref.lifecycle, ref.action) : o.dir / kPromiseFile;
  r.messages.push_back("removed the container " + o.name + " from " + ref.to_string() + " in " + file.string() +
                       (list.size() == 1 ? " (and the pipeline, which had no other)" : ""));
  stdfs::path home = o.dir / "workflows" / ref.lifecycle / ref.action / ref.pipeline / o.name;
  if (stdfs::exists(home)) r.messages.push_back("Its files in " + home.string() + " are left as they are");
  return r;
}

}  // namespace kratix::promise
