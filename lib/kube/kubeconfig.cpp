#include "kube/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "fs/atomic_write.hpp"
#include "util/base64.hpp"

namespace stdfs = std::filesystem;

namespace kratix::kube {

namespace {

// Reads one kubeconfig file's YAML with the file's name in every error.
class Reader {
 public:
  explicit Reader(stdfs::path file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Node& n) const {
    return {file_.string(), n.Mark().line >= 0 ? n.Mark().line + 1 : 0, n.Mark().column >= 0 ? n.Mark().column + 1 : 0};
  }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const { throw Error(at(n), message); }

  std::string text(const YAML::Node& map, const char* key) const {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) return {};
    if (!v.IsScalar()) fail(v, std::string(key) + " must be a string; fix the kubeconfig");
    return v.Scalar();
  }

  bool flag(const YAML::Node& map, const char* key) const {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) return false;
    const std::string s = v.IsScalar() ? v.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    fail(v, std::string(key) + " must be true or false; fix the kubeconfig");
  }

  // A *-data field: base64 of PEM.
  std::string data(const YAML::Node& map, const char* key) const {
    const std::string raw = text(map, key);
    if (raw.empty()) return {};
    auto decoded = util::base64_decode(raw);
    if (!decoded) fail(map[key], std::string(key) + " is not base64; put the base64 of the PEM text there");
    return *decoded;
  }

  // A path relative to the file's directory, as client-go resolves them.
  std::string path(const YAML::Node& map, const char* key) const {
    std::string p = text(map, key);
    if (p.empty() || stdfs::path(p).is_absolute()) return p;
    return (file_.parent_path() / p).lexically_normal().string();
  }

  // The named entries of a list ("clusters", "users", "contexts"): name -> body.
  template <class F>
  void entries(const YAML::Node& root, const char* list, const char* body_key, F&& each) const {
    const YAML::Node l = root[list];
    if (!l || l.IsNull()) return;
    if (!l.IsSequence()) fail(l, std::string(list) + " must be a list of {name, " + body_key + "}; fix the kubeconfig");
    for (const YAML::Node& e : l) {
      if (!e.IsMap()) fail(e, std::string("an entry of ") + list + " must be a mapping with name and " + body_key);
      const std::string name = text(e, "name");
      if (name.empty()) fail(e, std::string("an entry of ") + list + " has no name; name it");
      YAML::Node body = e[body_key];
      if (body && !body.IsNull() && !body.IsMap()) fail(body, std::string(body_key) + " must be a mapping");
      each(name, body ? body : YAML::Node(YAML::NodeType::Map), e);
    }
  }

  ExecConfig exec(const YAML::Node& e) const {
    ExecConfig x;
    x.api_version = text(e, "apiVersion");
    x.command = text(e, "command");
    if (x.command.find('/') != std::string::npos) x.command = path(e, "command");
    if (x.command.empty()) fail(e, "exec has no command; name the credential plugin to run");
    if (const YAML::Node args = e["args"]; args && !args.IsNull()) {
      if (!args.IsSequence()) fail(args, "exec args must be a list of strings");
      for (const YAML::Node& a : args) {
        if (!a.IsScalar()) fail(a, "exec args must be a list of strings");
        x.args.push_back(a.Scalar());
      }
    }
    if (const YAML::Node env = e["env"]; env && !env.IsNull()) {
      if (!env.IsSequence()) fail(env, "exec env must be a list of {name, value}");
      for (const YAML::Node& v : env) {
        if (!v.IsMap() || text(v, "name").empty()) fail(v, "exec env must be a list of {name, value}");
        x.env.emplace_back(text(v, "name"), text(v, "value"));
      }
    }
    x.install_hint = text(e, "installHint");
    x.provide_cluster_info = flag(e, "provideClusterInfo");
    x.interactive_mode = text(e, "interactiveMode");
    return x;
  }

 private:
  stdfs::path file_;
};

// YAML as JSON text (for a cluster's exec extension, passed on to the plugin).
nlohmann::json to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& kv : n) o[kv.first.Scalar()] = to_json(kv.second);
    return o;
  }
  if (n.IsSequence()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& v : n) a.push_back(to_json(v));
    return a;
  }
  if (n.IsScalar()) return n.Scalar();
  return nullptr;
}

}  // namespace

