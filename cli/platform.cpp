#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "platform/commands.hpp"

namespace kratix::cli {

namespace {

// kubectl's kubeconfig flags (what kratix-cli's platform commands take too).
void add_kube_flags(CLI::App* cmd, platform::GetOptions& o) {
  kube::Overrides& k = o.kube;
  cmd->add_option("--kubeconfig", k.kubeconfig,
                  "The kubeconfig file (default: $KUBECONFIG's files, else ~/.kube/config)")
      ->type_name("FILE");
  cmd->add_option("--context", k.context, "The kubeconfig context to use (default: its current-context)");
  cmd->add_option("--cluster", k.cluster, "The kubeconfig cluster to use instead of the context's");
  cmd->add_option("--user", k.user, "The kubeconfig user to use instead of the context's");
  cmd->add_option("-s,--server", k.server, "The API server's URL, instead of the cluster's")->type_name("URL");
  cmd->add_option("--token", k.token, "Bearer token for the API server, instead of the user's credentials");
  cmd->add_option("--certificate-authority", k.certificate_authority,
                  "CA certificate (PEM) that signed the API server's certificate")
      ->type_name("FILE");
  cmd->add_option("--client-certificate", k.client_certificate, "Client certificate (PEM) for TLS")->type_name("FILE");
  cmd->add_option("--client-key", k.client_key, "Key of the client certificate (PEM)")->type_name("FILE");
  cmd->add_flag("--insecure-skip-tls-verify", k.insecure_skip_tls_verify,
                "Do not verify the API server's certificate (insecure)");
  cmd->add_option("--request-timeout", k.request_timeout,
                  "How long one request may take: seconds or a duration (5s, 1m); 0 waits as long as it takes")
      ->type_name("DURATION");
  cmd->add_option("-o,--output", o.output, "Output format: a wider table, or a JSON or YAML document")
      ->check(CLI::IsMember({"wide", "json", "yaml"}));
}

platform::Output stdout_output() {
  return {[](const std::string& text) {
            print(text);
            std::fflush(stdout);
          },
          [](const std::string& text) { std::fprintf(stderr, "Warning: %s\n", text.c_str()); }};
}

}  // namespace

void add_platform_commands(CLI::App& root) {
  CLI::App* platform = root.add_subcommand("platform", "Look at what is deployed on a Kratix platform cluster");
  CLI::App* get = platform->add_subcommand("get", "List resource requests or Promises on the platform cluster");
  get->footer("Run 'kratix platform get resources --help' for the kubeconfig flags.");

  auto ro = std::make_shared<platform::GetOptions>();
  auto promise = std::make_shared<std::string>();
  CLI::App* resources = get->add_subcommand("resources",
                                            "List a Promise's requests in all namespaces, with the sub-requests "
                                            "of compound Promises as a tree");
  resources->add_option("promise", *promise, "The name of the Promise")->required()->type_name("PROMISE");
  add_kube_flags(resources, *ro);
  resources->add_option("-n,--namespace", ro->kube.namespace_, "Only the requests in this namespace");
  resources->add_flag("-w,--watch", ro->watch, "After the list, print a line for every change to a request");
  resources->footer(examples({
      {"the requests of the postgresql Promise, in every namespace", "kratix platform get resources postgresql"},
      {"in one namespace of another cluster, as JSON",
       "kratix platform get resources postgresql -n team-a --context prod -o json"},
      {"with each request's workflows and conditions", "kratix platform get resources postgresql -o wide"},
      {"follow changes", "kratix platform get resources postgresql --watch"},
  }));
  resources->callback([ro, promise] { platform::get_resources_command(*promise, *ro, stdout_output()); });

  auto po = std::make_shared<platform::GetOptions>();
  CLI::App* promises = get->add_subcommand("promises", "List the Promises installed on the platform cluster");
  add_kube_flags(promises, *po);
  promises->footer(examples({
      {"every Promise, its status and version", "kratix platform get promises"},
      {"with the Promises' messages, from another context", "kratix platform get promises -o wide --context prod"},
  }));
  promises->callback([po] { platform::get_promises_command(*po, stdout_output()); });
}

}  // namespace kratix::cli
