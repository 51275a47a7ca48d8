"""Registry credentials go only to the host they are for: the registry's own
scheme, host and port (as Docker and Helm key them: "127.0.0.1:5000" and
"localhost:5000" are two hosts), on every request path: a tags/list Link to
another host, a blob redirected to another host, a token service on another
host. Each "other host" is a real loopback server that records what it got."""
import base64
import json
import os
import pwd
import resource
import shutil
import tempfile
import unittest

from harness import KratixTestCase
from charts import AuthFront, ChartRepo, chart_tgz, closed_port, push_chart
from registry import Registry

BASIC = "Basic " + base64.b64encode(b"bob:pw").decode()


@unittest.skipUnless(Registry.available(), "docker-registry is not installed")
class CredentialHostTest(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        cls.registry = Registry().__enter__()
        cls.charts = {}
        for v in ["1.0.0", "1.2.0", "1.10.0"]:
            data = chart_tgz("web", v, f"v{v.replace('.', '_')}: true\n")
            layer, _ = push_chart(cls.registry.host, "charts/web", v, data)
            cls.charts[v] = (layer, data)

    @classmethod
    def tearDownClass(cls):
        cls.registry.__exit__(None, None, None)

    def setUp(self):
        super().setUp()
        home = self.path("home")
        os.makedirs(home)
        self.env = {"HOME": home, "XDG_CACHE_HOME": home, "DOCKER_CONFIG": os.path.join(home, "docker"),
                    "HTTP_PROXY": "", "http_proxy": "", "HTTPS_PROXY": "", "https_proxy": "", "NO_PROXY": "",
                    "no_proxy": ""}

    def other_host(self, files):
        """A server on 127.0.0.1 reached as "localhost": another host. files: path -> bytes."""
        root = tempfile.mkdtemp(prefix="kratix-other-")
        self.addCleanup(shutil.rmtree, root, ignore_errors=True)
        for path, data in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, path.lstrip("/"))), exist_ok=True)
            with open(os.path.join(root, path.lstrip("/")), "wb") as fh:
                fh.write(data)
        return ChartRepo(root)

    def init(self, front, *extra, out="p", code=0):
        args = ["init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web", "--dir", out,
                "--chart-url", f"oci://{front.host}/charts/web", "--plain-http", "--no-cache", *extra]
        if code:
            return self.kratix_fails(code, *args, env=self.env)
        return self.kratix_ok(*args, env=self.env)

    def test_a_tags_link_to_another_host_gets_no_credentials_and_tags_count_once(self):
        page2 = json.dumps({"name": "charts/web", "tags": ["1.2.0", "1.0.0"]}).encode()
        with self.other_host({"/v2/charts/web/tags/list": page2}) as other:
            link = f'<http://localhost:{other.port}/v2/charts/web/tags/list?last=1.2.0&n=3>; rel="next"'
            with AuthFront(self.registry.port, mode="basic", basic=("bob", "pw"), tags_link=link) as front:
                self.init(front, "--username", "bob", "--password", "pw")
                self.assertIn("v1_10_0", self.read("p", "promise.yaml"))
                self.assertEqual(other.paths(), ["/v2/charts/web/tags/list?last=1.2.0&n=3"])
                self.assertIsNone(other.requests[0][2], "the registry's credentials went to another host")
                # A version that is not there: the nearest ones, each once.
                r = self.init(front, "--username", "bob", "--password", "pw", "--chart-version", "1.3.0", out="q",
                              code=1)
                self.assertIn("nearest: 1.10.0, 1.2.0, 1.0.0\n", r.err)
                self.assertTrue(all(req[2] is None for req in other.requests))

    def test_a_tags_link_back_to_a_page_already_read_ends_the_listing(self):
        with AuthFront(self.registry.port, mode="basic", basic=("bob", "pw"),
                       tags_link='</v2/charts/web/tags/list>; rel="next"') as front:
            self.init(front, "--username", "bob", "--password", "pw")
            authorised = [r for r in front.requests if r[1].endswith("/tags/list") and r[2] == BASIC]
            self.assertEqual(len(authorised), 1)

    def test_a_token_service_on_another_host_gets_no_registry_credentials(self):
        # The realm names the front as "localhost": anonymous tokens there are fine...
        with AuthFront(self.registry.port, mode="bearer", realm_host="localhost") as front:
            self.init(front, "--username", "bob", "--password", "pw", "--chart-version", "1.2.0")
            tokens = [r for r in front.requests if r[1].startswith("/token")]
            self.assertEqual(len(tokens), 1)
            self.assertIsNone(tokens[0][2], "the registry's credentials went to a token service on another host")
        # ...and one that wants credentials gets none, with a message saying why.
        with AuthFront(self.registry.port, mode="bearer", realm_host="localhost",
                       token_credentials=("bob", "pw")) as front:
            r = self.init(front, "--username", "bob", "--password", "pw", out="q", code=1)
            self.assertIn(f"token service is on another host (localhost:{front.port})", r.err)
            self.assertIn("helm pull", r.err)
            self.assertTrue(all(req[2] is None for req in front.requests if req[1].startswith("/token")))
        # On the registry's own host the token service gets them.
        with AuthFront(self.registry.port, mode="bearer", token_credentials=("bob", "pw")) as front:
            self.init(front, "--username", "bob", "--password", "pw", out="same")
            self.assertIn(BASIC, [req[2] for req in front.requests if req[1].startswith("/token")])

    def test_a_blob_redirected_to_another_host_gets_no_token(self):
        layer, data = self.charts["1.2.0"]
        with self.other_host({f"/v2/charts/web/blobs/{layer}": data}) as other:
            with AuthFront(self.registry.port, mode="bearer", token_credentials=("bob", "pw"),
                           redirect_blobs=f"http://localhost:{other.port}") as front:
                self.init(front, "--username", "bob", "--password", "pw", "--chart-version", "1.2.0")
                self.assertIn("v1_2_0", self.read("p", "promise.yaml"))
                self.assertEqual(other.paths(), [f"/v2/charts/web/blobs/{layer}"])
                self.assertIsNone(other.requests[0][2], "the bearer token followed a redirect to another host")
                self.assertIn("Bearer " + front.token, [req[2] for req in front.requests])


