#pragma once
// exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), as
// client-go runs them: the command with its args, this environment plus the
// plugin's env and KUBERNETES_EXEC_INFO (an ExecCredential whose spec says
// whether the plugin may talk to the user, and the cluster when
// provideClusterInfo is set); stdin only when interactive (interactiveMode
// Never: never; IfAvailable: when stdin is a terminal; Always: a terminal is
// required); stderr passed through. Its stdout is an ExecCredential of the
// same apiVersion whose status holds a token or a client certificate and key,
// and may hold an expirationTimestamp: the credential is kept until then.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "kube/kubeconfig.hpp"

namespace kratix::kube {

struct ExecResult {
  std::string token;
  std::string cert_pem;
  std::string key_pem;
  std::optional<std::chrono::system_clock::time_point> expires;
};

class ExecCredential {
 public:
  ExecCredential(ExecConfig config, Cluster cluster, std::string user);

  // The cached credential, or a fresh one when there is none or it expired.
  const ExecResult& get();
  // Runs the plugin again (after the server refused the credential).
  const ExecResult& refresh();

  // For tests: what "now" and "stdin is a terminal" are.
  std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
  std::function<bool()> stdin_is_terminal;

 private:
  ExecConfig config_;
  Cluster cluster_;
  std::string user_;
  std::optional<ExecResult> cached_;
};

// Parses a plugin's output for `api_version`; kratix::Error naming the
// plugin (`command`) and what is wrong.
ExecResult parse_exec_credential(const std::string& out, const std::string& api_version, const std::string& command);

// The KUBERNETES_EXEC_INFO value for a run.
std::string exec_info(const ExecConfig& config, const Cluster& cluster, bool interactive);

// RFC 3339 ("2024-05-01T10:00:00Z", "...+02:00", fractions allowed); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

}  // namespace kratix::kube
