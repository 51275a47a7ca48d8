#include "promise/init_crossplane.hpp"

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "promise/api_crd.hpp"
#include "promise/example.hpp"
#include "promise/names.hpp"
#include "promise/pipelines.hpp"
#include "promise/read.hpp"
#include "promise/scaffold.hpp"
#include "util/shell_words.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

std::string str(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

// Every document of a file, unchanged (kratix-cli adds no namespace here).
void add_documents(const std::filesystem::path& file, const char* flag, YAML::Node& deps) {
  if (!std::filesystem::is_regular_file(file))
    throw Error(std::string(flag) + " " + file.string() + ": no such file; pass the path of a YAML file");
  for (const auto& doc : parse_yaml_documents(fs::read_file(file), file.string())) {
    if (doc && !doc.IsNull()) deps.push_back(doc);
  }
}

}  // namespace

InitResult init_crossplane_promise(const InitCrossplaneOptions& o,
                                   const std::function<void(const std::string&)>& warn) {
  const ApiNames& api = o.promise.api;
  validate_promise_names(
      {o.promise.name, api.group, api.kind, api.version.empty() ? "v1" : api.version, api.plural_or_default()});
  if (!std::filesystem::is_regular_file(o.xrd))
    throw Error("--xrd " + o.xrd.string() + ": no such file; pass the path of the CompositeResourceDefinition");
  std::string xrd_text = fs::read_file(o.xrd);
  YAML::Node xrd = parse_yaml(xrd_text, o.xrd.string());
  if (!xrd.IsMap() || str(xrd["kind"]) != "CompositeResourceDefinition")
    throw Error(SourceLocation{o.xrd.string(), 1, 1},
                "is not a Crossplane CompositeResourceDefinition (kind: CompositeResourceDefinition); pass the XRD");
  YAML::Node versions = xrd["spec"]["versions"];
  YAML::Node served;
  bool found = false;
  if (versions && versions.IsSequence()) {
    for (const auto& v : versions) {
      if (v["served"] && v["served"].as<bool>(false)) {
        served.reset(v);
        found = true;
        break;
      }
    }
  }
  if (!found)
    throw Error(SourceLocation{o.xrd.string(), 1, 1}, "has no served version in spec.versions; mark one served: true");
  const std::string xrd_version = str(served["name"]);
  YAML::Node source_schema = served["schema"]["openAPIV3Schema"];
  if (!source_schema || !source_schema.IsMap())
    throw Error(SourceLocation{o.xrd.string(), served.Mark().line + 1, served.Mark().column + 1},
                "version " + xrd_version + " has no schema.openAPIV3Schema; give the XRD a schema");
  const std::string version = api.version.empty() ? xrd_version : api.version;
  if (auto why = check_api_version(version)) {
    if (api.version.empty())
      throw UsageError("the XRD's served version '" + version + "' is not a valid API version name (" + *why +
                       "); choose one with --version, e.g. --version v1");
    throw UsageError("--version '" + version + "' is not valid: " + *why);
  }

  YAML::Node schema = YAML::Clone(source_schema);
  if (!schema["type"]) schema["type"] = "object";
  if (!schema["properties"] || !schema["properties"].IsMap()) schema["properties"] = YAML::Load("{}");
  YAML::Node spec = schema["properties"]["spec"];
  if (!spec || !spec.IsMap()) {
    schema["properties"]["spec"] = YAML::Load("{}");
    spec = schema["properties"]["spec"];
  }
  if (spec["properties"] && spec["properties"].IsNull()) spec.remove("properties");
  // A structural schema needs a type; an XRD without one means an object.
  if (!spec["type"]) spec["type"] = "object";
  // Like kratix-cli: spec defaults to the defaults of its required fields (or {}
  // when none is required); a required field without a default leaves it out.
  YAML::Node spec_default = YAML::Load("{}");
  bool all_defaulted = true;
  if (spec["required"] && spec["required"].IsSequence()) {
    for (const auto& field : spec["required"]) {
      YAML::Node prop = spec["properties"][str(field)];
      if (prop && prop["default"]) {
        spec_default[str(field)] = YAML::Clone(prop["default"]);
      } else {
        all_defaulted = false;
        warn("required field \"" + str(field) +
             "\" has no default value; a top-level required field of a Promise "
             "API needs a default for the spec default to be valid. Add one with a default: in the schema.");
      }
    }
  }
  if (all_defaulted && !spec["default"]) spec["default"] = spec_default;

  ApiNames named = api;
  named.version = version;
  const YAML::Node crd = api_crd(named, schema);

  YAML::Node deps(YAML::NodeType::Sequence);
  if (!o.skip_dependencies) {
    if (o.functions) add_documents(*o.functions, "--functions", deps);
    if (o.compositions) add_documents(*o.compositions, "--compositions", deps);
    deps.push_back(xrd);
  }

  std::string xrd_kind = str(xrd["spec"]["claimNames"]["kind"]);
  if (xrd_kind.empty()) xrd_kind = str(xrd["spec"]["names"]["kind"]);

  PromiseScaffold s;
  s.name = o.promise.name;
  s.api = api;
  s.api.version = version;
  s.api_yaml = yamledit::emit_yaml(crd);
  if (deps.size() > 0) s.dependencies_yaml = yamledit::emit_yaml(deps);
  s.destination_selectors_yaml = "- matchLabels:\n    crossplane: enabled\n";
  s.resource_configure_yaml = single_container_workflow(
      "instance-configure", kCrossplaneContainerName, kCrossplaneContainerImage,
      {{"XRD_GROUP", str(xrd["spec"]["group"])}, {"XRD_VERSION", xrd_version}, {"XRD_KIND", xrd_kind}});
  s.example_spec_yaml = example_spec(spec);
  s.example_name = "example-request";  // as kratix-cli names it
  s.example_namespace = "default";
  std::vector<std::string> extra{"--xrd " + util::shell_quote(o.xrd.string())};
  if (o.functions) extra.push_back("--functions " + util::shell_quote(o.functions->string()));
  if (o.compositions) extra.push_back("--compositions " + util::shell_quote(o.compositions->string()));
  if (o.skip_dependencies) extra.push_back("--skip-dependencies");
  s.command = replay_command("crossplane-promise", o.promise, extra);
  s.readme_notes = "Requests for this API become `" + xrd_kind + "` objects (" + str(xrd["spec"]["group"]) + "/" +
                   xrd_version + ") through the `" + kCrossplaneContainerName +
                   "` container of the `instance-configure` pipeline. The Promise schedules to destinations "
                   "labelled `crossplane=enabled`: label the clusters that run Crossplane.";
  if (o.promise.split) warn(split_selectors_warning("crossplane=enabled"));
  return write_generated_promise(s, o.promise, "Crossplane Promise generated successfully.");
}

}  // namespace kratix::promise
