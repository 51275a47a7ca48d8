"""init helm-promise fetching charts like Helm: chart repositories over HTTP and
HTTPS, OCI registries (docker-registry, with a bearer-token or basic-auth front),
.tgz URLs and local archives; credentials, proxies, retries, the cache, the
progress bar; and every failure as one clear line, exit 1, nothing written.
All servers are real and listen on 127.0.0.1 only."""
import base64
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import unittest

import yaml

from harness import KRATIX, KratixTestCase, run_on_terminal, shared_path, snapshot
from kube_schema import described_properties
import charts
from charts import (AuthFront, ChartRepo, Proxy, chart_tgz, closed_port, datadog_repository, make_pki, push_chart,
                    sha256, write_repo)
from registry import Registry

DATADOG_CHART = shared_path("corpus", "charts", "datadog")
DATADOG_INDEX = shared_path("corpus", "helm-repos", "datadog-index.yaml")

# Each version's values carry a key naming it, so the schema shows which one was used.
VERSIONS = ["1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1"]


def values_for(version):
    key = "v" + version.replace(".", "_").replace("-", "_")
    return f"# -- the replica count\nreplicas: 1\n# -- marks version {version}\n{key}: true\n"


def web_tgz(version):
    return chart_tgz("web", version, values_for(version))


