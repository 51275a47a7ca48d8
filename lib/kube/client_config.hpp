#pragma once
// From kubeconfig + kubectl's flags to what a request needs, by client-go's
// rules: --context picks the context (else current-context); --cluster and
// --user replace the context's; --server, --token, --certificate-authority,
// --client-certificate/--client-key and --insecure-skip-tls-verify override
// the entries (an insecure or CA override drops the kubeconfig's CA); a
// token, basic auth or a client certificate is used as given, an exec
// plugin only when none of them is there.
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "kube/kubeconfig.hpp"
#include "net/http.hpp"

namespace kratix::kube {

// The kubeconfig flags kubectl (and kratix-cli's platform commands) take.
struct Overrides {
  std::string kubeconfig;
  std::string context;
  std::string cluster;
  std::string user;
  std::string namespace_;
  std::string server;
  std::string token;
  std::string certificate_authority;
  std::string client_certificate;
  std::string client_key;
  bool insecure_skip_tls_verify = false;
  std::string request_timeout;  // "0" (none), "30" (seconds), "30s", "2m", "1m30s", "500ms"
};

struct ClientConfig {
  std::string server;   // scheme://host[:port][/prefix], no trailing '/'
  std::string context;  // names, for messages ("" when there is none)
  std::string user;
  bool user_known = true;  // false: the context names a user the kubeconfig does not have
  std::string cluster;
  std::string namespace_ = "default";  // --namespace, else the context's, else "default"
  bool namespace_given = false;        // --namespace was passed
  net::TlsOptions tls;
  std::string token;
  std::optional<std::pair<std::string, std::string>> basic;
  std::optional<ExecConfig> exec;    // asked for credentials when nothing above authenticates
  Cluster cluster_info;              // for exec plugins that want it (provideClusterInfo)
  std::optional<std::string> proxy;  // proxy-url; unset: the environment's
  std::chrono::milliseconds timeout{0};
  bool compressed = true;
  std::filesystem::path origin;  // the kubeconfig file of the user, for messages

  // "context \"c\"" or "server https://h:p" when there is no context.
  std::string describe() const;
};

// kratix::Error (one line, exit 1) for a missing context/cluster/user, no
// server, unreadable files, conflicting credentials.
ClientConfig resolve(const Kubeconfig& config, const Overrides& overrides);

// kubectl's --request-timeout: a number of seconds or a Go duration; 0 = none.
std::chrono::milliseconds parse_request_timeout(const std::string& text);

}  // namespace kratix::kube
