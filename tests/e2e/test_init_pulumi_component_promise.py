"""init pulumi-component-promise: kratix-cli's schema.valid.json and expected
outputs, schemas written here for the mapping rules and errors, and the URL
form over HTTPS (openssl-made CA) with a bearer token."""
import copy
import json
import os
import shutil
import tempfile
import unittest

import yaml

from harness import KratixTestCase, shared_path  # first: puts tests/servers on the path
import charts
import modules
from kube_schema import structural_problems

CORPUS = shared_path("corpus", "kratix-cli", "pulumi")
GROUP = ["--group", "syntasso.io", "--kind", "Database"]


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def without_junk(value):
    if isinstance(value, dict):
        is_object = isinstance(value.get("apiVersion"), str) and isinstance(value.get("kind"), str)
        return {k: without_junk(v) for k, v in value.items()
                if not (k == "status" and is_object) and not (k == "creationTimestamp" and v is None)
                and not (k in ("config", "promise") and v == {})}
    if isinstance(value, list):
        return [without_junk(v) for v in value]
    return value


def ours_as_kratix_cli_would(promise_or_crd):
    """Ours less what we do deliberately better: the root requires spec when
    spec has required fields, and the (empty) promise configure workflow is written out."""
    out = copy.deepcopy(promise_or_crd)
    crd = out["spec"]["api"] if out.get("kind") == "Promise" else out
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"].pop("required", None)
    if out.get("kind") == "Promise" and out["spec"]["workflows"].get("promise") == {"configure": []}:
        out["spec"]["workflows"].pop("promise")
    return out


def component(inputs, required=None, types=None, token="acme:index:Db", extra=None):
    resources = {token: {"isComponent": True, "inputProperties": inputs, **({"requiredInputs": required} if required else {})}}
    resources.update(extra or {})
    return json.dumps({"name": "acme", "resources": resources, "types": types or {}})


class PulumiTestCase(KratixTestCase):
    def init(self, schema, *extra, name="mypromise"):
        return self.kratix_ok("init", "pulumi-component-promise", name, *GROUP, "--schema", schema, *extra)

    def spec(self):
        promise = load(self.path("promise.yaml"))
        return promise["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]


@unittest.skipUnless(CORPUS, "../shared is absent")
class KratixCliAssetsTest(PulumiTestCase):
    def setUp(self):
        super().setUp()
        shutil.copy(os.path.join(CORPUS, "schema.valid.json"), self.path("schema.valid.json"))

    def test_matches_kratix_cli_expected_output(self):
        r = self.init("./schema.valid.json")
        self.assertEqual(r.out, "Pulumi component Promise generated successfully.\n")
        self.assertIn("local file", r.err)
        ours = without_junk(load(self.path("promise.yaml")))
        theirs = without_junk(load(os.path.join(CORPUS, "expected-output", "promise.yaml")))
        self.assertEqual(ours_as_kratix_cli_would(ours), theirs)
        crd = ours["spec"]["api"]
        self.assertEqual(crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["required"], ["spec"])
        self.assertEqual(structural_problems(crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]), [])
        # The example: kratix-cli's names; typed values where it writes '# type string'.
        example = load(self.path("example-resource.yaml"))
        expected = load(os.path.join(CORPUS, "expected-output", "example-resource.yaml"))
        self.assertEqual({k: example[k] for k in ("apiVersion", "kind", "metadata")},
                         {k: expected[k] for k in ("apiVersion", "kind", "metadata")})
        self.assertEqual(example["spec"], {"name": "", "network": {"subnetId": ""}})
        self.assertIn("kratix init pulumi-component-promise mypromise --schema ./schema.valid.json "
                      "--group syntasso.io --kind Database", self.read("README.md"))
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 0, r)

    def test_split_matches_kratix_cli_expected_output(self):
        self.init("./schema.valid.json", "--split")
        split = os.path.join(CORPUS, "expected-output-with-split")
        self.assertEqual(sorted(self.files()), sorted(["README.md", "api.yaml", "dependencies.yaml",
                                                       "example-resource.yaml", "schema.valid.json",
                                                       "workflows/resource/configure/workflow.yaml"]))
        self.assertEqual(ours_as_kratix_cli_would(load(self.path("api.yaml"))),
                         without_junk(load(os.path.join(split, "api.yaml"))))
        self.assertEqual(load(self.path("workflows", "resource", "configure", "workflow.yaml")),
                         load(os.path.join(split, "workflows", "resource", "configure", "workflow.yaml")))
        self.assertEqual(load(self.path("dependencies.yaml")), load(os.path.join(split, "dependencies.yaml")))
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 0, r)

    def test_secrets_become_the_workflow_env(self):
        self.init("./schema.valid.json", "--schema-bearer-token-secret", "schema-auth:token",
                  "--stack-access-token-secret", "stack-auth:pat")
        containers = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"]
        self.assertEqual(containers[0]["env"][-1], {"name": "PULUMI_ACCESS_TOKEN",
                                                    "valueFrom": {"secretKeyRef": {"name": "schema-auth", "key": "token"}}})
        self.assertEqual(containers[1]["env"][1:], [{"name": "PULUMI_STACK_ACCESS_TOKEN_SECRET_NAME", "value": "stack-auth"},
                                                    {"name": "PULUMI_STACK_ACCESS_TOKEN_SECRET_KEY", "value": "pat"}])
        self.assertIn("--schema-bearer-token-secret schema-auth:token", self.read("README.md"))
        self.kratix_fails(2, "init", "pulumi-component-promise", "x", *GROUP, "--schema", "./schema.valid.json",
                          "--schema-bearer-token-secret", "Bad_Name:key", "--dir", "x")
        self.kratix_fails(2, "init", "pulumi-component-promise", "x", *GROUP, "--schema", "./schema.valid.json",
                          "--stack-access-token-secret", "nokey", "--dir", "x")