def spec_properties(directory):
    with open(os.path.join(directory, "promise.yaml")) as fh:
        promise = yaml.safe_load(fh)
    api = promise["spec"]["api"]
    return api["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]


def version_in(directory):
    marks = [k for k in spec_properties(directory) if k.startswith("v") and k != "replicas"]
    assert len(marks) == 1, marks
    major, minor, patch, *pre = marks[0][1:].split("_")
    return f"{major}.{minor}.{patch}" + ("-" + ".".join(pre) if pre else "")


class FetchCase(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.cache = tempfile.mkdtemp(prefix="kratix-cache-")
        self.addCleanup(shutil.rmtree, self.cache, ignore_errors=True)
        self.env = {"XDG_CACHE_HOME": self.cache, "HOME": self.cache, "DOCKER_CONFIG": os.path.join(self.cache, "docker"),
                    "HTTP_PROXY": "", "http_proxy": "", "HTTPS_PROXY": "", "https_proxy": "", "NO_PROXY": "", "no_proxy": ""}

    def init(self, *args, out="p", env=None, code=0):
        full_env = dict(self.env)
        full_env.update(env or {})
        cmd = ["init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web", "--dir", out, *args]
        if code:
            # A failure writes nothing: the target stays as it was (absent, usually).
            before = snapshot(self.path(out)) if os.path.exists(self.path(out)) else None
            r = self.kratix_fails(code, *cmd, env=full_env)
            after = snapshot(self.path(out)) if os.path.exists(self.path(out)) else None
            self.assertEqual(after, before, f"{out} changed although the command failed")
            return r
        r = self.run_kratix(*cmd, env=full_env)
        self.assertEqual(r.code, 0, r)
        return r

    def repo_dir(self, versions=VERSIONS, base_url=None):
        root = tempfile.mkdtemp(prefix="kratix-repo-")
        self.addCleanup(shutil.rmtree, root, ignore_errors=True)
        write_repo(root, [("web", v, web_tgz(v)) for v in versions], base_url)
        return root

    def assert_one_line_error(self, r, *words):
        errors = [line for line in r.err.splitlines() if line.startswith("Error: ")]
        self.assertEqual(len(errors), 1, r)
        for w in words:
            self.assertIn(w, errors[0], r)


class RepositoryTest(FetchCase):
    def test_latest_stable_and_constraints(self):
        with ChartRepo(self.repo_dir()) as repo:
            cases = [(None, "1.10.0"), ("^1.0", "1.10.0"), ("~1.2.0", "1.2.0"), (">=1.0 <1.5", "1.2.0"),
                     ("1.0.x", "1.0.0"), ("1.2.0", "1.2.0"), ("2.0.0-rc.1", "2.0.0-rc.1"), (">=2.0.0-0", "2.0.0-rc.1"),
                     ("1.2 - 1.9", "1.2.0")]
            for i, (constraint, expected) in enumerate(cases):
                with self.subTest(constraint=constraint):
                    extra = ["--chart-version", constraint] if constraint else []
                    self.init("--chart-url", repo.url, "--chart-name", "web", *extra, out=f"p{i}")
                    self.assertEqual(version_in(self.path(f"p{i}")), expected)
            # The pipeline replays the flags as given; the README says which version the schema came from.
            with open(self.path("p1", "promise.yaml")) as fh:
                promise = yaml.safe_load(fh)
            env = promise["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
            self.assertIn({"name": "CHART_VERSION", "value": "^1.0"}, env)
            with open(self.path("p1", "README.md")) as fh:
                self.assertIn("chart version 1.10.0", fh.read())

    def test_descriptions_and_defaults_survive_the_download(self):
        with ChartRepo(self.repo_dir()) as repo:
            self.init("--chart-url", repo.url + "/", "--chart-name", "web", "--chart-version", "1.0.0")
            # The index's own URL names the repository too.
            self.init("--chart-url", repo.url + "/index.yaml", "--chart-name", "web", "--chart-version", "1.2.0",
                      out="by-index")
            self.assertEqual(version_in(self.path("by-index")), "1.2.0")
            self.assertEqual(repo.paths()[-2:], ["/index.yaml", "/web-1.2.0.tgz"])
        props = spec_properties(self.path("p"))
        self.assertEqual(props["replicas"], {"type": "integer", "default": 1, "description": "the replica count"})

    def test_absolute_chart_urls_and_credentials_stay_on_their_host(self):
        with ChartRepo(self.repo_dir([]), basic=("ann", "s3cret")) as repo_a:
            other = tempfile.mkdtemp(prefix="kratix-other-")
            self.addCleanup(shutil.rmtree, other, ignore_errors=True)
            with ChartRepo(other) as repo_b:
                # The index on A points at B by absolute URL, under the name "localhost".
                base_b = f"http://localhost:{repo_b.port}"
                write_repo(other, [("web", "1.0.0", web_tgz("1.0.0"))], base_b)
                shutil.copy(os.path.join(other, "index.yaml"), os.path.join(repo_a.root, "index.yaml"))
                self.init("--chart-url", repo_a.url, "--chart-name", "web", "--username", "ann", "--password", "s3cret")
                self.assertEqual(version_in(self.path("p")), "1.0.0")
                self.assertEqual([r[2] for r in repo_a.requests], ["Basic " + base64.b64encode(b"ann:s3cret").decode()])
                self.assertEqual(repo_b.paths(), ["/web-1.0.0.tgz"])
                self.assertIsNone(repo_b.requests[0][2], "credentials leaked to another host")

    def test_redirect_to_another_host_drops_credentials(self):
        other = tempfile.mkdtemp(prefix="kratix-other-")
        self.addCleanup(shutil.rmtree, other, ignore_errors=True)
        with ChartRepo(self.repo_dir(["1.0.0"]), basic=("ann", "s3cret")) as repo_a, ChartRepo(other) as repo_b:
            shutil.copy(os.path.join(repo_a.root, "web-1.0.0.tgz"), other)
            repo_a.faults["/web-1.0.0.tgz"] = [("redirect", f"http://localhost:{repo_b.port}/web-1.0.0.tgz")]
            self.init("--chart-url", repo_a.url, "--chart-name", "web", env={"KRATIX_CHART_USERNAME": "ann",
                                                                             "KRATIX_CHART_PASSWORD": "s3cret"})
            self.assertEqual(repo_b.paths(), ["/web-1.0.0.tgz"])
            self.assertIsNone(repo_b.requests[0][2], "credentials followed the redirect to another host")
            self.assertIsNotNone(repo_a.requests[-1][2])

    def test_basic_auth_missing_or_wrong(self):
        with ChartRepo(self.repo_dir(), basic=("ann", "s3cret")) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "needs credentials", "--username")
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--username", "ann", "--password", "nope", code=1)
            self.assert_one_line_error(r, "HTTP 401")
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--username", "ann", code=2)

    def test_version_or_chart_not_in_the_index(self):
        with ChartRepo(self.repo_dir()) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--chart-version", "1.3.0", code=1)
            self.assert_one_line_error(r, "no version matching \"1.3.0\"", "nearest", "1.2.0")
            r = self.init("--chart-url", repo.url, "--chart-name", "webb", code=1)
            self.assert_one_line_error(r, "webb is not in the repository", "did you mean web?")
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--chart-version", ">=1 <<2", code=2)
            self.assertIn("not a version constraint", r.err)

    def test_bad_flags_and_an_occupied_directory_fail_before_any_download(self):
        with ChartRepo(self.repo_dir()) as repo:
            r = self.kratix_fails(2, "init", "helm-promise", "web", "--group", "Not_A_Group", "--kind", "Web",
                                  "--chart-url", repo.url, "--chart-name", "web", env=self.env)
            self.assertIn("--group", r.err)
            self.write("p/promise.yaml", "kind: Promise\n")
            before = snapshot(self.path("p"))
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "already holds promise.yaml", "--force")
            self.assertEqual(snapshot(self.path("p")), before)
            self.assertEqual(repo.paths(), [])
            self.init("--chart-url", repo.url, "--chart-name", "web", "--force", "--split")
            self.assertTrue(os.path.isfile(self.path("p", "api.yaml")))

    def test_digest_mismatch(self):
        root = self.repo_dir(["1.0.0"])
        with open(os.path.join(root, "web-1.0.0.tgz"), "wb") as fh:
            fh.write(web_tgz("1.0.1"))  # not what the index's digest describes
        with ChartRepo(root) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
        self.assert_one_line_error(r, "sha256", "the repository index says", "try again")
        self.assertEqual(os.listdir(os.path.join(self.cache, "kratix", "charts", "sha256"))
                         if os.path.isdir(os.path.join(self.cache, "kratix", "charts", "sha256")) else [], [])

    def test_transient_failures_are_retried(self):
        with ChartRepo(self.repo_dir()) as repo:
            repo.faults["/index.yaml"] = ["503", "503"]
            repo.faults["/web-1.10.0.tgz"] = ["truncate"]
            self.init("--chart-url", repo.url, "--chart-name", "web")
            self.assertEqual(repo.paths().count("/index.yaml"), 3)
            self.assertEqual(repo.paths().count("/web-1.10.0.tgz"), 2)

    def test_truncated_every_time(self):
        with ChartRepo(self.repo_dir()) as repo:
            repo.faults["/web-1.10.0.tgz"] = ["truncate"] * 10
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "cut short", "4 attempts")

    def test_stalled_downloads_time_out_and_are_retried(self):
        # A stalled request never answers (until the server closes); 3 s is the
        # limit under test, far above what a real answer from 127.0.0.1 takes
        # even on a busy machine (the index and the retried download must not trip it).
        quick = {"KRATIX_HTTP_TIMEOUT": "3"}
        with ChartRepo(self.repo_dir()) as repo:
            repo.faults["/web-1.10.0.tgz"] = ["stall"]
            self.init("--chart-url", repo.url, "--chart-name", "web", out="a", env=quick)
            self.assertEqual(repo.paths().count("/web-1.10.0.tgz"), 2)
            repo.faults["/index.yaml"] = ["stall"] * 10
            r = self.init("--chart-url", repo.url, "--chart-name", "web", out="b", env=quick, code=1)
            self.assert_one_line_error(r, "127.0.0.1", "did not answer in time", "4 attempts", "KRATIX_HTTP_TIMEOUT")
            r = self.init("--chart-url", repo.url, "--chart-name", "web", out="c", env={"KRATIX_HTTP_TIMEOUT": "soon"},
                          code=1)
            self.assert_one_line_error(r, "KRATIX_HTTP_TIMEOUT=soon is not a number of seconds")

    def test_server_errors_unreachable_and_not_a_repository(self):
        with ChartRepo(self.repo_dir()) as repo:
            repo.faults["/index.yaml"] = ["503"] * 10
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "HTTP 503")
            r = self.init("--chart-url", repo.url + "/nowhere", "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "HTTP 404", "chart repository")
            os.makedirs(os.path.join(repo.root, "html"))
            with open(os.path.join(repo.root, "html", "index.yaml"), "w") as fh:
                fh.write("<html><body>hello</body></html>\n")
            r = self.init("--chart-url", repo.url + "/html", "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "is not a chart repository index")
        r = self.init("--chart-url", f"http://127.0.0.1:{closed_port()}", "--chart-name", "web", code=1)
        self.assert_one_line_error(r, "cannot connect to 127.0.0.1")
        r = self.init("--chart-url", "http://127.0.0.1:1/charts", code=2)
        self.assertIn("--chart-name", r.err)

    @unittest.skipUnless(os.environ.get("KRATIX_DLOPEN") == "1", "a build that links libarchive (KRATIX_DLOPEN=OFF)")
    def test_a_libarchive_that_cannot_load_is_named_although_it_loads_during_the_download(self):
        # kratix opens libarchive on a second thread while the index downloads;
        # when it cannot, the error still names it, once, and nothing is written.
        libs = tempfile.mkdtemp(prefix="kratix-libs-")
        self.addCleanup(shutil.rmtree, libs, ignore_errors=True)
        with open(os.path.join(libs, "libarchive.so.13"), "wb") as fh:
            fh.write(b"not a shared library\n")
        with ChartRepo(self.repo_dir()) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", env={"LD_LIBRARY_PATH": libs}, code=1)
            self.assertEqual(repo.paths(), ["/index.yaml", "/web-1.10.0.tgz"])
        self.assert_one_line_error(r, "cannot load libarchive.so.13", "apt install libarchive13")

    @unittest.skipUnless(os.environ.get("KRATIX_DLOPEN") == "1", "a build that links libcurl (KRATIX_DLOPEN=OFF)")
    def test_a_libcurl_that_cannot_load_is_named_and_a_chart_directory_does_not_need_it(self):
        # kratix starts loading libcurl while it reads a command line that names
        # a chart URL; a libcurl that cannot load is still named, once.
        libs = tempfile.mkdtemp(prefix="kratix-libs-")
        self.addCleanup(shutil.rmtree, libs, ignore_errors=True)
        for lib in ("libcurl.so.4", "libarchive.so.13"):
            with open(os.path.join(libs, lib), "wb") as fh:
                fh.write(b"not a shared library\n")
        env = {"LD_LIBRARY_PATH": libs}
        with ChartRepo(self.repo_dir()) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", env=env, code=1)
            self.assertEqual(repo.paths(), [])
        self.assert_one_line_error(r, "cannot load libcurl.so.4", "apt install libcurl4")
        r = self.init(f"--chart-url={repo.url}", "--chart-name", "web", env=env, code=1)
        self.assert_one_line_error(r, "cannot load libcurl.so.4")
        # A chart directory needs neither library, whatever URL the pipeline is given.
        with tarfile.open(fileobj=io.BytesIO(web_tgz("1.0.0"))) as tar:
            tar.extractall(self.path("src"))
        self.init("--chart-url", self.path("src", "web"), "--chart-url-for-pipeline", "https://charts.example.com",
                  env=env)
        self.assertTrue(os.path.exists(self.path("p", "promise.yaml")))

    def test_cache_by_digest_and_no_cache(self):
        with ChartRepo(self.repo_dir()) as repo:
            self.init("--chart-url", repo.url, "--chart-name", "web", out="first")
            cached = os.listdir(os.path.join(self.cache, "kratix", "charts", "sha256"))
            with open(os.path.join(repo.root, "web-1.10.0.tgz"), "rb") as fh:
                self.assertEqual(cached, [sha256(fh.read()) + ".tgz"])
            os.remove(os.path.join(repo.root, "web-1.10.0.tgz"))
            self.init("--chart-url", repo.url, "--chart-name", "web", out="second")  # from the cache
            self.assertEqual(version_in(self.path("second")), "1.10.0")
            self.assertEqual(repo.paths().count("/web-1.10.0.tgz"), 1)
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--no-cache", out="third", code=1)
            self.assert_one_line_error(r, "HTTP 404")

    def test_proxy_from_the_environment(self):
        with ChartRepo(self.repo_dir()) as repo, Proxy() as proxy:
            self.init("--chart-url", repo.url, "--chart-name", "web", out="a", env={"HTTP_PROXY": proxy.url})
            self.assertEqual([p.split("/", 3)[-1] for p in proxy.paths()], ["index.yaml", "web-1.10.0.tgz"])
            self.assertTrue(all(p.startswith(repo.url) for p in proxy.paths()))
            self.init("--chart-url", repo.url, "--chart-name", "web", "--no-cache", out="b",
                      env={"http_proxy": proxy.url, "NO_PROXY": "127.0.0.1"})
            self.assertEqual(len(proxy.paths()), 2, "NO_PROXY was not honoured")

    def test_progress_bar_only_on_a_terminal(self):
        with ChartRepo(self.repo_dir()) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--no-cache", out="quiet")
            self.assertNotIn("Downloading", r.err)
            env = dict(os.environ, **self.env)
            code, seen, out = run_on_terminal([KRATIX, "init", "helm-promise", "web", "--group", "myorg.com", "--kind",
                                               "Web", "--dir", "tty", "--chart-url", repo.url, "--chart-name", "web",
                                               "--no-cache"], self.dir, env, stdout_too=False)
            self.assertEqual(code, 0, seen)
            self.assertIn(b"Downloading web-1.10.0.tgz", seen)
            self.assertIn(b"web promise bootstrapped", out)
            self.assertNotIn(b"Downloading", out)


class TlsTest(FetchCase):
    @classmethod
    def setUpClass(cls):
        cls.pki_dir = tempfile.mkdtemp(prefix="kratix-pki-")
        cls.pki = make_pki(cls.pki_dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.pki_dir, ignore_errors=True)

    def test_ca_file_insecure_and_failure(self):
        with ChartRepo(self.repo_dir(), tls=self.pki) as repo:
            self.assertTrue(repo.url.startswith("https://"))
            r = self.init("--chart-url", repo.url, "--chart-name", "web", code=1)
            self.assert_one_line_error(r, "TLS connection to 127.0.0.1", "--ca-file", "--insecure-skip-tls-verify")
            self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", self.pki["ca"], out="a")
            self.assertEqual(version_in(self.path("a")), "1.10.0")
            self.init("--chart-url", repo.url, "--chart-name", "web", "--insecure-skip-tls-verify", "--no-cache", out="b")
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", "missing.pem", code=2)

    @unittest.skipUnless(Registry.available(), "docker-registry is not installed")
    def test_oci_registry_over_https(self):
        with Registry(tls=self.pki) as registry:
            push_chart(registry.host, "charts/web", "1.2.0", web_tgz("1.2.0"), ca=self.pki["ca"])
            ref = f"oci://{registry.host}/charts/web"
            r = self.init("--chart-url", ref, code=1, out="none")
            self.assert_one_line_error(r, "TLS connection to " + registry.host, "--ca-file")
            r = self.init("--chart-url", ref, "--plain-http", "--ca-file", self.pki["ca"], code=1, out="none")
            self.assert_one_line_error(r, registry.host, "speaks HTTPS", "drop --plain-http")
            self.init("--chart-url", ref, "--ca-file", self.pki["ca"], out="a")
            self.assertEqual(version_in(self.path("a")), "1.2.0")
            self.init("--chart-url", ref + ":1.2.0", "--insecure-skip-tls-verify", "--no-cache", out="b")
            self.assertEqual(version_in(self.path("b")), "1.2.0")

    def test_https_through_a_proxy(self):
        with ChartRepo(self.repo_dir(), tls=self.pki) as repo, Proxy() as proxy:
            self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", self.pki["ca"], out="a",
                      env={"https_proxy": proxy.url})
            self.assertEqual(version_in(self.path("a")), "1.10.0")
            self.assertEqual([(r[0], r[1]) for r in proxy.requests], [("CONNECT", f"127.0.0.1:{repo.port}")])
            # NO_PROXY wins over HTTPS_PROXY.
            self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", self.pki["ca"], "--no-cache",
                      out="b", env={"HTTPS_PROXY": proxy.url, "NO_PROXY": "127.0.0.1"})
            self.assertEqual(len(proxy.requests), 1, "NO_PROXY was not honoured")

    def test_client_certificate(self):
        with ChartRepo(self.repo_dir(), tls=self.pki, client_ca=self.pki["ca"]) as repo:
            r = self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", self.pki["ca"], code=1)
            self.assert_one_line_error(r)
            self.init("--chart-url", repo.url, "--chart-name", "web", "--ca-file", self.pki["ca"],
                      "--cert-file", self.pki["client_cert"], "--key-file", self.pki["client_key"])


