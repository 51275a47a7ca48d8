#include "promise/init_operator.hpp"

#include "core/error.hpp"
#include "promise/example.hpp"
#include "promise/manifests.hpp"
#include "promise/names.hpp"
#include "promise/pipelines.hpp"
#include "promise/scaffold.hpp"
#include "util/shell_words.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

std::string str(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

}  // namespace

InitResult init_operator_promise(const InitOperatorOptions& o) {
  const ApiNames& api = o.promise.api;
  validate_promise_names(
      {o.promise.name, api.group, api.kind, api.version.empty() ? "v1" : api.version, api.plural_or_default()});
  std::vector<Manifest> manifests = load_manifests(o.manifests);
  YAML::Node crd;
  bool have_crd = false;
  std::string found;
  for (auto& m : manifests) {
    default_namespace(m.object);
    if (str(m.object["kind"]) != "CustomResourceDefinition") continue;
    std::string name = str(m.object["metadata"]["name"]);
    if (name == o.api_schema_from && !have_crd) {
      crd.reset(m.object);
      have_crd = true;
    }
    found += (found.empty() ? "" : ", ") + name;
  }
  if (!have_crd) {
    throw Error("no CRD named '" + o.api_schema_from + "' in " + o.manifests.string() + "; " +
                (found.empty() ? "it holds no CustomResourceDefinition" : "the CRDs found are: " + found));
  }
  YAML::Node versions = crd["spec"]["versions"];
  if (!versions || !versions.IsSequence() || versions.size() == 0)
    throw Error("CRD '" + o.api_schema_from + "' has no spec.versions; it cannot be the Promise's API");
  size_t stored = 0;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i]["storage"] && versions[i]["storage"].as<bool>(false)) {
      stored = i;
      break;
    }
  }
  const std::string operator_group = str(crd["spec"]["group"]);
  const std::string operator_version = str(versions[stored]["name"]);
  const std::string operator_kind = str(crd["spec"]["names"]["kind"]);
  const std::string version = api.version.empty() ? operator_version : api.version;
  if (auto why = check_api_version(version)) {
    if (api.version.empty())
      throw UsageError("the operator CRD's storage version '" + version + "' is not a valid API version name (" + *why +
                       "); choose one with --version, e.g. --version v1");
    throw UsageError("--version '" + version + "' is not valid: " + *why);
  }

  YAML::Node out = YAML::Clone(crd);
  YAML::Node v = YAML::Clone(versions[stored]);
  v["name"] = yamledit::string_node(version);
  v["served"] = true;
  v["storage"] = true;
  YAML::Node props = v["schema"]["openAPIV3Schema"]["properties"];
  if (!props || !props.IsMap())
    throw Error("CRD '" + o.api_schema_from + "' version " + operator_version +
                " has no schema.openAPIV3Schema.properties; it cannot be the Promise's API");
  YAML::Node kind_prop;
  kind_prop["type"] = "string";
  kind_prop["enum"].push_back(yamledit::string_node(api.kind));
  props["kind"] = kind_prop;
  YAML::Node api_version_prop;
  api_version_prop["type"] = "string";
  api_version_prop["enum"].push_back(yamledit::string_node(api.group + "/" + version));
  props["apiVersion"] = api_version_prop;
  out["metadata"]["name"] = yamledit::string_node(api.crd_name());
  out["spec"]["group"] = yamledit::string_node(api.group);
  YAML::Node names;
  names["kind"] = yamledit::string_node(api.kind);
  names["plural"] = yamledit::string_node(api.plural_or_default());
  names["singular"] = yamledit::string_node(api.singular());
  out["spec"]["names"] = names;
  YAML::Node only;
  only.push_back(v);
  out["spec"]["versions"] = only;

  YAML::Node deps(YAML::NodeType::Sequence);
  for (const auto& m : manifests) deps.push_back(m.object);

  PromiseScaffold s;
  s.name = o.promise.name;
  s.api = api;
  s.api.version = version;
  s.api_yaml = yamledit::emit_yaml(out);
  s.dependencies_yaml = yamledit::emit_yaml(deps);
  s.resource_configure_yaml = single_container_workflow(
      "instance-configure", kOperatorContainerName, kOperatorContainerImage,
      {{"OPERATOR_GROUP", operator_group}, {"OPERATOR_VERSION", operator_version}, {"OPERATOR_KIND", operator_kind}});
  s.example_spec_yaml = example_spec(v["schema"]["openAPIV3Schema"]["properties"]["spec"]);
  // Named as kratix-cli names it (it writes example-database for its Database example).
  s.example_name = "example-" + s.api.singular();
  s.example_namespace = "default";
  InitPromiseOptions replay = o.promise;
  s.command = replay_command("operator-promise", replay,
                             {"--operator-manifests " + util::shell_quote(o.manifests.string()),
                              "--api-schema-from " + util::shell_quote(o.api_schema_from)});
  s.readme_notes =
      "The operator's manifests are the Promise's dependencies, installed on every destination. "
      "Each request for this API becomes a `" +
      operator_kind + "` (" + operator_group + "/" + operator_version + ") through the `" + kOperatorContainerName +
      "` container of the `instance-configure` pipeline.";
  InitResult r;
  r.files = write_new_promise(s, {o.promise.dir, o.promise.split ? Layout::Split : Layout::Flat, o.promise.force});
  r.message =
      "Promise generated successfully.\n"
      "The Operator documents were added as inline dependencies in the Promise Spec.\n"
      "You can move them to a workflow by running:\n"
      "\tkratix update dependencies " +
      util::shell_quote(o.manifests.string()) + " --image yourorg/your-image:tag";
  return r;
}

}  // namespace kratix::promise
