#include "kube/exec_credential.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "fs/atomic_write.hpp"
#include "process/process.hpp"
#include "util/base64.hpp"
#include "util/term.hpp"

namespace kratix::kube {

namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 || used != 19)
    return std::nullopt;
  size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  }
  long offset = 0;
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
    ++i;
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    int oh = 0, om = 0, n = 0;
    if (std::sscanf(t.c_str() + i + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5) return std::nullopt;
    offset = (t[i] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != t.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  const std::time_t utc = ::timegm(&tm);
  return std::chrono::system_clock::from_time_t(utc - offset);
}

std::string exec_info(const ExecConfig& x, const Cluster& c, bool interactive) {
  nlohmann::json spec = {{"interactive", interactive}};
  if (x.provide_cluster_info) {
    nlohmann::json cluster = {{"server", c.server}};
    if (!c.tls_server_name.empty()) cluster["tls-server-name"] = c.tls_server_name;
    if (c.insecure_skip_tls_verify) cluster["insecure-skip-tls-verify"] = true;
    // CA data always travels as bytes, read from certificate-authority when that is what is set.
    const std::string ca = !c.certificate_authority_data.empty() ? c.certificate_authority_data
                           : !c.certificate_authority.empty()    ? fs::read_file(c.certificate_authority)
                                                                 : std::string();
    if (!ca.empty()) cluster["certificate-authority-data"] = util::base64_encode(ca);
    if (!c.proxy_url.empty()) cluster["proxy-url"] = c.proxy_url;
    if (!c.exec_extension_json.empty()) cluster["config"] = nlohmann::json::parse(c.exec_extension_json);
    spec["cluster"] = cluster;
  }
  nlohmann::json cred = {{"apiVersion", x.api_version}, {"kind", "ExecCredential"}, {"spec", spec}};
  return cred.dump();
}

ExecResult parse_exec_credential(const std::string& out, const std::string& api_version, const std::string& command) {
  const std::string plugin = "the exec credential plugin " + command;
  auto j = nlohmann::json::parse(out, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw Error(plugin + " printed no ExecCredential JSON on stdout; run it by hand to see what it prints");
  const std::string version = j.value("apiVersion", std::string());
  if (version != api_version)
    throw Error(plugin + " answered with apiVersion " + in_quotes(version) + " where the kubeconfig asks for " +
                in_quotes(api_version) + "; make them agree");
  if (j.value("kind", std::string()) != "ExecCredential")
    throw Error(plugin + " printed a " + in_quotes(j.value("kind", std::string())) + ", not an ExecCredential");
  auto status = j.find("status");
  if (status == j.end() || !status->is_object()) throw Error(plugin + " returned no status with the credential");
  auto field = [&](const char* key) {
    auto it = status->find(key);
    return it != status->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  ExecResult r;
  r.token = field("token");
  r.cert_pem = field("clientCertificateData");
  r.key_pem = field("clientKeyData");
  if (r.token.empty() && r.cert_pem.empty() && r.key_pem.empty())
    throw Error(plugin + " returned neither a token nor a client certificate and key");
  if (r.cert_pem.empty() != r.key_pem.empty())
    throw Error(plugin + " returned a client " +
                (r.cert_pem.empty() ? "key without its certificate" : "certificate without its key"));
  const std::string expiry = field("expirationTimestamp");
  if (!expiry.empty()) {
    r.expires = parse_rfc3339(expiry);
    if (!r.expires)
      throw Error(plugin + " returned expirationTimestamp " + in_quotes(expiry) +
                  ", which is not an RFC 3339 time (2024-05-01T10:00:00Z)");
  }
  return r;
}

ExecCredential::ExecCredential(ExecConfig config, Cluster cluster, std::string user)
    : stdin_is_terminal([] { return util::is_terminal(0); }),
      config_(std::move(config)),
      cluster_(std::move(cluster)),
      user_(std::move(user)) {}

const ExecResult& ExecCredential::get() {
  if (cached_ && (!cached_->expires || now() < *cached_->expires)) return *cached_;
  return refresh();
}

const ExecResult& ExecCredential::refresh() {
  const std::string mode = config_.interactive_mode.empty() ? "IfAvailable" : config_.interactive_mode;
  const bool terminal = stdin_is_terminal();
  if (mode == "Always" && !terminal)
    throw Error("the exec credential plugin " + config_.command + " of user " + in_quotes(user_) +
                " needs a terminal (interactiveMode: Always) and stdin is not one; run kratix from a terminal");
  const bool interactive = mode == "Always" || (mode == "IfAvailable" && terminal);
  process::Options run;
  run.argv.push_back(config_.command);
  run.argv.insert(run.argv.end(), config_.args.begin(), config_.args.end());
  run.env = config_.env;
  run.env.emplace_back("KUBERNETES_EXEC_INFO", exec_info(config_, cluster_, interactive));
  run.inherit_stdin = interactive;
  run.out = process::Output::Capture;
  run.tail_limit = std::size_t{1} << 20;  // a credential is a few KiB; more is not one
  process::Result done;
  try {
    done = process::run(run);
  } catch (const Error& e) {
    std::string message = "the exec credential plugin of user " + in_quotes(user_) + " cannot run: " + e.what();
    message += config_.install_hint.empty() ? "; install it or fix the user's exec command in the kubeconfig"
                                            : "; " + config_.install_hint;
    throw Error(message);
  }
  if (!done.ok())
    throw Error("the exec credential plugin " + config_.command + " of user " + in_quotes(user_) + " " +
                process::describe(done) + "; see its messages above, or run it by hand");
  if (done.out_truncated)
    throw Error("the exec credential plugin " + config_.command + " of user " + in_quotes(user_) +
                " printed more than 1 MiB, more than a credential");
  cached_ = parse_exec_credential(done.out, config_.api_version, config_.command);
  return *cached_;
}

}  // namespace kratix::kube
