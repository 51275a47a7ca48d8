#include <doctest/doctest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "kube/client.hpp"
#include "kube/client_config.hpp"
#include "kube/exec_credential.hpp"
#include "kube/kubeconfig.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

using namespace kratix;
using namespace kratix::kube;

namespace {

const char* kOne = R"(apiVersion: v1
kind: Config
current-context: one
clusters:
- name: shared
  cluster: {server: "https://one.example:6443", certificate-authority: ca.crt}
- name: only-one
  cluster: {server: "https://only-one.example"}
contexts:
- name: one
  context: {cluster: shared, user: alice, namespace: team-a}
- name: both
  context: {cluster: shared, user: alice}
users:
- name: alice
  user: {token: from-one}
)";

const char* kTwo = R"(apiVersion: v1
kind: Config
current-context: two
clusters:
- name: shared
  cluster: {server: "https://two.example:6443"}
contexts:
- name: both
  context: {cluster: shared, user: bob}
- name: two
  context: {cluster: shared, user: bob}
users:
- name: alice
  user: {token: from-two}
- name: bob
  user:
    client-certificate: certs/bob.crt
    client-key: /abs/bob.key
)";

std::string names(const std::map<std::string, Context>& m) {
  std::string out;
  for (const auto& [k, _] : m) out += k + " ";
  return out;
}

}  // namespace

TEST_CASE("kubeconfig: the first file of KUBECONFIG wins for each name and for current-context") {
  test::TempDir dir;
  test::write_text(dir / "one", kOne);
  test::write_text(dir / "two", kTwo);
  test::ScopedEnv env("KUBECONFIG",
                      (dir / "missing").string() + ":" + (dir / "one").string() + "::" + (dir / "two").string());
  Kubeconfig k = load_kubeconfig("");
  CHECK(k.current_context == "one");
  CHECK(k.clusters.at("shared").server == "https://one.example:6443");
  CHECK(k.users.at("alice").token == "from-one");
  CHECK(k.contexts.at("both").user == "alice");
  CHECK(names(k.contexts) == "both one two ");
  CHECK(k.users.count("bob") == 1);
  REQUIRE(k.files.size() == 2);  // the missing file is skipped, as kubectl skips it
}

TEST_CASE("kubeconfig: relative paths are relative to the file that holds them") {
  test::TempDir dir;
  test::write_text(dir / "conf" / "one", kOne);
  test::write_text(dir / "two", kTwo);
  test::ScopedEnv env("KUBECONFIG", (dir / "conf" / "one").string() + ":" + (dir / "two").string());
  Kubeconfig k = load_kubeconfig("");
  CHECK(k.clusters.at("shared").certificate_authority == (dir / "conf" / "ca.crt").string());
  CHECK(k.users.at("bob").client_certificate == (dir / "certs" / "bob.crt").string());
  CHECK(k.users.at("bob").client_key == "/abs/bob.key");
}

TEST_CASE("kubeconfig: --kubeconfig reads that file alone and it must exist") {
  test::TempDir dir;
  test::write_text(dir / "two", kTwo);
  test::ScopedEnv env("KUBECONFIG", (dir / "two").string());
  CHECK_THROWS_WITH_AS(load_kubeconfig((dir / "nope").string()), doctest::Contains("--kubeconfig does not exist"),
                       Error);
  test::write_text(dir / "one", kOne);
  Kubeconfig k = load_kubeconfig((dir / "one").string());
  CHECK(k.users.count("bob") == 0);
}

TEST_CASE("kubeconfig: malformed entries are errors at FILE:LINE:COL") {
  test::TempDir dir;
  try {
    parse_kubeconfig("clusters:\n- name: a\n  cluster: {server: [x]}\n", dir / "k");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.describe() == (dir / "k").string() + ":3:21: server must be a string; fix the kubeconfig");
  }
  CHECK_THROWS_WITH_AS(parse_kubeconfig("users:\n- name: a\n  user: {client-key-data: '!!'}\n", dir / "k"),
                       doctest::Contains("client-key-data is not base64"), Error);
  CHECK_THROWS_WITH_AS(parse_kubeconfig("clusters: [{cluster: {}}]\n", dir / "k"), doctest::Contains("has no name"),
                       Error);
}

TEST_CASE("client config: the context's cluster, user and namespace, and the flags over them") {
  Kubeconfig k = parse_kubeconfig(kOne, "/k/one");
  k.merge(parse_kubeconfig(kTwo, "/k/two"));
  k.clusters.at("shared").certificate_authority.clear();
  Overrides o;
  ClientConfig c = resolve(k, o);
  CHECK(c.server == "https://one.example:6443");
  CHECK(c.context == "one");
  CHECK(c.user == "alice");
  CHECK(c.token == "from-one");
  CHECK(c.namespace_ == "team-a");
  CHECK_FALSE(c.namespace_given);

  o.context = "both";
  o.namespace_ = "team-b";
  o.server = "https://override.example/";
  o.token = "flag-token";
  c = resolve(k, o);
  CHECK(c.server == "https://override.example");
  CHECK(c.token == "flag-token");
  CHECK(c.namespace_ == "team-b");
  CHECK(c.namespace_given);

  o = {};
  o.cluster = "only-one";
  c = resolve(k, o);
  CHECK(c.server == "https://only-one.example");
  CHECK(c.context == "one");
}

