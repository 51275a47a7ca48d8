#include <memory>
#include <string_view>

#include "commands.hpp"
#include "core/error.hpp"
#include "promise/init.hpp"
#include "promise/init_crossplane.hpp"
#include "promise/init_helm.hpp"
#include "promise/init_operator.hpp"
#include "promise/init_pulumi.hpp"
#include "promise/init_tf_module.hpp"
#include "util/term.hpp"

namespace kratix::cli {

namespace {

// The flags every init command shares (SPEC.md, "init (shared flags)").
void add_shared_flags(CLI::App* cmd, promise::InitPromiseOptions& o, bool version_has_default) {
  cmd->add_option("name", o.name, "Name of the Promise (a DNS-1123 label, e.g. postgresql)")->required();
  cmd->add_option("-g,--group", o.api.group, "API group of the Promise's API (e.g. myorg.com)")->required();
  cmd->add_option("-k,--kind", o.api.kind, "Kind of the Promise's API (e.g. Database)")->required();
  auto* version = cmd->add_option("-v,--version", o.api.version,
                                  version_has_default ? "API version of the Promise's API"
                                                      : "API version of the Promise's API (default: the source's)");
  if (version_has_default) version->capture_default_str();
  cmd->add_option("--plural", o.api.plural, "Plural of the kind (default: lower-case kind + 's')");
  cmd->add_option("-d,--dir", o.dir, "Directory to write the Promise to (created when missing)")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_flag("--split", o.split, "Write api.yaml, dependencies.yaml and workflows/ instead of promise.yaml");
  cmd->add_flag("--force", o.force, "Overwrite the files of a Promise already in the directory");
}

void preview_warning() { std::fputs("Preview: this command is in preview and may change without notice.\n", stderr); }

void warning(const std::string& w) { std::fprintf(stderr, "Warning: %s\n", w.c_str()); }

// --ca-file and --insecure-skip-tls-verify, for commands that fetch over HTTPS.
void add_tls_flags(CLI::App* cmd, net::TlsOptions& tls) {
  cmd->add_option("--ca-file", tls.ca_file, "Verify HTTPS servers' certificates with this CA bundle (PEM)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  cmd->add_flag("--insecure-skip-tls-verify", tls.insecure, "Do not verify HTTPS servers' certificates");
}

void add_tf_module_command(CLI::App* init) {
  auto tf = std::make_shared<promise::InitTfModuleOptions>();
  auto fetch = std::make_shared<module::FetchOptions>();
  CLI::App* cmd = init->add_subcommand("tf-module-promise", "Create a Promise from a Terraform module's variables");
  add_shared_flags(cmd, tf->promise, true);
  cmd->add_option("-s,--module-source", tf->module_source,
                  "The module, as a module block's source: ./dir, git::https://host/repo.git//subdir?ref=v1.2.0, "
                  "git@host:org/repo.git, an archive URL (.tgz, .zip), or [HOST/]NAMESPACE/NAME/PROVIDER")
      ->required()
      ->type_name("SOURCE");
  cmd->add_option("-r,--module-registry-version", tf->module_registry_version,
                  "Version of a registry module, or a constraint as Terraform writes it (\"~> 5.0\", \">= 1.2, < 2\"); "
                  "default: the latest release");
  cmd->add_option("--module-providers", tf->module_providers,
                  "Files of the module with provider blocks to install with the Promise (default: versions.tf and "
                  "providers.tf when present)")
      ->delimiter(',')
      ->type_name("FILE");
  cmd->add_flag("--generate-outputs", tf->generate_outputs,
                "Pass the module's output names to the pipeline (MODULE_OUTPUT_NAMES)");
  add_tls_flags(cmd, fetch->tls);
  cmd->footer(examples({
      {"a Promise from a module in a local directory",
       "kratix init tf-module-promise bucket --group myorg.com --kind Bucket --module-source ./modules/bucket"},
      {"from a tag of a git repository, a module in a subdirectory",
       "kratix init tf-module-promise gateway --group syntasso.io --kind Gateway \\\n"
       "    --module-source "
       "'git::https://github.com/GoogleCloudPlatform/cloud-foundation-fabric.git//modules/api-gateway?ref=v44.1.0'"},
      {"from the Terraform registry, the newest 5.x",
       "kratix init tf-module-promise vpc --group syntasso.io --kind VPC \\\n"
       "    --module-source terraform-aws-modules/vpc/aws --module-registry-version '~> 5.0'"},
  }));
  cmd->callback([tf, fetch] {
    promise::check_tf_module_promise_options(*tf);
    fetch->source = tf->module_source;
    fetch->version = tf->module_registry_version;
    fetch->keep = tf->module_providers;
    fetch->progress = util::is_terminal(2);
    module::ModuleFiles files = module::fetch_module(*fetch);
    print(promise::init_tf_module_promise(*tf, files, warning).message);
  });
}

void add_pulumi_command(CLI::App* init) {
  auto pu = std::make_shared<promise::InitPulumiOptions>();
  auto tls = std::make_shared<net::TlsOptions>();
  CLI::App* cmd =
      init->add_subcommand("pulumi-component-promise", "Create a Promise from a Pulumi component's package schema");
  add_shared_flags(cmd, pu->promise, true);
  cmd->add_option("--schema", pu->schema,
                  "The Pulumi package schema (JSON or YAML): a file or an http(s) URL; for a private URL set "
                  "PULUMI_ACCESS_TOKEN (or PULUMI_ACCESS_TOKEN_FILE)")
      ->required()
      ->type_name("PATH|URL");
  cmd->add_option("--component", pu->component, "The component's token (needed when the schema has several)")
      ->type_name("TOKEN");
  cmd->add_option("--schema-bearer-token-secret", pu->schema_bearer_token_secret,
                  "Secret (NAME:KEY) the workflow reads PULUMI_ACCESS_TOKEN from to fetch a private schema")
      ->type_name("SECRET:KEY");
  cmd->add_option("--stack-access-token-secret", pu->stack_access_token_secret,
                  "Secret (NAME:KEY) the generated Stack reads its Pulumi access token from")
      ->type_name("SECRET:KEY");
  add_tls_flags(cmd, *tls);
  cmd->footer(examples({
      {"a Promise from a local package schema",
       "kratix init pulumi-component-promise mypromise --schema ./schema.json --group syntasso.io --kind Database"},
      {"one component of a published schema",
       "kratix init pulumi-component-promise user --group syntasso.io --kind User \\\n"
       "    --schema https://www.pulumi.com/registry/packages/aws-iam/schema.json --component aws-iam:index:User"},
  }));
  cmd->callback([pu, tls] {
    preview_warning();
    promise::check_pulumi_promise_options(*pu);
    pulumi::SchemaFetch f{pu->schema, pulumi::token_from_environment(), *tls};
    pulumi::PackageSchema schema = pulumi::load_package_schema(f);
    print(promise::init_pulumi_promise(*pu, schema, warning).message);
  });
}

}  // namespace

void add_init_commands(CLI::App& root) {
  CLI::App* init = root.add_subcommand("init", "Create a new Promise directory");
  init->footer("Run 'kratix init promise --help' for the flags every init command shares.");

  auto opts = std::make_shared<promise::InitPromiseOptions>();
  CLI::App* cmd = init->add_subcommand("promise", "Create a new, empty Promise");
  add_shared_flags(cmd, *opts, true);
  cmd->footer(examples({
      {"a Promise for databases in the current directory",
       "kratix init promise postgresql --group myorg.com --kind Database"},
      {"a specific API version and plural, into ./postgresql",
       "kratix init promise postgresql --group myorg.com --kind Database --version v1 --plural dbs --dir postgresql"},
      {"one file per part of the Promise", "kratix init promise postgresql --group myorg.com --kind Database --split"},
  }));
  cmd->callback([opts] { print(promise::init_promise(*opts).message); });

  auto op = std::make_shared<promise::InitOperatorOptions>();
  op->promise.api.version.clear();
  CLI::App* opcmd = init->add_subcommand("operator-promise", "Create a Promise from a Kubernetes operator's manifests");
  add_shared_flags(opcmd, op->promise, false);
  opcmd
      ->add_option("-m,--operator-manifests", op->manifests,
                   "The operator's manifests: a file or a directory (recursive)")
      ->required()
      ->type_name("PATH");
  opcmd
      ->add_option("-a,--api-schema-from", op->api_schema_from,
                   "Name of the CRD whose schema becomes the Promise's API")
      ->required();
  opcmd->footer(examples({
      {"a Postgres Promise from the CloudNativePG operator",
       "kratix init operator-promise postgresql --group myorg.com --kind Database \\\n"
       "    --operator-manifests ./cnpg-manifests --api-schema-from clusters.postgresql.cnpg.io"},
  }));
  opcmd->callback([op] {
    preview_warning();
    print(promise::init_operator_promise(*op, warning).message);
  });

  auto hp = std::make_shared<promise::InitHelmOptions>();
  CLI::App* hcmd = init->add_subcommand("helm-promise",
                                        "Create a Promise from a Helm chart, with an API schema made from its values");
  add_shared_flags(hcmd, hp->promise, true);
  auto fetch = std::make_shared<chart::FetchOptions>();
  auto username = std::make_shared<std::string>();
  auto password = std::make_shared<std::string>();
  hcmd->add_option("--chart-url", hp->chart_url,
                   "The chart: oci://REGISTRY/PATH/CHART, a chart repository URL (with --chart-name), "
                   "a .tgz URL, or a local chart directory or .tgz")
      ->required()
      ->type_name("URL|PATH");
  hcmd->add_option("--chart-name", hp->chart_name, "The chart's name in a chart repository");
  hcmd->add_option("--chart-url-for-pipeline", hp->chart_url_for_pipeline,
                   "Where the pipeline's container gets the chart, when --chart-url is a local chart (a chart "
                   "repository or .tgz URL, or oci://)")
      ->type_name("URL");
  hcmd->add_option(
      "--chart-version", hp->chart_version,
      "The chart version, or a constraint such as ^3.0, ~1.2.3, \">=1.2 <2\" (default: the latest stable)");
  hcmd->add_option("--username", *username, "User name for the repository or registry")
      ->envname("KRATIX_CHART_USERNAME");
  hcmd->add_option("--password", *password, "Password or token for the repository or registry")
      ->envname("KRATIX_CHART_PASSWORD");
  hcmd->add_option("--ca-file", fetch->tls.ca_file, "Verify the server's certificate with this CA bundle (PEM)")
      ->type_name("FILE");
  hcmd->add_option("--cert-file", fetch->tls.cert_file, "Client certificate (PEM) for servers that ask for one")
      ->type_name("FILE");
  hcmd->add_option("--key-file", fetch->tls.key_file, "Key of the client certificate (PEM)")->type_name("FILE");
  hcmd->add_flag("--insecure-skip-tls-verify", fetch->tls.insecure, "Do not verify the server's certificate");
  hcmd->add_flag("--plain-http", fetch->plain_http, "Talk to the OCI registry over http:// instead of https://");
  hcmd->add_flag("--no-cache", fetch->no_cache, "Neither read nor write the chart cache ($XDG_CACHE_HOME/kratix)");
  hcmd->add_flag("--verbose", hp->verbose,
                 "Say on stderr which values.schema.json keywords were dropped or translated");
  hcmd->footer(examples({
      {"a Promise from a chart in a chart repository",
       "kratix init helm-promise datadog --group myorg.com --kind DatadogStack \\\n"
       "    --chart-url https://helm.datadoghq.com --chart-name datadog --chart-version ^3.0"},
      {"a Promise from a chart in an OCI registry",
       "kratix init helm-promise redis --group myorg.com --kind Redis \\\n"
       "    --chart-url oci://registry-1.docker.io/bitnamicharts/redis --chart-version 20.1.0"},
      {"a Promise from a chart checked out locally",
       "kratix init helm-promise datadog --group myorg.com --kind DatadogStack --chart-url ./charts/datadog \\\n"
       "    --chart-url-for-pipeline https://helm.datadoghq.com"},
  }));
  hcmd->callback([hp, fetch, username, password] {
    preview_warning();
    promise::check_helm_promise_options(*hp);
    if (username->empty() != password->empty())
      throw UsageError(
          "--username and --password go together; pass both (or KRATIX_CHART_USERNAME and KRATIX_CHART_PASSWORD)");
    if (fetch->tls.cert_file.empty() != fetch->tls.key_file.empty())
      throw UsageError("--cert-file and --key-file go together; pass both");
    for (const std::string* f : {&fetch->tls.ca_file, &fetch->tls.cert_file, &fetch->tls.key_file})
      if (!f->empty() && !std::filesystem::is_regular_file(*f))
        throw UsageError(*f + ": no such file (given to --ca-file, --cert-file or --key-file)");
    if (!username->empty()) fetch->credentials = chart::Credentials{*username, *password};
    fetch->url = hp->chart_url;
    fetch->name = hp->chart_name;
    fetch->version = hp->chart_version;
    fetch->progress = util::is_terminal(2);
    chart::ChartFiles files = chart::fetch_chart(*fetch);
    auto note = [](const std::string& n) { std::fprintf(stderr, "note: %s\n", n.c_str()); };
    print(promise::init_helm_promise(*hp, files, note, warning).message);
  });

  add_tf_module_command(init);
  add_pulumi_command(init);

  auto xp = std::make_shared<promise::InitCrossplaneOptions>();
  auto compositions = std::make_shared<std::string>();
  auto functions = std::make_shared<std::string>();
  xp->promise.api.version.clear();
  CLI::App* xpcmd =
      init->add_subcommand("crossplane-promise", "Create a Promise from a Crossplane XRD and its compositions");
  add_shared_flags(xpcmd, xp->promise, false);
  xpcmd->add_option("-x,--xrd", xp->xrd, "The CompositeResourceDefinition file")->required()->type_name("FILE");
  xpcmd->add_option("-c,--compositions", *compositions, "A file of one or more Compositions")->type_name("FILE");
  xpcmd->add_option("-f,--functions", *functions, "A file of one or more Functions")->type_name("FILE");
  xpcmd->add_flag("-s,--skip-dependencies", xp->skip_dependencies,
                  "Add no dependencies (the XRD and compositions are installed already)");
  xpcmd->footer(examples({
      {"a Promise from an XRD and its composition",
       "kratix init crossplane-promise s3buckets --group myorg.com --kind S3Bucket \\\n"
       "    --xrd xrd.yaml --compositions composition.yaml"},
  }));
  xpcmd->callback([xp, compositions, functions] {
    preview_warning();
    if (!compositions->empty()) xp->compositions = *compositions;
    if (!functions->empty()) xp->functions = *functions;
    auto warn = [](const std::string& w) { std::fprintf(stderr, "Warning: %s\n", w.c_str()); };
    print(promise::init_crossplane_promise(*xp, warn).message);
  });
}

bool fetches_a_chart(int argc, char** argv) {
  bool helm = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") return false;
    if (a == "helm-promise") helm = true;
    std::string_view url;
    if (a == "--chart-url" && i + 1 < argc) url = argv[i + 1];
    if (a.starts_with("--chart-url=")) url = a.substr(12);
    if (helm && (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("oci://"))) return true;
  }
  return false;
}

}  // namespace kratix::cli
