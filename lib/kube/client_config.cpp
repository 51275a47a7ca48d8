#include "kube/client_config.hpp"

#include <algorithm>
#include <cctype>

#include "fs/atomic_write.hpp"

namespace stdfs = std::filesystem;

namespace kratix::kube {

namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string files_of(const Kubeconfig& k) {
  if (k.files.empty()) return "the kubeconfig";
  std::string out;
  for (const auto& f : k.files) out += (out.empty() ? "" : ", ") + f.string();
  return out;
}

template <class Map>
std::string names_of(const Map& m) {
  std::string out;
  for (const auto& [name, _] : m) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

void require_file(const std::string& path, const std::string& what, const SourceLocation& where) {
  std::error_code ec;
  if (path.empty() || stdfs::is_regular_file(path, ec)) return;
  const std::string message = "the " + what + " " + path + " does not exist; fix the path";
  if (where.file.empty()) throw Error(message);
  throw Error(where, message);
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

// The server URL without a trailing '/', refusing what is not http(s).
std::string server_url(std::string server, const std::string& who) {
  if (server.find("://") == std::string::npos) server = "https://" + server;  // as client-go does for host:port
  if (!server.starts_with("https://") && !server.starts_with("http://"))
    throw Error("the server " + server + " of " + who + " is not an http:// or https:// URL; fix it");
  while (server.size() > 8 && server.back() == '/') server.pop_back();
  return server;
}

}  // namespace

std::string ClientConfig::describe() const {
  if (!context.empty()) return "context " + in_quotes(context);
  return "server " + server;
}

std::chrono::milliseconds parse_request_timeout(const std::string& text) {
  using std::chrono::milliseconds;
  if (text.empty() || text == "0") return milliseconds(0);
  const std::string bad = "--request-timeout " + text +
                          " is not a duration; give seconds (30) or a number with a unit (500ms, 30s, 2m, 1h)";
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (text.size() > 7) throw UsageError(bad);
    return milliseconds(std::stol(text) * 1000);
  }
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i || j - i > 9) throw UsageError(bad);
    const double number = std::stod(text.substr(i, j - i));
    size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string unit = text.substr(j, k - j);
    const double scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : unit == "h" ? 3600000 : -1;
    if (scale < 0) throw UsageError(bad);
    total_ms += number * scale;
    i = k;
  }
  if (total_ms > 24.0 * 3600000) throw UsageError(bad);
  return milliseconds(static_cast<long>(total_ms) > 0 ? static_cast<long>(total_ms) : 1);
}

