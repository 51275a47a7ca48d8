#pragma once
// kubeconfig files as kubectl reads them: one file given with --kubeconfig,
// else the files of KUBECONFIG (a ':'-separated list; missing files are
// skipped), else ~/.kube/config. Several files merge as client-go merges them:
// the first file to name a cluster, user or context wins for that name, and
// the first current-context set wins. Relative paths inside a file
// (certificate-authority, client-certificate, client-key, tokenFile, an exec
// command containing '/') are relative to that file's directory.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace kratix::kube {

struct Cluster {
  std::string server;
  std::string certificate_authority;       // file
  std::string certificate_authority_data;  // PEM (decoded)
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  bool disable_compression = false;
  std::string exec_extension_json;  // extensions["client.authentication.k8s.io/exec"], as JSON
  SourceLocation where;             // of the entry, for messages
};

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or v1beta1
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string install_hint;
  bool provide_cluster_info = false;
  std::string interactive_mode;  // Never, IfAvailable, Always ("" = the version's default)
};

struct AuthInfo {
  std::string client_certificate;       // file
  std::string client_certificate_data;  // PEM (decoded)
  std::string client_key;
  std::string client_key_data;
  std::string token;
  std::string token_file;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider;  // name of a legacy auth-provider (gcp, azure, oidc): not supported
  SourceLocation where;
};

struct Context {
  std::string cluster;
  std::string user;
  std::string namespace_;
  SourceLocation where;
};

struct Kubeconfig {
  std::map<std::string, Cluster> clusters;
  std::map<std::string, AuthInfo> users;
  std::map<std::string, Context> contexts;
  std::string current_context;
  std::vector<std::filesystem::path> files;  // read, in precedence order

  // Merges `later` in: entries it names that are already here are ignored.
  void merge(Kubeconfig later);
};

// Parses one kubeconfig file's text; `file` names it in errors and resolves
// its relative paths. kratix::Error "FILE:LINE:COL: ..." when malformed.
Kubeconfig parse_kubeconfig(const std::string& text, const std::filesystem::path& file);

// Where kubectl looks, for this environment: `explicit_path` alone when given,
// else KUBECONFIG's files, else ~/.kube/config.
std::vector<std::filesystem::path> kubeconfig_files(const std::string& explicit_path);

// Loads and merges those files. An explicit file must exist; the others are
// skipped when missing.
Kubeconfig load_kubeconfig(const std::string& explicit_path);

}  // namespace kratix::kube
