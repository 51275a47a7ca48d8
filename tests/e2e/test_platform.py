"""`kratix platform get resources` and `platform get promises` against the real
API server (tests/servers/apiserver.py) holding Kratix's Promise CRD, Promises
with the CRDs Kratix makes from them, 1,000 requests and compound requests with
sub-requests, read by client-certificate, token and exec-plugin users; the real
kubectl is the reference for what is listed and how kubeconfig files and flags
are read."""
import base64
import json
import os
import stat
import subprocess
import sys
import unittest

from harness import KRATIX, KratixTestCase
import oracle
import apiserver
from charts import Proxy, closed_port
from kratix_platform import KratixPlatform, condition

BULK = 1000


SERVER = {}


def setUpModule():
    """One API server for the whole suite, filled once; the tests only read it (or add objects of their own)."""
    oracle.need_apiserver()
    api = apiserver.ApiServer(tokens={"alice": "alice-token"}).start()
    unittest.addModuleCleanup(api.stop)
    # Before Kratix is installed: what a cluster without it answers.
    SERVER["without_kratix"] = subprocess.run([KRATIX, "platform", "get", "promises", "--kubeconfig", api.kubeconfig],
                                              capture_output=True, text=True, timeout=120)
    kp = KratixPlatform(api, oracle.PROMISE_CRD)
    SERVER.update(api=api, kp=kp)
    kp.promise("app", "example.com", "App", promise_version="v1.2.0")
    kp.promise("database", "example.com", "Database")
    kp.promise("volume", "storage.example.com", "Volume", version="v1")
    kp.promise("bulk", "bulk.example.com", "Bulk")
    kp.promise("watched", "watch.example.com", "Watched")
    kp.promise("static")  # no API: dependencies only
    kp.promise("pending", "pending.example.com", "Pending", install_api=False)  # Kratix has not made its CRD yet
    kp.create([
        kp.request("app", "shop", "default"),
        kp.request("app", "blog", "team-b"),
        kp.request("database", "shop-db", "default", parent=("app", "shop", "default")),
        kp.request("volume", "shop-files", "storage", parent=("app", "shop", "default")),
        kp.request("volume", "shop-db-vol", "default", parent=("database", "shop-db")),  # namespace: its own
        kp.request("database", "standalone", "default"),
        kp.request("database", "lost-db", "default", parent=("app", "ghost", "default")),
        kp.request("watched", "first", "default"),
    ])
    kp.create([kp.request("bulk", f"b-{i:04d}", f"ns-{i % 10}", spec={"size": i}) for i in range(BULK)])
    kp.set_status("app", "default", "shop", {
        "message": "Resource requested", "workflows": 1, "workflowsSucceeded": 1, "workflowsFailed": 0,
        "conditions": [condition("ConfigureWorkflowCompleted", "True", "PipelinesExecutedSuccessfully"),
                       condition("Reconciled", "True", message="Reconciled")]})
    kp.set_status("app", "team-b", "blog", {
        "message": "Pipelines are still in progress",
        "conditions": [condition("ConfigureWorkflowCompleted", "False", "PipelinesInProgress")]})
    kp.set_status("database", "default", "shop-db", {
        "message": "pipeline failed: disk full",
        "conditions": [condition("Reconciled", "False", message="Failing")]})
    kp.set_promise_status("app", {"status": "Available", "kind": "App", "apiVersion": "example.com/v1alpha1",
                                  "workflows": 0, "workflowsSucceeded": 0, "workflowsFailed": 0})