ClientConfig resolve(const Kubeconfig& k, const Overrides& o) {
  ClientConfig out;
  out.timeout = parse_request_timeout(o.request_timeout);

  // The context.
  const std::string context_name = !o.context.empty() ? o.context : k.current_context;
  Context context;
  if (!context_name.empty()) {
    auto it = k.contexts.find(context_name);
    if (it == k.contexts.end()) {
      const std::string source = o.context.empty() ? "current-context names context " : "context ";
      throw Error(source + in_quotes(context_name) + ", which does not exist in " + files_of(k) +
                  " (contexts: " + names_of(k.contexts) + "); pass one of them with --context");
    }
    context = it->second;
  }
  out.context = context_name;

  // The cluster.
  out.cluster = !o.cluster.empty() ? o.cluster : context.cluster;
  Cluster cluster;
  if (!out.cluster.empty()) {
    auto it = k.clusters.find(out.cluster);
    if (it != k.clusters.end()) {
      cluster = it->second;
    } else if (!o.cluster.empty() || o.server.empty()) {
      const std::string who =
          !o.cluster.empty() ? "--cluster names cluster " : "context " + in_quotes(context_name) + " names cluster ";
      throw Error(who + in_quotes(out.cluster) + ", which does not exist in " + files_of(k) +
                  " (clusters: " + names_of(k.clusters) + "); fix the kubeconfig or pass --cluster");
    }
  }
  if (!o.server.empty()) {
    cluster.server = o.server;
    cluster.tls_server_name.clear();
  }
  if (o.insecure_skip_tls_verify || !o.certificate_authority.empty()) {
    cluster.insecure_skip_tls_verify = o.insecure_skip_tls_verify;
    cluster.certificate_authority = o.certificate_authority;
    cluster.certificate_authority_data.clear();
  }
  if (cluster.server.empty()) {
    if (context_name.empty() && k.contexts.empty() && o.cluster.empty())
      throw Error("no Kubernetes cluster is configured: " +
                  (k.files.empty() ? std::string("no kubeconfig was found (KUBECONFIG is unset and ~/.kube/config "
                                                 "does not exist)")
                                   : "no current-context in " + files_of(k)) +
                  "; pass --kubeconfig, --context or --server");
    if (context_name.empty())
      throw Error("no current-context is set in " + files_of(k) + " (contexts: " + names_of(k.contexts) +
                  "); pass --context");
    throw Error("cluster " + in_quotes(out.cluster) + " of " + out.describe() + " has no server; fix the kubeconfig");
  }
  out.server = server_url(cluster.server, out.describe());
  if (cluster.insecure_skip_tls_verify &&
      (!cluster.certificate_authority.empty() || !cluster.certificate_authority_data.empty()))
    throw Error(cluster.where, "cluster " + in_quotes(out.cluster) +
                                   " sets both insecure-skip-tls-verify and a certificate authority; keep one");
  if (!cluster.certificate_authority.empty() && !cluster.certificate_authority_data.empty())
    throw Error(cluster.where, "cluster " + in_quotes(out.cluster) +
                                   " sets both certificate-authority and certificate-authority-data; keep one");
  require_file(cluster.certificate_authority, "certificate-authority", cluster.where);
  out.tls.ca_file = cluster.certificate_authority;
  out.tls.ca_pem = cluster.certificate_authority_data;
  out.tls.insecure = cluster.insecure_skip_tls_verify;
  if (!cluster.proxy_url.empty()) {
    const std::string& p = cluster.proxy_url;
    if (!p.starts_with("http://") && !p.starts_with("https://") && !p.starts_with("socks5://"))
      throw Error(cluster.where, "proxy-url " + p + " of cluster " + in_quotes(out.cluster) +
                                     " is not an http://, https:// or socks5:// URL; fix it");
    out.proxy = p;
  }
  out.compressed = !cluster.disable_compression;
  out.cluster_info = cluster;

  // The namespace.
  out.namespace_given = !o.namespace_.empty();
  out.namespace_ = out.namespace_given ? o.namespace_ : context.namespace_.empty() ? "default" : context.namespace_;

  // The user.
  out.user = !o.user.empty() ? o.user : context.user;
  AuthInfo user;
  if (!out.user.empty()) {
    auto it = k.users.find(out.user);
    if (it != k.users.end()) {
      user = it->second;
      out.origin = user.where.file;
    } else if (!o.user.empty()) {
      throw Error("--user names user " + in_quotes(out.user) + ", which does not exist in " + files_of(k) +
                  " (users: " + names_of(k.users) + "); pass one of them");
    } else {
      out.user_known = false;  // client-go goes on without credentials
    }
  }
  if (!o.token.empty()) user.token = o.token;
  if (!o.client_certificate.empty()) {
    user.client_certificate = o.client_certificate;
    user.client_certificate_data.clear();
  }
  if (!o.client_key.empty()) {
    user.client_key = o.client_key;
    user.client_key_data.clear();
  }
  const std::string who = "user " + in_quotes(out.user);
  if (!user.client_certificate.empty() && !user.client_certificate_data.empty())
    throw Error(user.where, who + " sets both client-certificate and client-certificate-data; keep one");
  if (!user.client_key.empty() && !user.client_key_data.empty())
    throw Error(user.where, who + " sets both client-key and client-key-data; keep one");
  const bool has_cert = !user.client_certificate.empty() || !user.client_certificate_data.empty();
  const bool has_key = !user.client_key.empty() || !user.client_key_data.empty();
  if (has_cert != has_key)
    throw Error(user.where, who + (has_cert ? " has a client certificate without its key; add client-key"
                                            : " has a client key without its certificate; add client-certificate"));
  const bool has_basic = !user.username.empty() || !user.password.empty();
  const bool has_token = !user.token.empty() || !user.token_file.empty();
  if (has_basic && has_token)
    throw Error(user.where, who + " has both a token and a username/password; keep one authentication method");
  require_file(user.client_certificate, "client-certificate", user.where);
  require_file(user.client_key, "client-key", user.where);
  out.tls.cert_file = user.client_certificate;
  out.tls.cert_pem = user.client_certificate_data;
  out.tls.key_file = user.client_key;
  out.tls.key_pem = user.client_key_data;
  if (!user.token.empty()) {
    out.token = user.token;
  } else if (!user.token_file.empty()) {
    require_file(user.token_file, "tokenFile", user.where);
    out.token = trimmed(fs::read_file(user.token_file));
    if (out.token.empty()) throw Error(user.where, "the tokenFile " + user.token_file + " of " + who + " is empty");
  }
  if (has_basic) out.basic = std::make_pair(user.username, user.password);
  if (!has_cert && !has_basic && !has_token) {
    if (user.exec) {
      const ExecConfig& x = *user.exec;
      if (x.api_version != "client.authentication.k8s.io/v1" && x.api_version != "client.authentication.k8s.io/v1beta1")
        throw Error(user.where, "the exec plugin of " + who + " has apiVersion \"" + x.api_version +
                                    "\"; use client.authentication.k8s.io/v1 (or v1beta1)");
      if (x.api_version.ends_with("/v1") && x.interactive_mode.empty())
        throw Error(user.where, "the exec plugin of " + who +
                                    " sets no interactiveMode, which client.authentication.k8s.io/v1 requires; "
                                    "add interactiveMode: Never (or IfAvailable, Always)");
      if (!x.interactive_mode.empty() && x.interactive_mode != "Never" && x.interactive_mode != "IfAvailable" &&
          x.interactive_mode != "Always")
        throw Error(user.where, "the exec plugin of " + who + " has interactiveMode \"" + x.interactive_mode +
                                    "\"; use Never, IfAvailable or Always");
      out.exec = x;
    } else if (!user.auth_provider.empty()) {
      throw Error(user.where, who + " authenticates with the auth-provider \"" + user.auth_provider +
                                  "\", which kratix (like kubectl since 1.26) does not support; "
                                  "use the provider's exec credential plugin instead");
    }
  }
  return out;
}

}  // namespace kratix::kube