class CredentialHelperTest(KratixTestCase):
    def test_a_helper_that_cannot_be_started_is_an_error_not_a_wait_for_another_child(self):
        """fork failing (no processes left for the user) is reported, once."""
        if os.getuid() != 0:
            self.skipTest("needs root to run kratix as another user with no processes left")
        nobody = pwd.getpwnam("nobody")
        home = self.path("home")
        bindir = os.path.join(home, "bin")
        os.makedirs(os.path.join(home, "docker"))
        os.makedirs(bindir)
        with open(os.path.join(home, "docker", "config.json"), "w") as fh:
            json.dump({"credsStore": "kratixtest"}, fh)
        helper = os.path.join(bindir, "docker-credential-kratixtest")
        with open(helper, "w") as fh:
            fh.write("#!/bin/sh\necho '{\"Username\": \"bob\", \"Secret\": \"pw\"}'\n")
        os.chmod(helper, 0o755)
        # The build tree may sit in a directory only its owner can enter
        # (a clone in a mktemp -d): nobody runs a copy of the binary.
        from harness import KRATIX
        kratix = os.path.join(bindir, "kratix")
        shutil.copy2(KRATIX, kratix)
        for root, dirs, files in os.walk(self.dir):
            for name in dirs + files + ["."]:
                os.chown(os.path.join(root, name), nobody.pw_uid, nobody.pw_gid)

        def no_processes():
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))

        with AuthFront(closed_port(), mode="basic", basic=("bob", "pw")) as front:
            import subprocess
            env = {"HOME": home, "DOCKER_CONFIG": os.path.join(home, "docker"), "XDG_CACHE_HOME": home,
                   "PATH": bindir + os.pathsep + os.environ["PATH"], "HTTP_PROXY": "", "http_proxy": ""}
            proc = subprocess.run([kratix, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                                   "--chart-url", f"oci://{front.host}/charts/web", "--plain-http", "--dir", "p"],
                                  cwd=self.dir, env=env, preexec_fn=no_processes, capture_output=True, text=True,
                                  timeout=120)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        # posix_spawn's clone fails with EAGAIN under RLIMIT_NPROC 0.
        self.assertIn("Error: cannot run docker-credential-kratixtest: Resource temporarily unavailable", proc.stderr)
        self.assertEqual(proc.stderr.count("Error:"), 1, proc.stderr)
        self.assertFalse(os.path.exists(self.path("p")))


if __name__ == "__main__":
    unittest.main()