class TarballTest(FetchCase):
    def test_tgz_url_and_local_archive(self):
        root = self.repo_dir(["1.2.0"])
        with ChartRepo(root) as repo:
            self.init("--chart-url", repo.url + "/web-1.2.0.tgz", out="a")
            self.assertEqual(version_in(self.path("a")), "1.2.0")
            r = self.init("--chart-url", repo.url + "/web-9.9.9.tgz", code=1)
            self.assert_one_line_error(r, "HTTP 404")
            # A single chart is one version: --chart-version must describe it.
            self.init("--chart-url", repo.url + "/web-1.2.0.tgz", "--chart-version", "^1.0", out="pinned")
            r = self.init("--chart-url", repo.url + "/web-1.2.0.tgz", "--chart-version", "2.0.0", out="c", code=1)
            self.assert_one_line_error(r, "web-1.2.0.tgz is version 1.2.0", "--chart-version 2.0.0")
            self.init("--chart-url", repo.url + "/web-1.2.0.tgz", "--chart-version", ">>1", out="c", code=2)
        shutil.copy(os.path.join(root, "web-1.2.0.tgz"), self.path("web.tgz"))
        self.init("--chart-url", "web.tgz", out="b")
        self.assertEqual(version_in(self.path("b")), "1.2.0")
        # So is a local chart, and --chart-name must name it.
        with tarfile.open(self.path("web.tgz")) as tar:
            tar.extractall(self.path("unpacked"))
        for i, local in enumerate(("web.tgz", "unpacked/web")):
            self.init("--chart-url", local, "--chart-version", "1.2.0", "--chart-name", "web", out=f"local{i}")
            r = self.init("--chart-url", local, "--chart-version", "~1.3", out="c", code=1)
            self.assert_one_line_error(r, "is version 1.2.0", "--chart-version ~1.3")
            r = self.init("--chart-url", local, "--chart-name", "db", out="c", code=1)
            self.assert_one_line_error(r, "is chart web, not --chart-name db")
        self.assertFalse(os.path.exists(self.path("c")))

    def test_unsafe_archives_are_refused(self):
        def info(name, kind, target=""):
            i = tarfile.TarInfo(name)
            i.type = kind
            i.linkname = target
            return i
        ok = [("web/Chart.yaml", b"apiVersion: v2\nname: web\nversion: 1.0.0\n"), ("web/values.yaml", b"a: 1\n")]
        cases = {
            "absolute": (ok + [("/etc/evil", b"x")], "absolute"),
            "dotdot": (ok + [("web/../../evil", b"x")], ".."),
            "symlink-out": (ok + [(info("web/link", tarfile.SYMTYPE, "../../../etc/passwd"), None)], "link"),
            "symlink-abs": (ok + [(info("web/link", tarfile.SYMTYPE, "/etc/passwd"), None)], "link"),
            "hardlink-out": (ok + [(info("web/hard", tarfile.LNKTYPE, "etc/passwd"), None)], "link"),
            "device": (ok + [(info("web/dev", tarfile.CHRTYPE), None)], "device"),
            "fifo": (ok + [(info("web/fifo", tarfile.FIFOTYPE), None)], "FIFO"),
            "not-a-chart": ([("web/values.yaml", b"a: 1\n")], "not a Helm chart"),
            "two-roots": (ok + [("other/x", b"x")], "top-level"),
        }
        for name, (entries, word) in cases.items():
            with self.subTest(name):
                with open(self.path(f"{name}.tgz"), "wb") as fh:
                    fh.write(charts.tgz(entries))
                r = self.init("--chart-url", f"{name}.tgz", code=1)
                self.assert_one_line_error(r, f"{name}.tgz", word)
        with open(self.path("garbage.tgz"), "wb") as fh:
            fh.write(b"this is not an archive at all\n" * 10)
        r = self.init("--chart-url", "garbage.tgz", code=1)
        self.assert_one_line_error(r, "not a chart archive")
        data = charts.tgz(ok + [("web/big", b"y" * 200000)])
        with open(self.path("cut.tgz"), "wb") as fh:
            fh.write(data[: len(data) // 2])
        r = self.init("--chart-url", "cut.tgz", code=1)
        self.assert_one_line_error(r, "truncated")

    def test_bombs_are_refused_and_large_honest_charts_work(self):
        ok = [("web/Chart.yaml", b"apiVersion: v2\nname: web\nversion: 1.0.0\n"), ("web/values.yaml", b"a: 1\n")]
        # 300 MiB of zeros compresses to about 300 KiB.
        with open(self.path("bomb.tgz"), "wb") as fh:
            fh.write(charts.tgz(ok + [("web/zeros", bytes(300 << 20))]))
        self.assertLess(os.path.getsize(self.path("bomb.tgz")), 2 << 20)
        r = self.init("--chart-url", "bomb.tgz", code=1)
        self.assert_one_line_error(r, "bomb.tgz", "MiB")
        with open(self.path("many.tgz"), "wb") as fh:
            fh.write(charts.tgz(ok + [(f"web/files/f{i}", b"") for i in range(10050)]))
        r = self.init("--chart-url", "many.tgz", code=1)
        self.assert_one_line_error(r, "many.tgz", "10000")
        # An honest big chart: 3000 templates and a 20 MiB file.
        big = ok + [(f"web/templates/t{i}.yaml", b"kind: ConfigMap\n" * 20) for i in range(3000)]
        big.append(("web/files/blob.bin", os.urandom(20 << 20)))
        with open(self.path("big.tgz"), "wb") as fh:
            fh.write(charts.tgz(big))
        self.init("--chart-url", "big.tgz")
        self.assertIn("a", spec_properties(self.path("p")))


def find_helm():
    """The real Helm: on PATH, or where ../shared/tools/install-helm puts it (.ci/setup runs it)."""
    cached = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kratix-dev", "bin", "helm")
    return shutil.which("helm") or (cached if os.access(cached, os.X_OK) else None)


HELM = find_helm()


def type_mismatches(chart_schema, ours, path="", defs=None):
    """Paths where the chart's values.schema.json gives a type and our API
    schema gives another ([X, "null"] must become X with nullable: true)."""
    defs = defs if defs is not None else chart_schema.get("$defs", {})
    if "$ref" in chart_schema:
        chart_schema = defs[chart_schema["$ref"].split("/")[-1]]
    found = []
    wanted = chart_schema.get("type")
    if isinstance(wanted, list):
        non_null = [t for t in wanted if t != "null"]
        if len(non_null) == 1:
            if ours.get("type") != non_null[0] or ("null" in wanted and not ours.get("nullable")):
                found.append((path, wanted, ours.get("type"), ours.get("nullable")))
    elif isinstance(wanted, str) and ours.get("type") != wanted:
        found.append((path, wanted, ours.get("type")))
    for key, child in (chart_schema.get("properties") or {}).items():
        if key in (ours.get("properties") or {}):
            found += type_mismatches(child, ours["properties"][key], f"{path}.{key}", defs)
    if isinstance(chart_schema.get("items"), dict) and isinstance(ours.get("items"), dict):
        found += type_mismatches(chart_schema["items"], ours["items"], path + "[]", defs)
    return found


@unittest.skipUnless(DATADOG_CHART and DATADOG_INDEX, "../shared is absent")
class RealDatadogRepositoryTest(FetchCase):
    """The whole path with real data: the real 1.5 MB Datadog index, the real chart."""

    def test_datadog_through_its_real_index(self):
        root = tempfile.mkdtemp(prefix="kratix-datadog-")
        self.addCleanup(shutil.rmtree, root, ignore_errors=True)
        datadog_repository(root, DATADOG_CHART, DATADOG_INDEX)
        with ChartRepo(root) as repo:
            self.init("--chart-url", repo.url, "--chart-name", "datadog", "--chart-version", charts.DATADOG_VERSION,
                      out="remote")
            self.assertEqual(repo.paths(), ["/index.yaml", f"/datadog-{charts.DATADOG_VERSION}.tgz"])
            # A version the index does not have: the nearest ones are named and nothing is downloaded.
            r = self.init("--chart-url", repo.url, "--chart-name", "datadog", "--chart-version", "9.9.9", out="none",
                          code=1)
            self.assert_one_line_error(r, "no version matching \"9.9.9\"", "nearest")
            self.assertEqual(repo.paths()[2:], ["/index.yaml"])
        props = spec_properties(self.path("remote"))
        total, described = described_properties({"properties": props})
        self.assertGreater(total, 500)
        self.assertGreater(described / total, 0.6, (total, described))
        with open(os.path.join(DATADOG_CHART, "values.schema.json")) as fh:
            chart_schema = json.load(fh)
        self.assertEqual(type_mismatches(chart_schema, {"type": "object", "properties": props}), [])
        # The same API as from the chart directory itself.
        self.init("--chart-url", DATADOG_CHART, out="local")
        self.assertEqual(props, spec_properties(self.path("local")))
        with open(self.path("remote", "README.md")) as fh:
            self.assertIn(f"chart version {charts.DATADOG_VERSION}", fh.read())


@unittest.skipUnless(Registry.available(), "docker-registry is not installed")
class OciTest(FetchCase):
    @classmethod
    def setUpClass(cls):
        cls.registry = Registry().__enter__()
        cls.layers, cls.manifests = {}, {}
        for v in ["1.0.0", "1.2.0", "1.10.0+build.1", "2.0.0-rc.1"]:
            cls.layers[v], cls.manifests[v] = push_chart(cls.registry.host, "charts/web", v.replace("+", "_"), web_tgz(v.split("+")[0]))
        push_chart(cls.registry.host, "images/app", "1.0.0", b"not a chart", layer_type="application/vnd.oci.image.layer.v1.tar+gzip")

    @classmethod
    def tearDownClass(cls):
        cls.registry.__exit__(None, None, None)

    def ref(self, host=None, path="charts/web"):
        return f"oci://{host or self.registry.host}/{path}"

    def test_versions_tags_and_digests(self):
        cases = [([], "1.10.0"), (["--chart-version", "~1.2"], "1.2.0"), (["--chart-version", "1.0.0"], "1.0.0"),
                 (["--chart-version", ">=2.0.0-0"], "2.0.0-rc.1")]
        for i, (extra, expected) in enumerate(cases):
            with self.subTest(extra=extra):
                self.init("--chart-url", self.ref(), "--plain-http", *extra, out=f"p{i}")
                self.assertEqual(version_in(self.path(f"p{i}")), expected)
        self.init("--chart-url", self.ref() + ":1.2.0", "--plain-http", out="tag")
        self.assertEqual(version_in(self.path("tag")), "1.2.0")
        # A manifest digest pins the chart; --chart-version must then agree or be absent.
        self.init("--chart-url", self.ref() + "@" + self.manifests["1.0.0"], "--plain-http", out="digest")
        self.assertEqual(version_in(self.path("digest")), "1.0.0")
        self.init("--chart-url", self.ref() + ":1.0.0@" + self.manifests["1.0.0"], "--plain-http", out="both")
        self.assertEqual(version_in(self.path("both")), "1.0.0")
        r = self.init("--chart-url", self.ref() + "@" + self.layers["1.0.0"], "--plain-http", out="layer", code=1)
        self.assert_one_line_error(r, self.layers["1.0.0"])

    def test_not_found_not_a_chart_and_https_required(self):
        r = self.init("--chart-url", self.ref(), "--plain-http", "--chart-version", "1.3.0", code=1)
        self.assert_one_line_error(r, "no version 1.3.0", "nearest", "1.2.0")
        r = self.init("--chart-url", self.ref(path="charts/nothing"), "--plain-http", code=1)
        self.assert_one_line_error(r, "does not exist")
        r = self.init("--chart-url", self.ref(path="images/app"), "--plain-http", code=1)
        self.assert_one_line_error(r, "is not a Helm chart")
        r = self.init("--chart-url", self.ref(), code=1)  # the registry speaks plain HTTP
        self.assert_one_line_error(r, self.registry.host, "plain HTTP", "--plain-http")
        r = self.init("--chart-url", "oci://nohost", code=2)

    def test_anonymous_bearer_token(self):
        with AuthFront(self.registry.port, mode="bearer") as front:
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--chart-version", "1.2.0")
            self.assertEqual(version_in(self.path("p")), "1.2.0")
            token_requests = [r for r in front.requests if r[1].startswith("/token")]
            self.assertEqual(len(token_requests), 1)
            self.assertIn("scope=repository%3Acharts%2Fweb%3Apull", token_requests[0][1])
            self.assertTrue(all(r[2] == "Bearer " + front.token for r in front.requests
                                if not r[1].startswith("/token") and r[2]))

    def test_token_service_with_credentials(self):
        with AuthFront(self.registry.port, mode="bearer", token_credentials=("bob", "pw")) as front:
            r = self.init("--chart-url", self.ref(front.host), "--plain-http", code=1)
            self.assert_one_line_error(r, "refused anonymous access", "--username")
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--username", "bob", "--password", "pw")

    def test_basic_auth_flags_and_stored_credentials(self):
        with AuthFront(self.registry.port, mode="basic", basic=("bob", "pw")) as front:
            r = self.init("--chart-url", self.ref(front.host), "--plain-http", code=1, out="none")
            self.assert_one_line_error(r, "denied", "helm registry login")
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--username", "bob", "--password", "pw",
                      "--no-cache", out="flags")
            # Docker's config file.
            os.makedirs(self.env["DOCKER_CONFIG"])
            with open(os.path.join(self.env["DOCKER_CONFIG"], "config.json"), "w") as fh:
                json.dump({"auths": {front.host: {"auth": base64.b64encode(b"bob:pw").decode()}}}, fh)
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--no-cache", out="docker")
            os.remove(os.path.join(self.env["DOCKER_CONFIG"], "config.json"))
            # Helm's registry config, pointing at a credential helper on PATH.
            helm_config = os.path.join(self.cache, "helm-registry.json")
            with open(helm_config, "w") as fh:
                json.dump({"credHelpers": {front.host: "kratixtest"}}, fh)
            bindir = os.path.join(self.cache, "bin")
            os.makedirs(bindir)
            helper = os.path.join(bindir, "docker-credential-kratixtest")
            with open(helper, "w") as fh:
                fh.write("#!/bin/sh\nread host\n"
                         f"[ \"$host\" = \"{front.host}\" ] || exit 1\n"
                         "echo '{\"Username\": \"bob\", \"Secret\": \"pw\"}'\n")
            os.chmod(helper, 0o755)
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--no-cache", out="helper",
                      env={"HELM_REGISTRY_CONFIG": helm_config, "PATH": bindir + os.pathsep + os.environ["PATH"]})
            # Docker's config with a credsStore for every registry.
            with open(os.path.join(self.env["DOCKER_CONFIG"], "config.json"), "w") as fh:
                json.dump({"credsStore": "kratixtest"}, fh)
            self.init("--chart-url", self.ref(front.host), "--plain-http", "--no-cache", out="store",
                      env={"PATH": bindir + os.pathsep + os.environ["PATH"]})
            # A helper without credentials for the registry (it fails, as Docker's do) means none: denied.
            with open(helper, "w") as fh:
                fh.write("#!/bin/sh\necho 'credentials not found in native keychain' >&2\nexit 1\n")
            r = self.init("--chart-url", self.ref(front.host), "--plain-http", "--no-cache", out="broken", code=1,
                          env={"PATH": bindir + os.pathsep + os.environ["PATH"]})
            self.assert_one_line_error(r, front.host, "denied", "helm registry login")
            for d in ("flags", "docker", "helper", "store"):
                self.assertEqual(version_in(self.path(d)), "1.10.0")

    @unittest.skipUnless(HELM, "the real Helm is not installed (.ci/setup runs ../shared/tools/install-helm)")
    def test_a_chart_packaged_and_pushed_by_the_real_helm(self):
        chart = self.path("src", "pushed")
        self.write("src/pushed/Chart.yaml", "apiVersion: v2\nname: pushed\nversion: 0.3.1\ndescription: pushed by helm\n")
        self.write("src/pushed/values.yaml", "# -- how loud\nvolume: 11\n")
        self.write("src/pushed/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        helm_env = dict(os.environ, HELM_CACHE_HOME=self.path("helm", "cache"), HELM_CONFIG_HOME=self.path("helm", "config"),
                        HELM_DATA_HOME=self.path("helm", "data"), HTTP_PROXY="", HTTPS_PROXY="", http_proxy="",
                        https_proxy="")

        def helm(*args):
            r = subprocess.run([HELM, *args], cwd=self.dir, env=helm_env, capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
        helm("package", chart, "--destination", self.dir)
        helm("push", self.path("pushed-0.3.1.tgz"), f"oci://{self.registry.host}/helm-pushed", "--plain-http")
        self.init("--chart-url", self.ref(path="helm-pushed/pushed"), "--plain-http", "--chart-version", "^0.3")
        self.assertEqual(spec_properties(self.path("p"))["volume"],
                         {"type": "integer", "default": 11, "description": "how loud"})
        with open(self.path("p", "README.md")) as fh:
            self.assertIn("chart version 0.3.1", fh.read())

    def test_cache_by_layer_digest(self):
        self.init("--chart-url", self.ref(), "--plain-http", "--chart-version", "1.2.0", out="a")
        hexdigest = self.layers["1.2.0"].split(":")[1]
        self.assertTrue(os.path.isfile(os.path.join(self.cache, "kratix", "charts", "sha256", hexdigest + ".tgz")))


if __name__ == "__main__":
    unittest.main()