class MappingRulesTest(PulumiTestCase):
    def test_every_mapping_rule(self):
        schema = component({
            "size": {"type": "integer", "description": "Disk in GiB", "default": 10},
            "tier": {"$ref": "#/types/acme:index:Tier"},
            "network": {"$ref": "#/types/acme:index%2Fnet:Network", "description": "Where it lives"},
            "owner": {"$ref": "#/resources/acme:index:Owner"},
            "role": {"$ref": "/aws/v6.0.0/schema.json#/types/aws:iam%2Frole:Role"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "choice": {"oneOf": [{"type": "string"}, {"type": "number"}]},
            "bad_default": {"type": "integer", "default": "ten"},
        }, required=["network", "size", "choice"], types={
            "acme:index:Tier": {"type": "string", "enum": [{"name": "Small", "value": "small"}, {"value": "large"}]},
            "acme:index/net:Network": {"type": "object", "properties": {"cidr": {"type": "string"},
                                                                         "zones": {"type": "array", "items": {"type": "string"}}},
                                       "required": ["cidr"]},
        }, extra={"acme:index:Owner": {"inputProperties": {"email": {"type": "string"}}, "requiredInputs": ["email"]}})
        self.write("schema.json", schema)
        r = self.init("schema.json")
        self.assertEqual([l for l in r.err.splitlines() if l.startswith("Warning: skipped")], [
            'Warning: skipped unsupported schema path "spec.bad_default" for component "acme:index:Db": default "ten" '
            'is not a integer; the default is dropped',
            'Warning: skipped unsupported schema path "spec.choice" for component "acme:index:Db": keyword "oneOf"'])
        spec = self.spec()
        p = spec["properties"]
        self.assertEqual(spec["required"], ["network", "size"])
        self.assertEqual(p["size"], {"type": "integer", "description": "Disk in GiB", "default": 10})
        self.assertEqual(p["tier"], {"type": "string", "enum": ["small", "large"]})
        self.assertEqual(p["network"]["required"], ["cidr"])
        self.assertEqual(p["network"]["description"], "Where it lives")
        self.assertEqual(p["owner"]["required"], ["email"])
        self.assertEqual(p["role"], {"type": "object", "x-kubernetes-preserve-unknown-fields": True})
        self.assertEqual(p["bad_default"], {"type": "integer"})
        self.assertNotIn("choice", p)
        self.assertEqual(structural_problems(load(self.path("promise.yaml"))["spec"]["api"]["spec"]["versions"][0]
                                             ["schema"]["openAPIV3Schema"]), [])
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 0, r)

    def test_yaml_schema_and_component_selection(self):
        self.write("schema.yaml", "resources:\n  a:index:One:\n    isComponent: true\n"
                                  "    inputProperties: {x: {type: string}}\n"
                                  "  a:index:Two:\n    isComponent: true\n    inputProperties: {y: {type: boolean}}\n")
        r = self.kratix_fails(2, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "schema.yaml")
        self.assertIn("choose one with --component: a:index:One, a:index:Two", r.err)
        self.init("schema.yaml", "--component", "a:index:Two")
        self.assertEqual(self.spec()["properties"], {"y": {"type": "boolean"}})
        env = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertEqual(env[0], {"name": "PULUMI_COMPONENT_TOKEN", "value": "a:index:Two"})

    def test_bad_schemas_fail_cleanly(self):
        self.write("cycle.json", component({"a": {"$ref": "#/types/acme:index:A"}}, types={
            "acme:index:A": {"type": "object", "properties": {"next": {"$ref": "#/types/acme:index:A"}}}}))
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "cycle.json")
        self.assertIn("the refs form a cycle (#/types/acme:index:A -> #/types/acme:index:A)", r.err)
        self.write("enum.json", component({"a": {"type": "string", "enum": ["x", 2]}}))
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "enum.json")
        self.assertIn("enum value 2 is not compatible with type \"string\"", r.err)
        self.write("broken.json", '{\n  "resources": {\n    "x": [1,,]\n')
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "broken.json")
        self.assertIn("Error: broken.json:3:", r.err)
        r = self.kratix_fails(2, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "ftp://h/s.json")
        self.assertIn("the ftp:// scheme is not supported", r.err)
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "missing.json")
        self.assertIn("no such file", r.err)
        self.write("nocomp.json", '{"resources": {"a:b:C": {"inputProperties": {}}}}')
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema", "nocomp.json")
        self.assertIn("holds no component resource", r.err)


