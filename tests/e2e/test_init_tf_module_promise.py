"""init tf-module-promise: kratix-cli's assets and expected outputs, modules
written for the tests (every type form), and every source form against real
servers on 127.0.0.1: git (git http-backend, and the git@host: form through
a local ssh stand-in), a Terraform registry over HTTPS, archive URLs."""
import copy
import io
import os
import shutil
import stat
import tarfile
import tempfile
import unittest

import yaml

from harness import FIXTURES, KratixTestCase, shared_path  # first: puts tests/servers on the path
import charts
import modules
from kube_schema import structural_problems

CORPUS = shared_path("corpus", "kratix-cli", "terraform")
ASSETS = shared_path("corpus", "kratix-cli-test", "assets", "terraform")
EVERY_TYPE = os.path.join(FIXTURES, "tf-modules", "every-type")
GROUP = ["--group", "example.com", "--kind", "Example"]


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def api_of(doc):
    crd = doc["spec"]["api"] if doc.get("kind") == "Promise" else doc
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


def as_kratix_cli_would(schema):
    """Our spec schema less what we do deliberately better, to compare with
    kratix-cli's: it marks nothing required and always defaults spec to {}."""
    out = copy.deepcopy(schema)
    out.pop("required", None)
    out["default"] = {}
    return out


def without_junk(value):
    if isinstance(value, dict):
        is_object = isinstance(value.get("apiVersion"), str) and isinstance(value.get("kind"), str)
        out = {k: without_junk(v) for k, v in value.items()
               if not (k == "status" and is_object) and not (k == "creationTimestamp" and v is None)
               and not (k in ("jobOptions", "rbac", "config") and v == {})}
        return out
    if isinstance(value, list):
        return [without_junk(v) for v in value]
    return value


class TfModuleTestCase(KratixTestCase):
    def init(self, source, *extra, name="example"):
        return self.kratix_ok("init", "tf-module-promise", name, *GROUP, "--module-source", source, *extra)

    def spec(self, promise="promise.yaml"):
        return api_of(load(self.path(promise)))["properties"]["spec"]

    def check_valid(self, cwd=None):
        r = self.run_kratix("validate", cwd=cwd)
        self.assertEqual(r.code, 0, r)
        api = api_of(load(os.path.join(cwd or self.dir, "promise.yaml")))
        self.assertEqual(structural_problems(api), [])