class PlatformCase(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = SERVER["api"]
        cls.kp = SERVER["kp"]

    # -- helpers ---------------------------------------------------------
    def kubeconfig(self, user, creds, server=None, ca=True, cluster_extra=None, name="k"):
        """A kubeconfig file in self.dir for this server, with `creds` as the user's credentials."""
        cluster = {"server": server or self.api.url}
        if ca:
            cluster["certificate-authority"] = self.api.server_ca
        cluster.update(cluster_extra or {})
        config = {"apiVersion": "v1", "kind": "Config", "current-context": "platform",
                  "clusters": [{"name": "platform", "cluster": cluster}],
                  "contexts": [{"name": "platform", "context": {"cluster": "platform", "user": user}}],
                  "users": [{"name": user, "user": creds}]}
        path = self.path(name)
        with open(path, "w") as fh:
            json.dump(config, fh)
        return path

    def get(self, *args, kubeconfig=None, env=None):
        # stdin is not a terminal (input=""), so exec plugins are never interactive here.
        return self.kratix_ok("platform", "get", *args, "--kubeconfig", kubeconfig or self.api.kubeconfig, env=env,
                              input="")

    def json_of(self, *args, **kwargs):
        return json.loads(self.get(*args, "-o", "json", **kwargs).out)

    def kubectl_json(self, *args):
        return json.loads(self.api.kubectl("get", *args, "-o", "json").stdout)

    def fails_with_one_line(self, code, *args):
        r = self.kratix_fails(code, *args)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        return r.err


def tree(requests, depth=0):
    """(depth, promise/name) of every request, in the order printed."""
    out = []
    for r in requests:
        out.append((depth, f"{r['promise']}/{r['name']}"))
        out += tree(r["subRequests"], depth + 1)
    return out


class ListingTest(PlatformCase):
    def test_every_request_of_1000_is_listed_in_kubectls_order(self):
        ours = self.json_of("resources", "bulk")
        theirs = self.kubectl_json("bulks.bulk.example.com", "-A")["items"]
        self.assertEqual(len(theirs), BULK)
        self.assertEqual([(r["namespace"], r["name"]) for r in ours["requests"]],
                         [(o["metadata"]["namespace"], o["metadata"]["name"]) for o in theirs])
        table = self.get("resources", "bulk").out.splitlines()
        kubectl = self.api.kubectl("get", "bulks.bulk.example.com", "-A").stdout.splitlines()
        self.assertEqual([line.split()[:2] for line in table], [line.split()[:2] for line in kubectl])

    def test_compound_requests_show_their_sub_requests_as_a_tree(self):
        doc = self.json_of("resources", "app")
        self.assertEqual(tree(doc["requests"]), [
            (0, "app/shop"), (1, "database/shop-db"), (2, "volume/shop-db-vol"), (1, "volume/shop-files"),
            (0, "app/blog")])
        names = [line[12:].split("   ")[0] for line in self.get("resources", "app").out.splitlines()]
        self.assertEqual(names, ["NAME", "shop", "├─ database/shop-db", "│  └─ volume/shop-db-vol",
                                 "└─ volume/shop-files", "blog"])
        files = doc["requests"][0]["subRequests"][1]
        self.assertEqual((files["namespace"], files["apiVersion"], files["kind"]),
                         ("storage", "storage.example.com/v1", "Volume"))

    def test_status_and_message_are_kratixs_as_kubectl_shows_them(self):
        doc = self.json_of("resources", "app")
        ours = {r["name"]: r for r in doc["requests"]}
        columns = "NAME:.metadata.name,MESSAGE:.status.message,STATUS:.status.conditions[?(@.type==\"Reconciled\")].message"
        kubectl = self.api.kubectl("get", "apps.example.com", "-A", "--no-headers", "-o", "custom-columns=" + columns)
        rows = {line.split()[0]: line for line in kubectl.stdout.splitlines()}
        self.assertIn("Resource requested", rows["shop"])
        self.assertEqual(ours["shop"]["message"], "Resource requested")
        self.assertEqual(ours["shop"]["status"], "Reconciled")
        self.assertTrue(rows["shop"].rstrip().endswith("Reconciled"))
        self.assertEqual(ours["blog"]["status"], "Configuring")  # no Reconciled yet: the configure workflow's state
        self.assertEqual(ours["blog"]["message"], "Pipelines are still in progress")
        db = ours["shop"]["subRequests"][0]
        self.assertEqual((db["status"], db["message"]), ("Failing", "pipeline failed: disk full"))
        self.assertEqual(ours["shop"]["workflows"], {"total": 1, "succeeded": 1, "failed": 0})
        self.assertEqual([c["type"] for c in ours["shop"]["conditions"]], ["ConfigureWorkflowCompleted", "Reconciled"])

    def test_wide_adds_workflows_and_conditions(self):
        lines = self.get("resources", "app", "-o", "wide").out.splitlines()
        self.assertEqual(lines[0].split(), ["NAMESPACE", "NAME", "STATUS", "MESSAGE", "AGE", "WORKFLOWS", "CONDITIONS"])
        shop = next(line for line in lines if line.startswith("default     shop "))
        self.assertIn("1/1", shop)
        self.assertTrue(shop.endswith("ConfigureWorkflowCompleted=True,Reconciled=True"), shop)
        self.assertRegex(shop, r"Reconciled +Resource requested +\d+[smhd]")

    def test_yaml_is_the_json_document(self):
        import yaml
        self.assertEqual(yaml.safe_load(self.get("resources", "app", "-o", "yaml").out), self.json_of("resources", "app"))

    def test_namespace_limits_the_requests(self):
        doc = self.json_of("resources", "app", "-n", "team-b")
        self.assertEqual([r["name"] for r in doc["requests"]], ["blog"])
        doc = self.json_of("resources", "bulk", "--namespace", "ns-3")
        self.assertEqual(len(doc["requests"]), BULK // 10)

    def test_promises_with_status_and_version(self):
        ours = self.json_of("promises")["promises"]
        theirs = self.kubectl_json("promises.platform.kratix.io")["items"]
        self.assertEqual([p["name"] for p in ours], sorted(p["metadata"]["name"] for p in theirs))
        app = next(p for p in ours if p["name"] == "app")
        self.assertEqual((app["status"], app["kind"], app["apiVersion"], app["version"]),
                         ("Available", "App", "example.com/v1alpha1", "v1.2.0"))
        lines = self.get("promises").out.splitlines()
        self.assertEqual(lines[0].split(), ["NAME", "STATUS", "KIND", "API", "VERSION", "VERSION", "AGE"])
        self.assertRegex(lines[1], r"^app +Available +App +example\.com/v1alpha1 +v1\.2\.0 +\d+[smh]\S*$")
        static = next(line for line in lines if line.startswith("static "))
        self.assertIn("<none>", static)

    def test_a_promise_without_api_has_no_requests(self):
        r = self.get("resources", "static")
        self.assertEqual(r.out, 'Promise "static" has no API, so it has no requests.\n')
        self.assertIsNone(self.json_of("resources", "static")["api"])

    def test_watch_prints_a_line_for_each_change(self):
        proc = subprocess.Popen([KRATIX, "platform", "get", "resources", "watched", "--watch", "--kubeconfig",
                                 self.api.kubeconfig], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.addCleanup(proc.stderr.close)
        self.addCleanup(proc.stdout.close)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        self.assertTrue(proc.stdout.readline().startswith("NAMESPACE"))
        self.assertTrue(proc.stdout.readline().startswith("default     first "))
        # The watch goes on from the listing's resourceVersion: nothing made after it is missed.
        self.kp.create([self.kp.request("watched", "second", "team-c")])
        self.assertTrue(proc.stdout.readline().startswith("team-c   second   Pending"))
        self.kp.set_status("watched", "team-c", "second", {"message": "Resource requested"})
        self.assertIn("Pending   Resource requested", proc.stdout.readline())
        self.api.kubectl("delete", "watcheds.watch.example.com", "second", "-n", "team-c")
        self.assertTrue(proc.stdout.readline().startswith("team-c   second   Deleted"))


class CredentialsTest(PlatformCase):
    def expect_app(self, kubeconfig, *extra, env=None):
        doc = self.json_of("resources", "app", *extra, kubeconfig=kubeconfig, env=env)
        self.assertEqual([r["name"] for r in doc["requests"]], ["shop", "blog"])

    def test_client_certificate_files_and_inline_data(self):
        self.expect_app(self.api.kubeconfig)
        cert, key = self.api.client_cert("dora")

        def b64(path):
            with open(path, "rb") as fh:
                return base64.b64encode(fh.read()).decode()
        inline = self.kubeconfig("dora", {"client-certificate-data": b64(cert), "client-key-data": b64(key)},
                                 ca=False, cluster_extra={"certificate-authority-data": b64(self.api.server_ca)})
        self.expect_app(inline)

    def test_bearer_token_and_token_file(self):
        self.expect_app(self.api.kubeconfig_for("alice", token="alice-token"))
        with open(self.path("token"), "w") as fh:
            fh.write("alice-token\n")
        self.expect_app(self.kubeconfig("alice", {"tokenFile": "token"}))  # relative to the kubeconfig

    def test_exec_plugin_v1(self):
        self.expect_app(self.api.kubeconfig_for("carol", exec_token="alice-token"))

    def plugin(self, body):
        path = self.path("plugin.py")
        with open(path, "w") as fh:
            fh.write(f"#!{sys.executable}\nimport json, os, sys\n{body}\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        return path

    def test_exec_plugin_v1beta1_gets_its_env_args_and_exec_info(self):
        plugin = self.plugin(
            "info = json.loads(os.environ['KUBERNETES_EXEC_INFO'])\n"
            "open(os.environ['SEEN'], 'w').write(json.dumps({'info': info, 'args': sys.argv[1:]}))\n"
            "print(json.dumps({'apiVersion': 'client.authentication.k8s.io/v1beta1', 'kind': 'ExecCredential',\n"
            "                  'status': {'token': 'alice-token', 'expirationTimestamp': '2999-01-01T00:00:00Z'}}))")
        seen = self.path("seen.json")
        config = self.kubeconfig("erin", {"exec": {
            "apiVersion": "client.authentication.k8s.io/v1beta1", "command": "./plugin.py", "args": ["--flag", "x"],
            "env": [{"name": "SEEN", "value": seen}], "provideClusterInfo": True}})
        self.expect_app(config)
        with open(seen) as fh:
            got = json.load(fh)
        self.assertEqual(got["args"], ["--flag", "x"])
        self.assertEqual(got["info"]["kind"], "ExecCredential")
        self.assertEqual(got["info"]["apiVersion"], "client.authentication.k8s.io/v1beta1")
        self.assertFalse(got["info"]["spec"]["interactive"])  # stdin is not a terminal here
        self.assertEqual(got["info"]["spec"]["cluster"]["server"], self.api.url)
        with open(self.api.server_ca, "rb") as fh:
            self.assertEqual(base64.b64decode(got["info"]["spec"]["cluster"]["certificate-authority-data"]), fh.read())

    def test_exec_plugin_is_asked_again_when_the_server_refuses_its_token(self):
        plugin = self.plugin(
            "runs = os.path.join(os.path.dirname(sys.argv[0]), 'runs')\n"
            "n = len(open(runs).read()) if os.path.exists(runs) else 0\n"
            "open(runs, 'a').write('x')\n"
            "token = 'stale' if n == 0 else 'alice-token'\n"
            "print(json.dumps({'apiVersion': 'client.authentication.k8s.io/v1', 'kind': 'ExecCredential',\n"
            "                  'status': {'token': token}}))")
        config = self.kubeconfig("frank", {"exec": {"apiVersion": "client.authentication.k8s.io/v1",
                                                     "command": plugin, "interactiveMode": "Never"}})
        self.expect_app(config)
        with open(self.path("runs")) as fh:
            self.assertEqual(fh.read(), "xx")

    def test_exec_plugin_failures_are_one_line(self):
        config = self.kubeconfig("gina", {"exec": {"apiVersion": "client.authentication.k8s.io/v1",
                                                    "command": self.path("missing-plugin"), "interactiveMode": "Never",
                                                    "installHint": "install gina-login from the intranet"}})
        err = self.fails_with_one_line(1, "platform", "get", "promises", "--kubeconfig", config)
        self.assertIn('user "gina"', err)
        self.assertIn("install gina-login from the intranet", err)
        plugin = self.plugin("print('{}')")
        config = self.kubeconfig("hank", {"exec": {"apiVersion": "client.authentication.k8s.io/v1",
                                                    "command": plugin, "interactiveMode": "Never"}})
        err = self.fails_with_one_line(1, "platform", "get", "promises", "--kubeconfig", config)
        self.assertIn("answered with apiVersion", err)

    def test_flags_override_the_kubeconfig(self):
        wrong = self.kubeconfig("ivan", {"token": "wrong"}, server=f"https://127.0.0.1:{closed_port()}")
        self.expect_app(wrong, "--server", self.api.url, "--token", "alice-token")
        kubectl = self.api.kubectl("get", "apps.example.com", "-A", "--server", self.api.url, "--token", "alice-token",
                                   kubeconfig=wrong, check=False)
        self.assertEqual(kubectl.returncode, 0, kubectl.stderr)
        no_ca = self.kubeconfig("alice", {"token": "alice-token"}, ca=False, name="no-ca")
        self.expect_app(no_ca, "--certificate-authority", self.api.server_ca)
        self.expect_app(no_ca, "--insecure-skip-tls-verify")
        self.expect_app(self.api.kubeconfig, "--request-timeout", "1m")

    def test_kubeconfig_list_first_file_wins_as_kubectl(self):
        bad = self.kubeconfig("admin", {"token": "wrong"}, name="first")
        good = self.api.kubeconfig
        for order, ok in ((f"{bad}:{good}", False), (f"{good}:{bad}", True), (f"{self.path('none')}:{good}", True)):
            with self.subTest(KUBECONFIG=order):
                env = dict(os.environ, KUBECONFIG=order)
                ours = self.run_kratix("platform", "get", "promises", env={"KUBECONFIG": order})
                theirs = subprocess.run([apiserver.kubectl_binary(), "get", "promises.platform.kratix.io"], env=env,
                                        capture_output=True, text=True, timeout=120)
                self.assertEqual(ours.code == 0, ok, ours)
                self.assertEqual(theirs.returncode == 0, ok, theirs.stderr)

    def test_context_cluster_and_user_flags_pick_entries(self):
        cert, key = self.api.client_cert("jane")
        config = {"apiVersion": "v1", "kind": "Config", "current-context": "broken",
                  "clusters": [{"name": "good", "cluster": {"server": self.api.url,
                                                            "certificate-authority": self.api.server_ca}},
                               {"name": "down", "cluster": {"server": f"https://127.0.0.1:{closed_port()}"}}],
                  "contexts": [{"name": "broken", "context": {"cluster": "down", "user": "nobody"}},
                               {"name": "works", "context": {"cluster": "good", "user": "jane"}}],
                  "users": [{"name": "jane", "user": {"client-certificate": cert, "client-key": key}},
                            {"name": "nobody", "user": {"token": "wrong"}}]}
        path = self.path("multi")
        with open(path, "w") as fh:
            json.dump(config, fh)
        self.expect_app(path, "--context", "works")
        self.expect_app(path, "--cluster", "good", "--user", "jane")


class ErrorsTest(PlatformCase):
    def test_unreachable_server(self):
        config = self.kubeconfig("alice", {"token": "alice-token"}, server=f"https://127.0.0.1:{closed_port()}")
        err = self.fails_with_one_line(1, "platform", "get", "resources", "app", "--kubeconfig", config)
        self.assertIn('context "platform"', err)
        self.assertIn("cannot connect to 127.0.0.1:", err)

    def test_refused_credentials_name_the_user_and_context(self):
        config = self.kubeconfig("mallory", {"token": "not-a-token"})
        err = self.fails_with_one_line(1, "platform", "get", "resources", "app", "--kubeconfig", config)
        self.assertIn("401 Unauthorized", err)
        self.assertIn('user "mallory"', err)
        self.assertIn('context "platform"', err)

    def test_forbidden_names_the_user_and_context(self):
        config = self.api.kubeconfig_for("nosy", groups=["test:forbidden"])
        err = self.fails_with_one_line(1, "platform", "get", "resources", "app", "--kubeconfig", config)
        self.assertIn('user "nosy" of context "oracle" is not allowed', err)
        self.assertIn('cannot get resource "promises"', err)
        err = self.fails_with_one_line(1, "platform", "get", "promises", "--kubeconfig", config)
        self.assertIn('cannot list resource "promises"', err)

    def test_no_right_to_list_crds_lists_the_requests_and_warns(self):
        config = self.api.kubeconfig_for("limited", groups=["test:no-crds"])
        r = self.get("resources", "app", "-o", "json", kubeconfig=config)
        self.assertEqual([x["name"] for x in json.loads(r.out)["requests"]], ["shop", "blog"])
        self.assertIn("Warning: sub-requests of compound Promises are not shown", r.err)

    def test_promise_not_installed(self):
        err = self.fails_with_one_line(1, "platform", "get", "resources", "nope", "--kubeconfig", self.api.kubeconfig)
        self.assertIn('Promise "nope" is not installed on context "oracle" (its Promises: app, bulk, database, '
                      'pending, static, volume, watched)', err)

    def test_promise_whose_api_is_not_on_the_cluster(self):
        err = self.fails_with_one_line(1, "platform", "get", "resources", "pending", "--kubeconfig",
                                       self.api.kubeconfig)
        self.assertIn('the API of Promise "pending" (pendings.pending.example.com) is not served', err)

    def test_kratix_not_installed(self):
        r = SERVER["without_kratix"]
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr, r'^Error: Kratix is not installed on context "oracle" .*promises\.platform\.kratix\.io'
                                   r'.*\n$')

    def test_context_that_does_not_exist(self):
        err = self.fails_with_one_line(1, "platform", "get", "resources", "app", "--kubeconfig", self.api.kubeconfig,
                                       "--context", "prod")
        self.assertIn('context "prod", which does not exist', err)
        self.assertIn("(contexts: oracle)", err)
        kubectl = self.api.kubectl("get", "promises", "--context", "prod", check=False)
        self.assertNotEqual(kubectl.returncode, 0)

    def test_server_certificate_not_trusted(self):
        config = self.kubeconfig("alice", {"token": "alice-token"}, ca=False)
        err = self.fails_with_one_line(1, "platform", "get", "promises", "--kubeconfig", config)
        self.assertIn("TLS connection to 127.0.0.1:", err)
        self.assertIn("certificate-authority", err)

    def test_bad_flags_are_usage_errors(self):
        self.kratix_fails(2, "platform", "get", "resources", "app", "--request-timeout", "soon")
        self.kratix_fails(2, "platform", "get", "resources", "app", "-o", "table")
        self.kratix_fails(2, "platform", "get", "resources")


class ProxyTest(PlatformCase):
    def test_proxy_url_of_the_cluster_is_used(self):
        with Proxy() as proxy:
            config = self.kubeconfig("alice", {"token": "alice-token"}, cluster_extra={"proxy-url": proxy.url})
            doc = self.json_of("resources", "app", kubeconfig=config)
            self.assertEqual(len(doc["requests"]), 2)
            self.assertTrue(any(p.startswith("127.0.0.1:") for p in proxy.paths()), proxy.paths())


    def test_environment_proxies_are_not_used_for_the_loopback_as_kubectl(self):
        with Proxy() as proxy:
            env = {"HTTPS_PROXY": proxy.url, "https_proxy": proxy.url, "NO_PROXY": "", "no_proxy": ""}
            doc = self.json_of("resources", "app", env=env)
            self.assertEqual(len(doc["requests"]), 2)
            kubectl = subprocess.run([apiserver.kubectl_binary(), "--kubeconfig", self.api.kubeconfig, "get",
                                      "apps.example.com", "-A"], env=dict(os.environ, **env), capture_output=True,
                                     text=True, timeout=120)
            self.assertEqual(kubectl.returncode, 0, kubectl.stderr)
            self.assertEqual(proxy.paths(), [])

if __name__ == "__main__":
    unittest.main()