TEST_CASE("client config: a context, cluster or user that does not exist is one clear error") {
  Kubeconfig k = parse_kubeconfig(kOne, "/k/one");
  k.clusters.at("shared").certificate_authority.clear();
  Overrides o;
  o.context = "prod";
  CHECK_THROWS_WITH_AS(resolve(k, o),
                       "context \"prod\", which does not exist in /k/one (contexts: both, one); pass one of them "
                       "with --context",
                       Error);
  o = {};
  o.cluster = "nope";
  CHECK_THROWS_WITH_AS(resolve(k, o), doctest::Contains("--cluster names cluster \"nope\", which does not exist"),
                       Error);
  o = {};
  o.user = "nope";
  CHECK_THROWS_WITH_AS(resolve(k, o), doctest::Contains("--user names user \"nope\", which does not exist"), Error);
  CHECK_THROWS_WITH_AS(resolve(Kubeconfig{}, Overrides{}), doctest::Contains("no Kubernetes cluster is configured"),
                       Error);
}

TEST_CASE("client config: the credentials client-go accepts, and the conflicts it refuses") {
  Kubeconfig k = parse_kubeconfig(R"(current-context: c
clusters: [{name: x, cluster: {server: "https://h", insecure-skip-tls-verify: true}}]
contexts: [{name: c, context: {cluster: x, user: u}}]
users:
- name: u
  user:
    username: admin
    password: secret
    exec: {apiVersion: client.authentication.k8s.io/v1, command: never-run, interactiveMode: Never}
)",
                                  "/k");
  ClientConfig c = resolve(k, {});
  REQUIRE(c.basic);
  CHECK(c.basic->first == "admin");
  CHECK_FALSE(c.exec);  // basic auth is there: the plugin is not asked
  CHECK(c.tls.insecure);

  k.users.at("u").username.clear();
  k.users.at("u").password.clear();
  c = resolve(k, {});
  REQUIRE(c.exec);
  CHECK(c.exec->command == "never-run");

  k.users.at("u").exec->interactive_mode.clear();
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("sets no interactiveMode"), Error);
  k.users.at("u").exec->api_version = "client.authentication.k8s.io/v1beta1";
  CHECK(resolve(k, {}).exec);  // v1beta1 defaults it to IfAvailable
  k.users.at("u").exec->api_version = "client.authentication.k8s.io/v1alpha1";
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("use client.authentication.k8s.io/v1"), Error);

  k.users.at("u").exec.reset();
  k.users.at("u").token = "t";
  k.users.at("u").username = "admin";
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("both a token and a username/password"), Error);
  k.users.at("u").username.clear();
  k.users.at("u").client_certificate_data = "PEM";
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("client certificate without its key"), Error);

  k.clusters.at("x").certificate_authority_data = "PEM";
  k.users.at("u").client_certificate_data.clear();
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("both insecure-skip-tls-verify and a certificate authority"),
                       Error);
  Overrides insecure;
  insecure.insecure_skip_tls_verify = true;  // the flag drops the kubeconfig's CA, as kubectl's does
  c = resolve(k, insecure);
  CHECK(c.tls.insecure);
  CHECK(c.tls.ca_pem.empty());
}

TEST_CASE("client config: a tokenFile is read and trimmed; proxy-url must be http, https or socks5") {
  test::TempDir dir;
  test::write_text(dir / "token", "  file-token\n");
  test::write_text(dir / "k", R"(current-context: c
clusters: [{name: x, cluster: {server: "h:6443", proxy-url: "socks5://127.0.0.1:1080"}}]
contexts: [{name: c, context: {cluster: x, user: u}}]
users: [{name: u, user: {tokenFile: token}}]
)");
  Kubeconfig k = load_kubeconfig((dir / "k").string());
  ClientConfig c = resolve(k, {});
  CHECK(c.token == "file-token");
  CHECK(c.server == "https://h:6443");
  CHECK(c.proxy == std::optional<std::string>("socks5://127.0.0.1:1080"));
  k.clusters.at("x").proxy_url = "ftp://p";
  CHECK_THROWS_WITH_AS(resolve(k, {}), doctest::Contains("not an http://, https:// or socks5:// URL"), Error);
}

TEST_CASE("request timeout: seconds or Go durations, as kubectl takes them") {
  using std::chrono::milliseconds;
  CHECK(parse_request_timeout("") == milliseconds(0));
  CHECK(parse_request_timeout("0") == milliseconds(0));
  CHECK(parse_request_timeout("30") == milliseconds(30000));
  CHECK(parse_request_timeout("1m30s") == milliseconds(90000));
  CHECK(parse_request_timeout("500ms") == milliseconds(500));
  CHECK(parse_request_timeout("1.5s") == milliseconds(1500));
  CHECK_THROWS_AS(parse_request_timeout("soon"), UsageError);
  CHECK_THROWS_AS(parse_request_timeout("5x"), UsageError);
}