@unittest.skipUnless(CORPUS and ASSETS, "../shared is absent")
class KratixCliAssetsTest(TfModuleTestCase):
    def test_local_module_matches_kratix_cli_api(self):
        self.init(os.path.join(ASSETS, "modules", "local", "basic"))
        ours = self.spec()
        theirs = api_of(load(os.path.join(ASSETS, "api", "local.yaml")))["properties"]["spec"]
        self.assertEqual(as_kratix_cli_would(ours), theirs)
        # Better than kratix-cli: the variable without a default is required, and so is spec.
        self.assertEqual(ours["required"], ["name"])
        self.assertNotIn("default", ours)
        self.assertEqual(api_of(load(self.path("promise.yaml")))["required"], ["spec"])
        self.assertEqual(load(self.path("example-resource.yaml"))["spec"], {"name": ""})
        self.check_valid()

    def test_promise_shape_matches_kratix_cli_expected_output(self):
        """The googlecloudrun expected output, with our own module standing in for
        the remote one: same workflows, selectors, names and example metadata."""
        module = self.path("module")
        shutil.copytree(EVERY_TYPE, module)
        source = "./module"
        r = self.kratix_ok("init", "tf-module-promise", "googlecloudrun", "--group", "gcp.com", "--kind",
                           "GoogleCloudRun", "--version", "v2", "--module-source", source)
        self.assertIn("Promise generated successfully.", r.out)
        ours = without_junk(load(self.path("promise.yaml")))
        theirs = without_junk(load(os.path.join(CORPUS, "expected-output", "promise.yaml")))
        env = theirs["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        env[0]["value"] = source
        for doc in (ours, theirs):  # the schemas differ (another module); the CRD around them must not
            doc["spec"]["api"]["spec"]["versions"][0].pop("schema")
        self.assertEqual(ours, theirs)
        example = load(self.path("example-resource.yaml"))
        expected = load(os.path.join(CORPUS, "expected-output", "example-resource.yaml"))
        self.assertEqual(example["metadata"], expected["metadata"])
        self.assertEqual((example["apiVersion"], example["kind"]), (expected["apiVersion"], expected["kind"]))
        # The dependencies container, as kratix-cli lays it out.
        home = self.path("workflows", "promise", "configure", "dependencies", "add-tf-dependencies")
        self.assertEqual(sorted(os.listdir(home)), ["Dockerfile", "resources", "scripts"])
        self.assertEqual(os.listdir(os.path.join(home, "resources")), ["versions.tf"])
        with open(os.path.join(EVERY_TYPE, "versions.tf")) as a, open(os.path.join(home, "resources", "versions.tf")) as b:
            self.assertEqual(a.read(), b.read())
        self.assertIn("cp /resources/* /kratix/output", self.read(home, "scripts", "pipeline.sh"))
        self.assertTrue(os.stat(os.path.join(home, "scripts", "pipeline.sh")).st_mode & stat.S_IXUSR)
        readme = self.read("README.md")
        self.assertIn("kratix init tf-module-promise googlecloudrun --module-source ./module --group gcp.com "
                      "--kind GoogleCloudRun --version v2", readme)
        self.check_valid()

    def test_split_layout_matches_kratix_cli_expected_output(self):
        shutil.copytree(EVERY_TYPE, self.path("module"))
        self.kratix_ok("init", "tf-module-promise", "googlecloudrun", "--group", "gcp.com", "--kind", "GoogleCloudRun",
                       "--version", "v2", "--module-source", "./module", "--split")
        split = os.path.join(CORPUS, "expected-output-with-split")
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["README.md", "api.yaml", "dependencies.yaml", "example-resource.yaml", "module", "workflows"])
        self.assertEqual(load(self.path("workflows", "promise", "configure", "workflow.yaml")),
                         load(os.path.join(split, "workflows", "promise", "configure", "workflow.yaml")))
        ours = load(self.path("workflows", "resource", "configure", "workflow.yaml"))
        theirs = load(os.path.join(split, "workflows", "resource", "configure", "workflow.yaml"))
        theirs[0]["spec"]["containers"][0]["env"][0]["value"] = "./module"
        self.assertEqual(ours, theirs)
        self.assertIn(load(self.path("dependencies.yaml")), ([], None))
        self.assertIn("--split", self.read("README.md"))
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 0, r)


