#include "promise/add_container.hpp"

#include "core/error.hpp"
#include "names/kubernetes.hpp"
#include "promise/promise_dir.hpp"
#include "scaffold/embedded.hpp"
#include "scaffold/render.hpp"
#include "util/yaml_path.hpp"
#include "yamledit/emit.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

namespace {

const char* extension_of(const std::string& language) {
  if (language == "bash") return "sh";
  if (language == "go") return "go";
  if (language == "python") return "py";
  throw UsageError("invalid language '" + language + "'; use bash, go or python");
}

}  // namespace

void add_container_to(PromiseDir& dir, const WorkflowRef& ref, const std::string& name, const std::string& image,
                      const std::string& language, bool replace, fs::Transaction& tx) {
  const char* ext = extension_of(language);
  yamledit::Path base;
  yamledit::Document& d = dir.workflow(ref.lifecycle, ref.action, base);
  YAML::Node pipelines = d.has(base) ? d.value(base) : YAML::Node(YAML::NodeType::Sequence);
  if (!pipelines.IsNull() && !pipelines.IsSequence())
    throw Error(d.location(base), "the " + ref.lifecycle + "/" + ref.action +
                                      " workflow is not a list of Pipelines; make it a YAML list");
  YAML::Node container(YAML::NodeType::Map);
  container["name"] = yamledit::string_node(name);
  container["image"] = yamledit::string_node(image);
  std::optional<size_t> index;
  for (size_t i = 0; pipelines.IsSequence() && i < pipelines.size(); ++i) {
    if (!pipelines[i].IsMap()) {
      yamledit::Path item = base;
      item.emplace_back(i);
      throw Error(d.location(item), "item " + std::to_string(i) + " of the " + ref.lifecycle + "/" + ref.action +
                                        " workflow is not a Pipeline (a mapping with metadata and spec); fix it");
    }
    YAML::Node n = util::at_path(pipelines[i], {"metadata", "name"});
    if (n && n.IsScalar() && n.Scalar() == ref.pipeline) index = i;
  }
  if (!index) {
    YAML::Node p(YAML::NodeType::Map);
    p["apiVersion"] = "platform.kratix.io/v1alpha1";
    p["kind"] = "Pipeline";
    p["metadata"]["name"] = yamledit::string_node(ref.pipeline);
    p["spec"]["containers"].push_back(container);
    d.append(base, p);
  } else {
    yamledit::Path containers = base;
    containers.insert(containers.end(), {*index, "spec", "containers"});
    YAML::Node existing = d.has(containers) ? d.value(containers) : YAML::Node(YAML::NodeType::Sequence);
    std::optional<size_t> at;
    for (size_t i = 0; existing.IsSequence() && i < existing.size(); ++i) {
      const YAML::Node n = util::at_path(existing[i], {"name"});
      if (n && n.IsScalar() && n.Scalar() == name) at = i;
    }
    if (at && !replace) {
      throw Error(d.location(containers), "container '" + name + "' already exists in pipeline " + ref.to_string() +
                                              "; choose another --name, or edit the existing one");
    }
    if (at) {
      yamledit::Path img = containers;
      img.insert(img.end(), {*at, "image"});
      d.set(img, yamledit::string_node(image));
    } else {
      d.append(containers, container);
    }
  }
  stdfs::path home = dir.dir() / "workflows" / ref.lifecycle / ref.action / ref.pipeline / name;
  scaffold::Values v{{"container", name},
                     {"pipeline", ref.pipeline},
                     {"lifecycle", ref.lifecycle},
                     {"action", ref.action},
                     {"object", ref.lifecycle == "promise" ? "Promise" : "resource request"}};
  auto add = [&](const stdfs::path& rel, const std::string& tmpl, std::optional<stdfs::perms> mode) {
    if (!stdfs::exists(home / rel)) tx.write(home / rel, scaffold::render(tmpl, scaffold::file(tmpl), v), mode);
  };
  std::string lang_dir = "workflows/" + language + "/";
  add("Dockerfile", lang_dir + "Dockerfile", std::nullopt);
  add(stdfs::path("scripts") / (std::string("pipeline.") + ext), lang_dir + "pipeline." + ext,
      language == "bash" ? std::optional<stdfs::perms>(stdfs::perms(0755)) : std::nullopt);
  tx.make_directory(home / "resources");
}

UpdateResult add_container(const AddContainerOptions& o) {
  WorkflowRef ref = parse_workflow_ref(o.workflow);
  if (o.image.empty()) throw UsageError("--image is required: the image this container runs");
  std::string name = o.name.empty() ? default_container_name(o.image) : o.name;
  if (auto why = names::check_dns1123_label(name))
    throw UsageError("container name '" + name + "' is not valid: " + *why + "; choose one with --name");
  const char* ext = extension_of(o.language);
  PromiseDir dir = PromiseDir::open(o.dir);
  fs::Transaction tx;
  add_container_to(dir, ref, name, o.image, o.language, false, tx);
  UpdateResult r;
  r.files = dir.save(std::move(tx));
  stdfs::path file =
      dir.layout() == Layout::Split ? o.dir / workflow_file(ref.lifecycle, ref.action) : o.dir / kPromiseFile;
  std::string script = "workflows/" + ref.to_string() + "/" + name + "/scripts/pipeline." + ext;
  r.messages.push_back("generated the " + ref.to_string() + "/" + name + " in " + file.string());
  r.messages.push_back("Customise your container by editing " + script);
  if (o.language == "go")
    r.messages.push_back(
        "For go containers, run 'go mod init' and 'go mod tidy' in its scripts/ to manage dependencies");
  r.messages.push_back("Build it with: kratix build container " + ref.to_string() + " --name " + name);
  return r;
}

}  // namespace kratix::promise