class SchemaUrlTest(PulumiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki_dir = tempfile.mkdtemp(prefix="kratix-pki-")
        cls.pki = charts.make_pki(cls.pki_dir)
        cls.https = modules.BearerFiles(tls=cls.pki, token="s3cret").__enter__()
        cls.https.files["/schema.json"] = component({"name": {"type": "string"}}, required=["name"]).encode()
        cls.http = modules.BearerFiles(token=None).__enter__()
        cls.http.files["/schema.json"] = cls.https.files["/schema.json"]

    @classmethod
    def tearDownClass(cls):
        cls.https.__exit__(None, None, None)
        cls.http.__exit__(None, None, None)
        shutil.rmtree(cls.pki_dir, ignore_errors=True)

    def test_https_url_with_bearer_token(self):
        url = self.https.url + "/schema.json"
        r = self.run_kratix("init", "pulumi-component-promise", "p", *GROUP, "--schema", url, "--ca-file",
                            self.pki["ca"], env={"PULUMI_ACCESS_TOKEN": "s3cret"})
        self.assertEqual(r.code, 0, r)
        self.assertNotIn("local file", r.err)
        self.assertEqual(self.https.requests[-1][2], "Bearer s3cret")
        self.assertEqual(self.spec()["required"], ["name"])
        env = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertEqual(env[1], {"name": "PULUMI_SCHEMA_SOURCE", "value": url})

    def test_token_from_a_file(self):
        token = self.write("token", "s3cret\n")
        r = self.run_kratix("init", "pulumi-component-promise", "p", *GROUP, "--schema", self.https.url + "/schema.json",
                            "--ca-file", self.pki["ca"], env={"PULUMI_ACCESS_TOKEN_FILE": token, "PULUMI_ACCESS_TOKEN": ""})
        self.assertEqual(r.code, 0, r)

    def test_url_failures(self):
        env = {"PULUMI_ACCESS_TOKEN": "wrong"}
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema",
                              self.https.url + "/schema.json", "--ca-file", self.pki["ca"], env=env)
        self.assertIn("HTTP 401", r.err)
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema",
                              self.https.url + "/nope.json", "--ca-file", self.pki["ca"], env={"PULUMI_ACCESS_TOKEN": "s3cret"})
        self.assertIn("HTTP 404", r.err)
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema",
                              self.http.url + "/schema.json", env={"PULUMI_ACCESS_TOKEN": "s3cret"})
        self.assertIn("over plain http://", r.err)
        self.assertEqual(self.http.requests, [])
        r = self.kratix_fails(1, "init", "pulumi-component-promise", "p", *GROUP, "--schema",
                              self.https.url + "/schema.json", env={"PULUMI_ACCESS_TOKEN": "s3cret"})
        self.assertIn("certificate", r.err.lower())


if __name__ == "__main__":
    unittest.main()