class EveryTypeTest(TfModuleTestCase):
    def test_every_type_form(self):
        self.init(EVERY_TYPE, "--generate-outputs")
        spec = self.spec()
        p = spec["properties"]
        self.assertEqual(list(p)[:3], ["name", "replicas", "enabled"])  # variables.tf first, in order
        self.assertEqual(spec["required"], ["name", "database", "password"])
        self.assertEqual(p["replicas"], {"type": "number", "default": 2})
        self.assertEqual(p["enabled"], {"type": "boolean", "default": True})
        self.assertEqual(p["anything"], {"x-kubernetes-preserve-unknown-fields": True,
                                         "description": "Whatever the caller likes", "nullable": True})
        self.assertEqual(p["ports"]["x-kubernetes-list-type"], "set")
        self.assertEqual(p["ports"]["default"], [80, 443])
        self.assertEqual(p["labels"]["default"], {"team": "platform", "tier": "1"})
        self.assertEqual((p["pair"]["minItems"], p["pair"]["maxItems"]), (2, 2))
        db = p["database"]
        self.assertEqual(db["required"], ["engine"])
        self.assertEqual(db["properties"]["size"], {"type": "number", "default": 20})
        self.assertEqual(db["properties"]["backups"]["default"], {"enabled": False})
        self.assertEqual(db["description"], "The database to create.\nSizes are in GiB.\n")
        self.assertEqual(p["rules"]["default"], [{"port": 22, "protocol": "tcp"}])
        self.assertIn("Sensitive:", p["password"]["description"])
        self.assertIn("Validation: length(var.password) >= 12 (The password needs 12 characters or more.)",
                      p["password"]["description"])
        self.assertEqual(p["region"], {"type": "string", "default": "eu-west-2",
                                       "description": "Declared outside variables.tf: kratix reads every .tf file"})
        env = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertEqual(env[-1], {"name": "MODULE_OUTPUT_NAMES", "value": "id,endpoint"})
        self.assertIn("--generate-outputs", self.read("README.md"))
        self.check_valid()

    def test_module_providers_choose_the_dependency_files(self):
        module = self.path("m")
        shutil.copytree(EVERY_TYPE, module)
        with open(os.path.join(module, "providers.tf"), "w") as fh:
            fh.write('provider "null" {}\n')
        self.init("./m", "--module-providers", "providers.tf")
        res = self.path("workflows", "promise", "configure", "dependencies", "add-tf-dependencies", "resources")
        self.assertEqual(os.listdir(res), ["providers.tf"])
        self.kratix_fails(1, "init", "tf-module-promise", "other", *GROUP, "--module-source", "./m",
                          "--module-providers", "nope.tf", "--dir", "other")

    def test_no_provider_files_means_no_dependencies_pipeline(self):
        os.makedirs(self.path("m"))
        with open(self.path("m", "main.tf"), "w") as fh:
            fh.write('variable "x" {\n  default = "y"\n}\n')
        self.init("./m")
        promise = load(self.path("promise.yaml"))
        self.assertEqual(promise["spec"]["workflows"]["promise"]["configure"], [])
        self.assertEqual(self.spec()["default"], {})
        self.assertFalse(os.path.exists(self.path("workflows")))

    def test_bad_modules_fail_cleanly(self):
        bad = self.write("bad/variables.tf", 'variable "a" {\n  type = string\n  default = "x\n}\n')
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source", "./bad")
        self.assertIn(f"Error: bad/variables.tf:3:13: this string is not closed on its line", r.err)
        self.write("empty/main.tf", 'resource "null_resource" "x" {}\n')
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source", "./empty")
        self.assertIn("declares no variables", r.err)
        self.write("types/variables.tf", 'variable "a" {\n  type = lst(string)\n}\n')
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source", "./types")
        self.assertIn("types/variables.tf:2:10: unknown type function lst()", r.err)
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source", "./missing")
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        r = self.kratix_fails(2, "init", "tf-module-promise", "x", *GROUP, "--module-source", "./bad",
                              "--module-registry-version", "1.0.0")
        self.assertIn("only for registry sources", r.err)
        self.assertTrue(os.path.exists(bad))


DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "commands.md")


def help_examples(result):
    """The example commands of a help text, continuation lines joined."""
    commands, current = [], None
    for line in result.out.splitlines():
        text = line.strip()
        if text.startswith("kratix "):
            current = text
        elif current is not None and text:
            current += " " + text
        if current is not None and not current.endswith("\\"):
            commands.append(" ".join(current.replace("\\", " ").split()))
            current = None
    return commands


class DocsTest(TfModuleTestCase):
    def test_help_examples_are_the_documented_ones_and_the_local_one_works(self):
        with open(DOCS) as fh:
            docs = " ".join(fh.read().replace("\\\n", " ").split())
        for sub in ("tf-module-promise", "pulumi-component-promise"):
            examples = help_examples(self.kratix_ok("help", "init", sub))
            self.assertGreaterEqual(len(examples), 2)
            for example in examples:
                self.assertIn(example, docs)
        shutil.copytree(EVERY_TYPE, self.path("modules", "bucket"))
        local = help_examples(self.kratix_ok("help", "init", "tf-module-promise"))[0]
        self.assertTrue(local.endswith("--module-source ./modules/bucket"), local)
        self.kratix_ok(*local.split()[1:])
        self.check_valid()