void Kubeconfig::merge(Kubeconfig later) {
  for (auto& [name, c] : later.clusters) clusters.try_emplace(name, std::move(c));
  for (auto& [name, u] : later.users) users.try_emplace(name, std::move(u));
  for (auto& [name, c] : later.contexts) contexts.try_emplace(name, std::move(c));
  if (current_context.empty()) current_context = later.current_context;
  files.insert(files.end(), later.files.begin(), later.files.end());
}

Kubeconfig parse_kubeconfig(const std::string& text, const stdfs::path& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw Error(SourceLocation{file.string(), e.mark.line + 1, e.mark.column + 1},
                "not a kubeconfig (invalid YAML: " + e.msg + "); fix the file or point --kubeconfig elsewhere");
  }
  Kubeconfig k;
  k.files.push_back(file);
  if (!root || root.IsNull()) return k;
  const Reader r(file);
  if (!root.IsMap()) r.fail(root, "not a kubeconfig (no mapping of clusters, users and contexts)");
  k.current_context = r.text(root, "current-context");
  r.entries(root, "clusters", "cluster", [&](const std::string& name, const YAML::Node& c, const YAML::Node& e) {
    Cluster x;
    x.server = r.text(c, "server");
    x.certificate_authority = r.path(c, "certificate-authority");
    x.certificate_authority_data = r.data(c, "certificate-authority-data");
    x.insecure_skip_tls_verify = r.flag(c, "insecure-skip-tls-verify");
    x.tls_server_name = r.text(c, "tls-server-name");
    x.proxy_url = r.text(c, "proxy-url");
    x.disable_compression = r.flag(c, "disable-compression");
    if (const YAML::Node ext = c["extensions"]; ext && ext.IsSequence())
      for (const YAML::Node& x2 : ext)
        if (x2.IsMap() && r.text(x2, "name") == "client.authentication.k8s.io/exec" && x2["extension"])
          x.exec_extension_json = to_json(x2["extension"]).dump();
    x.where = r.at(e);
    k.clusters.insert_or_assign(name, std::move(x));  // within a file the last entry wins
  });
  r.entries(root, "users", "user", [&](const std::string& name, const YAML::Node& u, const YAML::Node& e) {
    AuthInfo x;
    x.client_certificate = r.path(u, "client-certificate");
    x.client_certificate_data = r.data(u, "client-certificate-data");
    x.client_key = r.path(u, "client-key");
    x.client_key_data = r.data(u, "client-key-data");
    x.token = r.text(u, "token");
    x.token_file = r.path(u, "tokenFile");
    x.username = r.text(u, "username");
    x.password = r.text(u, "password");
    if (const YAML::Node ex = u["exec"]; ex && !ex.IsNull()) {
      if (!ex.IsMap()) r.fail(ex, "exec must be a mapping with apiVersion and command");
      x.exec = r.exec(ex);
    }
    if (const YAML::Node ap = u["auth-provider"]; ap && ap.IsMap()) x.auth_provider = r.text(ap, "name");
    x.where = r.at(e);
    k.users.insert_or_assign(name, std::move(x));
  });
  r.entries(root, "contexts", "context", [&](const std::string& name, const YAML::Node& c, const YAML::Node& e) {
    Context x;
    x.cluster = r.text(c, "cluster");
    x.user = r.text(c, "user");
    x.namespace_ = r.text(c, "namespace");
    x.where = r.at(e);
    k.contexts.insert_or_assign(name, std::move(x));
  });
  return k;
}

std::vector<stdfs::path> kubeconfig_files(const std::string& explicit_path) {
  if (!explicit_path.empty()) return {stdfs::path(explicit_path)};
  std::vector<stdfs::path> out;
  if (const char* list = std::getenv("KUBECONFIG"); list != nullptr && *list != '\0') {
    std::set<std::string> seen;
    std::string_view rest(list);
    while (true) {
      const auto colon = rest.find(':');
      const std::string item(rest.substr(0, colon));
      if (!item.empty() && seen.insert(item).second) out.emplace_back(item);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
    return out;
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    out.push_back(stdfs::path(home) / ".kube" / "config");
  return out;
}

Kubeconfig load_kubeconfig(const std::string& explicit_path) {
  Kubeconfig merged;
  for (const stdfs::path& file : kubeconfig_files(explicit_path)) {
    std::error_code ec;
    if (!stdfs::is_regular_file(file, ec)) {
      if (!explicit_path.empty())
        throw Error("the kubeconfig " + file.string() + " given with --kubeconfig does not exist; pass the right file");
      continue;
    }
    merged.merge(parse_kubeconfig(fs::read_file(file), file));
  }
  return merged;
}

}  // namespace kratix::kube
