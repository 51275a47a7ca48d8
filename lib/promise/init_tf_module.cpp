#include "promise/init_tf_module.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "module/source.hpp"
#include "promise/api_crd.hpp"
#include "promise/example.hpp"
#include "promise/names.hpp"
#include "promise/pipelines.hpp"
#include "promise/scaffold.hpp"
#include "scaffold/embedded.hpp"
#include "scaffold/render.hpp"
#include "tf/spec_schema.hpp"
#include "tf/variables.hpp"
#include "util/shell_words.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

constexpr const char* kDependenciesPipeline = "dependencies";
constexpr const char* kDependenciesContainer = "add-tf-dependencies";

// The provider files to install with the Promise: those asked for, or the
// module's versions.tf and providers.tf.
std::vector<std::string> provider_files(const InitTfModuleOptions& o, const module::ModuleFiles& m) {
  std::vector<std::string> out;
  if (!o.module_providers.empty()) {
    for (const auto& name : o.module_providers) {
      if (m.files.count(name) == 0)
        throw Error("--module-providers " + name + ": the module " + m.label +
                    " has no such file; name files of the module's directory (e.g. versions.tf)");
      out.push_back(name);
    }
    return out;
  }
  for (const char* name : {"versions.tf", "providers.tf"})
    if (m.files.count(name) != 0) out.emplace_back(name);
  return out;
}

std::vector<PromiseScaffold::ExtraFile> dependency_container(const std::vector<std::string>& files,
                                                             const module::ModuleFiles& m) {
  const std::string home =
      std::string("workflows/promise/configure/") + kDependenciesPipeline + "/" + kDependenciesContainer + "/";
  scaffold::Values v{{"container", kDependenciesContainer},
                     {"pipeline", kDependenciesPipeline},
                     {"lifecycle", "promise"},
                     {"action", "configure"},
                     {"object", "Promise"}};
  std::vector<PromiseScaffold::ExtraFile> out;
  const std::string dockerfile = "workflows/bash/Dockerfile";
  out.push_back({home + "Dockerfile", scaffold::render(dockerfile, scaffold::file(dockerfile), v), false});
  out.push_back({home + "scripts/pipeline.sh",
                 "#!/usr/bin/env sh\n"
                 "# Installs the Terraform module's provider configuration with the Promise:\n"
                 "# every file of resources/ goes to the destinations.\n"
                 "set -eu\n\n"
                 "cp /resources/* /kratix/output/\n",
                 true});
  for (const auto& f : files) {
    const std::string base = f.substr(f.rfind('/') + 1);
    out.push_back({home + "resources/" + base, m.files.at(f), false});
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
  return s;
}

}  // namespace

void check_tf_module_promise_options(const InitTfModuleOptions& o) {
  const ApiNames& api = o.promise.api;
  validate_promise_names({o.promise.name, api.group, api.kind, api.version, api.plural_or_default()});
  if (!o.module_registry_version.empty() && !module::is_registry_address(o.module_source))
    throw UsageError(
        "--module-registry-version is only for registry sources (NAMESPACE/NAME/PROVIDER); for a git source put "
        "the ref in --module-source (git::https://host/repo.git?ref=v1.0.0)");
  module::parse_source(o.module_source);
  for (const auto& p : o.module_providers)
    if (p.empty() || p.front() == '/' || p.find("..") != std::string::npos)
      throw UsageError("--module-providers " + p + ": name a file inside the module's directory, e.g. versions.tf");
  check_new_promise_target({o.promise.dir, o.promise.split ? Layout::Split : Layout::Flat, o.promise.force});
}