TEST_CASE("exec credential: the plugin's output is checked as client-go checks it") {
  const std::string v1 = "client.authentication.k8s.io/v1";
  auto cred = [&](const std::string& status, const std::string& version = "client.authentication.k8s.io/v1") {
    return R"({"apiVersion":")" + version + R"(","kind":"ExecCredential","status":)" + status + "}";
  };
  ExecResult r = parse_exec_credential(cred(R"({"token":"t","expirationTimestamp":"2030-01-02T03:04:05Z"})"), v1, "p");
  CHECK(r.token == "t");
  REQUIRE(r.expires);
  CHECK(std::chrono::system_clock::to_time_t(*r.expires) == 1893553445);
  CHECK_THROWS_WITH_AS(parse_exec_credential("nope", v1, "p"), doctest::Contains("printed no ExecCredential"), Error);
  CHECK_THROWS_WITH_AS(parse_exec_credential(cred(R"({"token":"t"})", "client.authentication.k8s.io/v1beta1"), v1, "p"),
                       doctest::Contains("answered with apiVersion"), Error);
  CHECK_THROWS_WITH_AS(parse_exec_credential(cred("{}"), v1, "p"), doctest::Contains("neither a token"), Error);
  CHECK_THROWS_WITH_AS(parse_exec_credential(cred(R"({"clientCertificateData":"c"})"), v1, "p"),
                       doctest::Contains("certificate without its key"), Error);
  CHECK_THROWS_WITH_AS(parse_exec_credential(cred(R"({"token":"t","expirationTimestamp":"tomorrow"})"), v1, "p"),
                       doctest::Contains("not an RFC 3339 time"), Error);
}

TEST_CASE("exec credential: RFC 3339 with fractions and offsets") {
  CHECK(std::chrono::system_clock::to_time_t(*parse_rfc3339("2030-01-02T04:04:05.123+01:00")) == 1893553445);
  CHECK_FALSE(parse_rfc3339("2030-01-02 03:04:05Z"));
  CHECK_FALSE(parse_rfc3339("2030-13-02T03:04:05Z"));
}

TEST_CASE("exec credential: the plugin runs with its env and KUBERNETES_EXEC_INFO, and is asked again on expiry") {
  test::TempDir dir;
  const auto script = dir / "plugin.sh";
  // Counts its runs, records its environment, prints a token that expires in 2030.
  test::write_text(script,
                   "#!/bin/sh\necho run >> \"$COUNT\"\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$INFO\"\n"
                   "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":"
                   "\"ExecCredential\",\"status\":{\"token\":\"tok-%s\",\"expirationTimestamp\":"
                   "\"2030-01-01T00:00:00Z\"}}' \"$1\"\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  ExecConfig x;
  x.api_version = "client.authentication.k8s.io/v1beta1";
  x.command = script.string();
  x.args = {"arg"};
  x.env = {{"COUNT", (dir / "count").string()}, {"INFO", (dir / "info").string()}};
  x.provide_cluster_info = true;
  Cluster cluster;
  cluster.server = "https://h:6443";
  cluster.certificate_authority_data = "CA PEM";
  ExecCredential cred(x, cluster, "carol");
  cred.stdin_is_terminal = [] { return false; };
  auto now = std::chrono::system_clock::from_time_t(1893456000 - 60);  // a minute before the expiry
  cred.now = [&] { return now; };
  CHECK(cred.get().token == "tok-arg");
  CHECK(cred.get().token == "tok-arg");
  CHECK(test::read_text(dir / "count") == "run\n");  // kept until it expires
  const std::string info = test::read_text(dir / "info");
  CHECK(info.find(R"("kind":"ExecCredential")") != std::string::npos);
  CHECK(info.find(R"("interactive":false)") != std::string::npos);
  CHECK(info.find(R"("server":"https://h:6443")") != std::string::npos);
  CHECK(info.find(R"("certificate-authority-data":"Q0EgUEVN")") != std::string::npos);
  now += std::chrono::minutes(2);
  CHECK(cred.get().token == "tok-arg");
  CHECK(test::read_text(dir / "count") == "run\nrun\n");

  x.interactive_mode = "Always";
  ExecCredential always(x, cluster, "carol");
  always.stdin_is_terminal = [] { return false; };
  CHECK_THROWS_WITH_AS(always.get(), doctest::Contains("needs a terminal"), Error);
  x.command = (dir / "missing").string();
  x.interactive_mode = "Never";
  x.install_hint = "install it with: apt-get install carol-auth";
  ExecCredential missing(x, cluster, "carol");
  CHECK_THROWS_WITH_AS(missing.get(), doctest::Contains("apt-get install carol-auth"), Error);
}

TEST_CASE("client: queries are percent-encoded") {
  CHECK(encode_query({{"labelSelector", "kratix.io/parent-resource-name"}, {"limit", "500"}}) ==
        "labelSelector=kratix.io%2Fparent-resource-name&limit=500");
  CHECK(encode_query({{"continue", "a b=c&d"}}) == "continue=a%20b%3Dc%26d");
}
