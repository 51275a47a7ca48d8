"""The Promises of init tf-module-promise and init pulumi-component-promise
before Kubernetes' and Kratix's own validation (kratix-oracle) and the real API
server: the Promise is accepted, its API is installed as a CRD, the example
request is created, the defaults are applied and required fields enforced."""
import json
import os
import shutil
import subprocess
import sys
import unittest

import yaml

from harness import FIXTURES, KratixTestCase, shared_path  # noqa: I001 (puts tests/servers on the path)
import apiserver
import oracle

EVERY_TYPE = os.path.join(FIXTURES, "tf-modules", "every-type")
BASIC = shared_path("corpus", "kratix-cli-test", "assets", "terraform", "modules", "local", "basic")
PULUMI = shared_path("corpus", "kratix-cli", "pulumi", "schema.valid.json")
GEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "gen_tf_module.py")

MAPPING_SCHEMA = {"resources": {"acme:index:Db": {
    "isComponent": True,
    "inputProperties": {
        "size": {"type": "integer", "default": 10},
        "tier": {"$ref": "#/types/acme:index:Tier"},
        "network": {"$ref": "#/types/acme:index:Net"},
        "role": {"$ref": "/aws/v6.0.0/schema.json#/types/aws:iam:Role"},
        "anything": {"$ref": "pulumi.json#/Any"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "free": {"type": "object"}},
    "requiredInputs": ["network"]}},
    "types": {"acme:index:Tier": {"type": "string", "enum": [{"value": "small"}, {"value": "large"}]},
              "acme:index:Net": {"type": "object", "properties": {"cidr": {"type": "string"},
                                                                 "zones": {"type": "array", "items": {"type": "string"}}},
                                 "required": ["cidr"]}}}


def read(path):
    with open(path) as fh:
        return fh.read()


class GeneratedPromisesTest(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        oracle.need_apiserver()
        cls.api = apiserver.ApiServer().start()
        cls.addClassCleanup(cls.api.stop)
        cls.api.install_crd(read(oracle.PROMISE_CRD))

    def generate(self, name, kind, *args):
        d = self.path(name)
        self.kratix_ok("init", *args[:1], name, "--group", "oracle.example.com", "--kind", kind, "--dir", d, *args[1:])
        return d

    def check(self, d, requests=None):
        """The Promise in d, its CRD, its example and `requests` (name -> (spec, accepted)) everywhere."""
        promise_text = read(os.path.join(d, "promise.yaml"))
        example_text = read(os.path.join(d, "example-resource.yaml"))
        example = yaml.safe_load(example_text)
        requests = requests or {}
        extra = []
        for name, (spec, _) in requests.items():
            extra.append(json.dumps({"apiVersion": example["apiVersion"], "kind": example["kind"],
                                         "metadata": {"name": name, "namespace": "default"}, "spec": spec}))
        verdict = oracle.judge([(promise_text, [example_text, *extra])])[0]
        self.assertTrue(verdict["accepted"], json.dumps(verdict, indent=1))
        self.assertEqual(verdict["problems"], [])
        wanted = [True] + [accepted for _, accepted in requests.values()]
        self.assertEqual([r["accepted"] for r in verdict["resources"]], wanted, json.dumps(verdict["resources"], indent=1))
        created = self.api.create(promise_text, dry_run=True)
        self.assertEqual(created.returncode, 0, created.stderr)
        crd = yaml.safe_load(promise_text)["spec"]["api"]
        self.api.install_crd(json.dumps(crd))  # JSON: PyYAML would write 'y' plain, which Go's YAML reads as true
        r = self.api.create(example_text)
        self.assertEqual(r.returncode, 0, r.stderr)
        for text, (name, (spec, accepted)) in zip(extra, requests.items()):
            r = self.api.create(text)
            self.assertEqual(r.returncode == 0, accepted, (name, r.stderr))
        return example

    def get(self, example, name):
        out = self.api.kubectl("get", f"{example['kind'].lower()}s.{example['apiVersion'].split('/')[0]}", name,
                               "-n", "default", "-o", "json").stdout
        return json.loads(out)["spec"]

    def test_every_terraform_type_form(self):
        d = self.generate("everytype", "EveryType", "tf-module-promise", "--module-source", EVERY_TYPE)
        good = {"name": "db", "database": {"engine": "pg"}, "password": "long-enough-pw"}
        example = self.check(d, {
            "defaults": (good, True),
            "no-name": ({"database": {"engine": "pg"}, "password": "x"}, False),
            "no-engine": ({"name": "a", "database": {}, "password": "x"}, False),
            "bad-pair": (dict(good, pair=["a", 1, 2]), False),
            "any-scalar": (dict(good, anything=42), True),
        })
        spec = self.get(example, "defaults")
        self.assertEqual(spec["replicas"], 2)
        self.assertEqual(spec["database"], {"engine": "pg", "size": 20, "backups": {"enabled": False}, "tags": {}})
        self.assertEqual(spec["rules"], [{"port": 22, "protocol": "tcp"}])
        self.assertEqual(self.get(example, "any-scalar")["anything"], 42)
        no_spec = self.api.create(json.dumps({"apiVersion": example["apiVersion"], "kind": example["kind"],
                                                  "metadata": {"name": "no-spec", "namespace": "default"}}))
        self.assertEqual(no_spec.returncode, 1)
        self.assertIn("spec: Required value", no_spec.stderr)

    @unittest.skipUnless(BASIC, "../shared is absent")
    def test_kratix_cli_local_module(self):
        d = self.generate("basic", "Basic", "tf-module-promise", "--module-source", BASIC)
        self.check(d, {"named": ({"name": "x"}, True), "unnamed": ({"size": 2}, False)})

    def test_the_150_variable_benchmark_module(self):
        module = self.path("big-module")
        subprocess.run([sys.executable, GEN, module, "150"], check=True)
        d = self.generate("big", "Big", "tf-module-promise", "--module-source", module)
        self.check(d)

    @unittest.skipUnless(PULUMI, "../shared is absent")
    def test_kratix_cli_pulumi_schema(self):
        shutil.copy(PULUMI, self.path("schema.valid.json"))
        d = self.generate("pulumi", "Database", "pulumi-component-promise", "--schema", self.path("schema.valid.json"))
        self.check(d, {"no-network": ({"name": "x"}, False), "full": ({"name": "x", "network": {"subnetId": "s"}}, True)})

    def test_pulumi_mapping_rules(self):
        self.write("schema.json", json.dumps(MAPPING_SCHEMA))
        d = self.generate("mapping", "Mapped", "pulumi-component-promise", "--schema", self.path("schema.json"))
        example = self.check(d, {
            "ok": ({"network": {"cidr": "10.0.0.0/16"}, "tier": "small", "anything": [1, "two"],
                    "role": {"arn": "x"}, "free": {"k": {"deep": True}}}, True),
            "bad-tier": ({"network": {"cidr": "10.0.0.0/16"}, "tier": "huge"}, False),
        })
        spec = self.get(example, "ok")
        self.assertEqual(spec["size"], 10)
        self.assertEqual(spec["free"], {"k": {"deep": True}})


if __name__ == "__main__":
    unittest.main()