class GitSourcesTest(TfModuleTestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="kratix-git-")
        with open(os.path.join(EVERY_TYPE, "variables.tf")) as fh:
            every = fh.read()
        cls.first = modules.make_repo(cls.root, "vpc", [
            ({"variables.tf": 'variable "cidr" {\n  type = string\n  default = "10.0.0.0/16"\n}\n',
              "modules/endpoints/variables.tf": 'variable "vpc_id" {\n  type = string\n}\n'}, "v1.0.0"),
            ({"variables.tf": 'variable "cidr" {\n  type = string\n}\nvariable "azs" {\n  type = list(string)\n'
                              '  default = []\n}\n', "modules/all/variables.tf": every}, "v2.0.0"),
            ({"versions.tf": 'terraform {}\n', "modules/linked/variables.tf": 'variable "x" {}\n',
              "modules/linked/versions.tf": ("link", "../../versions.tf"),
              "modules/escape/variables.tf": 'variable "y" {}\n',
              "modules/escape/providers.tf": ("link", "../../../../etc/passwd")}, "v3.0.0"),
        ])
        cls.v1_commit = modules.git("rev-parse", "v1.0.0", cwd=cls.first).strip()
        cls.server = modules.GitServer(cls.root).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_git_prefix_with_tag_and_subdirectory(self):
        self.init(f"git::{self.server.url}/vpc.git//modules/endpoints?ref=v1.0.0")
        self.assertEqual(self.spec()["properties"], {"vpc_id": {"type": "string"}})
        self.assertEqual(self.spec()["required"], ["vpc_id"])
        env = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertEqual(env, [{"name": "MODULE_SOURCE", "value": f"git::{self.server.url}/vpc.git//modules/endpoints?ref=v1.0.0"}])

    def test_plain_https_git_url_default_branch_and_tags(self):
        self.init(f"{self.server.url}/vpc.git")
        self.assertEqual(sorted(self.spec()["properties"]), ["azs", "cidr"])
        shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        self.init(f"{self.server.url}/vpc.git?ref=v1.0.0")
        self.assertEqual(self.spec()["properties"]["cidr"]["default"], "10.0.0.0/16")

    def test_links_inside_the_repository_are_followed_and_outside_refused(self):
        self.init(f"git::{self.server.url}/vpc.git//modules/linked?ref=v3.0.0")
        res = self.path("workflows", "promise", "configure", "dependencies", "add-tf-dependencies", "resources")
        self.assertEqual(self.read(res, "versions.tf"), "terraform {}\n")
        r = self.kratix_fails(1, "init", "tf-module-promise", "y", *GROUP, "--dir", "y", "--module-source",
                              f"git::{self.server.url}/vpc.git//modules/escape?ref=v3.0.0")
        self.assertIn("outside the repository", r.err)

    def test_commit_ref(self):
        self.init(f"git::{self.server.url}/vpc.git?ref={self.v1_commit}")
        self.assertEqual(list(self.spec()["properties"]), ["cidr"])

    def test_every_type_module_from_git(self):
        self.init(f"git::{self.server.url}/vpc.git//modules/all?ref=v2.0.0")
        self.assertEqual(self.spec()["required"], ["name", "database", "password"])
        self.check_valid()

    def test_scp_like_ssh_form(self):
        """git@host:org/repo.git goes through ssh; a stand-in ssh serves the repository locally."""
        ssh = self.write("fake-ssh", "#!/bin/sh\n"
                         "while [ \"${1#-}\" != \"$1\" ]; do case \"$1\" in -o|-p) shift;; esac; shift; done\n"
                         f"shift; cd {self.root} && exec sh -c \"$*\"\n", mode=0o755)
        r = self.run_kratix("init", "tf-module-promise", "x", *GROUP, "--module-source",
                            "git@git.example.com:vpc.git//modules/endpoints?ref=v1.0.0",
                            env={"GIT_SSH_COMMAND": ssh, "GIT_SSH_VARIANT": "ssh"})
        self.assertEqual(r.code, 0, r)
        self.assertEqual(list(self.spec()["properties"]), ["vpc_id"])

    def test_bad_git_sources_fail_cleanly(self):
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source",
                              f"git::{self.server.url}/vpc.git?ref=v9.9.9")
        self.assertIn("ref v9.9.9 was not found in", r.err)
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source",
                              f"git::{self.server.url}/vpc.git//modules/nope?ref=v1.0.0")
        self.assertIn("has no directory modules/nope", r.err)
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source",
                              f"git::http://127.0.0.1:{charts.closed_port()}/vpc.git")
        self.assertIn("cannot reach the git repository", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        r = self.kratix_fails(1, "init", "tf-module-promise", "x", *GROUP, "--module-source",
                              f"{self.server.url}/nothing.git")
        self.assertIn("Error: ", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)


class RegistryAndArchiveTest(TfModuleTestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki_dir = tempfile.mkdtemp(prefix="kratix-pki-")
        cls.pki = charts.make_pki(cls.pki_dir)
        cls.registry = modules.Registry(cls.pki).__enter__()
        files = {"variables.tf": 'variable "bucket" {\n  type = string\n}\n',
                 "modules/logging/variables.tf": 'variable "retention" {\n  type = number\n  default = 30\n}\n',
                 "versions.tf": 'terraform {}\n'}
        cls.registry.archives["s3-1.2.0.tgz"] = modules.module_tgz(files, top="terraform-aws-s3-1.2.0")
        cls.registry.archives["s3-1.3.0.zip"] = modules.module_zip(
            dict(files, **{"variables.tf": 'variable "bucket" {\n  type = string\n}\nvariable "acl" {\n  default = "private"\n}\n'}))
        cls.registry.modules[("acme", "s3", "aws")] = {
            "1.2.0": "/archives/s3-1.2.0.tgz//*",
            "1.3.0": f"{cls.registry.url}/archives/s3-1.3.0.zip",
            "2.0.0-beta1": "/archives/missing.tgz"}
        modules.make_repo(cls.pki_dir, "net", [
            ({"modules/vpc/variables.tf": 'variable "cidr" {\n  type = string\n}\n'}, "v0.9.0")])
        cls.git = modules.GitServer(cls.pki_dir).__enter__()
        cls.registry.modules[("acme", "net", "aws")] = {"0.9.0": f"git::{cls.git.url}/net.git?ref=v0.9.0"}

    @classmethod
    def tearDownClass(cls):
        cls.registry.__exit__(None, None, None)
        cls.git.__exit__(None, None, None)
        shutil.rmtree(cls.pki_dir, ignore_errors=True)

    def test_registry_pointing_at_git(self):
        self.reg("--module-source", f"{self.registry.host}/acme/net/aws//modules/vpc", "--module-registry-version",
                 "0.9.0")
        self.assertEqual(self.spec()["required"], ["cidr"])
        self.assertIn(f"/net.git/info/refs?service=git-upload-pack", self.git.paths())

    def reg(self, *args, code=0):
        fn = self.kratix_ok if code == 0 else lambda *a: self.kratix_fails(code, *a)
        return fn("init", "tf-module-promise", "s3", *GROUP, "--ca-file", self.pki["ca"], *args)

    def test_latest_release_from_the_registry(self):
        seen = len(self.registry.paths())
        self.reg("--module-source", f"{self.registry.host}/acme/s3/aws")
        self.assertEqual(sorted(self.spec()["properties"]), ["acl", "bucket"])
        paths = self.registry.paths()[seen:]
        self.assertEqual(paths[:3], ["/.well-known/terraform.json", "/v1/modules/acme/s3/aws/versions",
                                     "/v1/modules/acme/s3/aws/1.3.0/download"])

    def test_version_constraints_and_subdirectories(self):
        self.reg("--module-source", f"{self.registry.host}/acme/s3/aws//modules/logging",
                 "--module-registry-version", "~> 1.2.0")
        self.assertEqual(self.spec()["properties"], {"retention": {"type": "number", "default": 30}})
        env = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertEqual(env[1], {"name": "MODULE_REGISTRY_VERSION", "value": "~> 1.2.0"})
        self.assertIn("--module-registry-version '~> 1.2.0'", self.read("README.md"))
        self.assertIn("/v1/modules/acme/s3/aws/1.2.0/download", self.registry.paths())

    def test_registry_failures(self):
        r = self.reg("--module-source", f"{self.registry.host}/acme/nope/aws", code=1)
        self.assertIn("module " + self.registry.host + "/acme/nope/aws was not found in the registry", r.err)
        r = self.reg("--module-source", f"{self.registry.host}/acme/s3/aws", "--module-registry-version", ">= 3.0",
                     code=1)
        self.assertIn("no version of", r.err)
        r = self.reg("--module-source", f"{self.registry.host}/acme/s3/aws", "--module-registry-version", "^1.0",
                     code=2)
        self.assertIn("not a version", r.err)
        r = self.kratix_fails(1, "init", "tf-module-promise", "s3", *GROUP, "--module-source",
                              f"{self.registry.host}/acme/s3/aws")
        self.assertIn("certificate", r.err.lower())

    def test_archive_urls(self):
        self.reg("--module-source", f"{self.registry.url}/archives/s3-1.2.0.tgz//terraform-aws-s3-1.2.0/modules/logging")
        self.assertEqual(list(self.spec()["properties"]), ["retention"])
        shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        self.reg("--module-source", f"{self.registry.url}/archives/s3-1.3.0.zip")
        self.assertEqual(sorted(self.spec()["properties"]), ["acl", "bucket"])

    def test_archive_over_http_through_a_proxy_and_after_a_503(self):
        root = self.path("served")
        os.makedirs(root)
        with open(os.path.join(root, "m.tgz"), "wb") as fh:
            fh.write(self.registry.archives["s3-1.2.0.tgz"])
        with charts.ChartRepo(root) as repo, charts.Proxy() as proxy:
            repo.faults["/m.tgz"] = ["503"]
            env = {"HTTP_PROXY": proxy.url, "http_proxy": proxy.url, "NO_PROXY": "", "no_proxy": ""}
            r = self.run_kratix("init", "tf-module-promise", "s3", *GROUP, "--module-source",
                                f"{repo.url}/m.tgz//*", env=env)
            self.assertEqual(r.code, 0, r)
            self.assertEqual(repo.paths(), ["/m.tgz", "/m.tgz"])
            self.assertEqual(len(proxy.requests), 2)
        self.assertEqual(list(self.spec()["properties"]), ["bucket"])

    def test_hostile_archives_are_refused(self):
        link = tarfile.TarInfo("mod/variables.tf")
        link.type = tarfile.SYMTYPE
        link.linkname = "../../etc/passwd"
        self.registry.archives["evil-link.tgz"] = modules.module_tgz({"mod/a.tf": ""}, extra=[link])
        self.registry.archives["evil-dots.tgz"] = modules.module_tgz({"../outside/variables.tf": 'variable "a" {}\n'})
        self.registry.archives["not.zip"] = b"PK\x03\x04 but not really"
        for name, why in (("evil-link.tgz", "a symbolic link to \"../../etc/passwd\", outside the archive"),
                          ("evil-dots.tgz", "\"..\" is not allowed"), ("not.zip", "is not a zip archive")):
            r = self.reg("--module-source", f"{self.registry.url}/archives/{name}", code=1)
            self.assertIn(why, r.err)


if __name__ == "__main__":
    unittest.main()
