#include "promise/init_pulumi.hpp"

#include "core/error.hpp"
#include "promise/api_crd.hpp"
#include "promise/example.hpp"
#include "promise/names.hpp"
#include "promise/pipelines.hpp"
#include "promise/scaffold.hpp"
#include "pulumi/component_schema.hpp"
#include "util/shell_words.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

SecretKeyRef parse_secret_key_ref(const std::string& value, const std::string& flag) {
  const auto colon = value.find(':');
  SecretKeyRef r;
  if (colon != std::string::npos) {
    r.name = trim(value.substr(0, colon));
    r.key = trim(value.substr(colon + 1));
  }
  if (r.name.empty() || r.key.empty())
    throw UsageError(flag + " " + value + ": expected SECRET_NAME:KEY, e.g. pulumi-schema-auth:token");
  if (auto why = check_dns1123_subdomain(r.name))
    throw UsageError(flag + " " + value + ": \"" + r.name + "\" is not a Kubernetes Secret name (" + *why + ")");
  return r;
}

void check_pulumi_promise_options(const InitPulumiOptions& o) {
  const ApiNames& api = o.promise.api;
  validate_promise_names({o.promise.name, api.group, api.kind, api.version, api.plural_or_default()});
  if (o.schema.empty()) throw UsageError("--schema is empty; pass a Pulumi schema file or URL");
  if (!o.schema_bearer_token_secret.empty()) {
    parse_secret_key_ref(o.schema_bearer_token_secret, "--schema-bearer-token-secret");
    if (o.schema.rfind("http://", 0) == 0)
      throw UsageError(
          "--schema-bearer-token-secret with an http:// schema URL would send the token in clear; "
          "use https://");
  }
  if (!o.stack_access_token_secret.empty())
    parse_secret_key_ref(o.stack_access_token_secret, "--stack-access-token-secret");
  check_new_promise_target({o.promise.dir, o.promise.split ? Layout::Split : Layout::Flat, o.promise.force});
}

InitResult init_pulumi_promise(const InitPulumiOptions& o, const pulumi::PackageSchema& schema,
                               const std::function<void(const std::string&)>& warn) {
  check_pulumi_promise_options(o);
  const std::string component = pulumi::select_component(schema, o.component);
  const pulumi::SpecSchema spec = pulumi::component_spec_schema(schema, component);
  for (const auto& w : spec.warnings) warn(w);
  if (pulumi::is_local_schema_source(o.schema))
    warn("the schema is a local file (" + o.schema +
         "); the workflow runs in the cluster and reads PULUMI_SCHEMA_SOURCE from there, so publish the schema "
         "at an https URL (or bake it into the stage image) and use that");

  ContainerSpec program{"pulumi-program-generator",
                        kPulumiGeneratorImage,
                        {"/pulumi-program-generator"},
                        {{"PULUMI_COMPONENT_TOKEN", component, "", ""}, {"PULUMI_SCHEMA_SOURCE", o.schema, "", ""}}};
  if (!o.schema_bearer_token_secret.empty()) {
    const SecretKeyRef r = parse_secret_key_ref(o.schema_bearer_token_secret, "--schema-bearer-token-secret");
    program.env.push_back({"PULUMI_ACCESS_TOKEN", "", r.name, r.key});
  }
  ContainerSpec stack{"pulumi-stack-generator",
                      kPulumiGeneratorImage,
                      {"/pulumi-stack-generator"},
                      {{"PULUMI_COMPONENT_TOKEN", component, "", ""}}};
  if (!o.stack_access_token_secret.empty()) {
    const SecretKeyRef r = parse_secret_key_ref(o.stack_access_token_secret, "--stack-access-token-secret");
    stack.env.push_back({"PULUMI_STACK_ACCESS_TOKEN_SECRET_NAME", r.name, "", ""});
    stack.env.push_back({"PULUMI_STACK_ACCESS_TOKEN_SECRET_KEY", r.key, "", ""});
  }

  PromiseScaffold s;
  s.name = o.promise.name;
  s.api = o.promise.api;
  s.api_yaml = api_crd_yaml(s.api, spec.schema);
  s.resource_configure_yaml = workflow_yaml("instance-configure", {program, stack});
  s.destination_selectors_yaml = "- matchLabels:\n    environment: pulumi\n";
  s.example_spec_yaml = example_spec(spec.schema);
  s.example_name = "example-request";
  s.example_namespace = "default";
  std::vector<std::string> extra{"--schema " + util::shell_quote(o.schema)};
  if (!o.component.empty()) extra.push_back("--component " + util::shell_quote(o.component));
  if (!o.schema_bearer_token_secret.empty())
    extra.push_back("--schema-bearer-token-secret " + util::shell_quote(o.schema_bearer_token_secret));
  if (!o.stack_access_token_secret.empty())
    extra.push_back("--stack-access-token-secret " + util::shell_quote(o.stack_access_token_secret));
  s.command = replay_command("pulumi-component-promise", o.promise, extra);
  s.readme_notes =
      "The API is the inputs of the Pulumi component `" + component +
      "`. Each request runs the `instance-configure` pipeline: `pulumi-program-generator` writes a Pulumi "
      "Kubernetes Operator `Program` using the component with the request's `spec` as its properties, and "
      "`pulumi-stack-generator` writes the `Stack` that runs it, scheduled to destinations labelled "
      "`environment=pulumi` (where the Pulumi Kubernetes Operator runs).\n\n"
      "Private schemas: the `PULUMI_ACCESS_TOKEN` of `pulumi-program-generator` (from "
      "`--schema-bearer-token-secret SECRET:KEY`) must name a Secret in the namespace the workflow runs in; "
      "the Stack's token (`--stack-access-token-secret`) a Secret on the destination. Bearer tokens are only "
      "sent to https:// schema URLs.";
  if (o.promise.split) warn(split_selectors_warning("environment=pulumi"));
  return write_generated_promise(s, o.promise, "Pulumi component Promise generated successfully.");
}

}  // namespace kratix::promise