InitResult init_tf_module_promise(const InitTfModuleOptions& o, const module::ModuleFiles& m,
                                  const std::function<void(const std::string&)>& warn) {
  check_tf_module_promise_options(o);
  const tf::ModuleInterface iface = tf::read_module_interface(m.files, m.label);
  if (iface.variables.empty())
    throw Error("the module " + m.label +
                " declares no variables (no variable blocks in its .tf files), so there is no API to make; "
                "point --module-source at the module's own directory (//subdir for one inside a repository)");
  const YAML::Node spec = tf::spec_schema(iface.variables);
  const std::vector<std::string> providers = provider_files(o, m);

  std::vector<EnvVar> env{{"MODULE_SOURCE", o.module_source, "", ""}};
  if (!o.module_registry_version.empty()) env.push_back({"MODULE_REGISTRY_VERSION", o.module_registry_version, "", ""});
  std::vector<std::string> outputs;
  for (const auto& out : iface.outputs) outputs.push_back(out.name);
  if (o.generate_outputs && !outputs.empty()) env.push_back({"MODULE_OUTPUT_NAMES", join(outputs, ","), "", ""});
  if (o.generate_outputs && outputs.empty()) warn("the module declares no outputs; --generate-outputs adds nothing");

  PromiseScaffold s;
  s.name = o.promise.name;
  s.api = o.promise.api;
  s.api_yaml = api_crd_yaml(s.api, spec);
  s.resource_configure_yaml =
      workflow_yaml("instance-configure", {{"terraform-generate", kTerraformContainerImage, {}, env}});
  if (!providers.empty()) {
    s.promise_configure_yaml =
        workflow_yaml(kDependenciesPipeline, {{kDependenciesContainer, kTerraformDependenciesImage, {}, {}}});
    s.extra_files = dependency_container(providers, m);
  }
  s.destination_selectors_yaml = "- matchLabels:\n    environment: terraform\n";
  s.example_spec_yaml = example_spec(spec);
  std::vector<std::string> extra{"--module-source " + util::shell_quote(o.module_source)};
  if (!o.module_registry_version.empty())
    extra.push_back("--module-registry-version " + util::shell_quote(o.module_registry_version));
  if (!o.module_providers.empty())
    extra.push_back("--module-providers " + util::shell_quote(join(o.module_providers, ",")));
  if (o.generate_outputs) extra.push_back("--generate-outputs");
  s.command = replay_command("tf-module-promise", o.promise, extra);

  std::size_t required = 0;
  for (const auto& v : iface.variables) required += v.has_default ? 0 : 1;
  s.readme_notes = "The API has one property per variable of the Terraform module " + m.label +
                   (m.version.empty() ? "" : " (version " + m.version + ")") + ": " +
                   std::to_string(iface.variables.size()) + " variables, " + std::to_string(required) +
                   " of them required (those without a default). Each request becomes a module call through the "
                   "`terraform-generate` container of the `instance-configure` pipeline, scheduled to destinations "
                   "labelled `environment=terraform`.";
  if (o.generate_outputs && !outputs.empty())
    s.readme_notes += " The module's outputs (" + join(outputs, ", ") + ") are exposed as the module call's outputs.";
  if (!providers.empty())
    s.readme_notes += "\n\nThe module's provider configuration (" + join(providers, ", ") +
                      ") is installed with the Promise by the `" + kDependenciesContainer +
                      "` container of the promise configure pipeline `" + kDependenciesPipeline +
                      "`; build and push its image (and change `" + kTerraformDependenciesImage +
                      "` to yours):\n\n```bash\nkratix build container promise/configure/" + kDependenciesPipeline +
                      " --name " + kDependenciesContainer + " --push\n```";
  if (m.local)
    warn(
        "the module is a local directory; the terraform-generate pipeline runs in the cluster and reads "
        "MODULE_SOURCE from there, so publish the module (git or a registry) and use that source");
  if (o.promise.split) warn(split_selectors_warning("environment=terraform"));

  std::string message =
      "Promise generated successfully. It is set to schedule to Destinations with the label `environment: "
      "terraform` by default. To modify this behavior, update the `.spec.destinationSelectors` field in "
      "`promise.yaml`";
  if (!providers.empty())
    message +=
        "\nDependencies added as a Promise workflow.\nRun the following command to build the dependencies "
        "image:\n\n  kratix build container promise/configure/" +
        std::string(kDependenciesPipeline) + " --name " + kDependenciesContainer +
        "\n\nDon't forget to update the image tag in the Promise and push your image to a registry!";
  return write_generated_promise(s, o.promise, std::move(message));
}

}  // namespace kratix::promise
