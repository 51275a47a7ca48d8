"""init helm-promise from a local chart directory: the API schema made from the
chart's values, comments and values.schema.json, and the install pipeline."""
import json
import os
import unittest

import yaml

from harness import KratixTestCase, shared_path
from kube_schema import described_properties, problems_against_crd, structural_problems

DATADOG = shared_path("corpus", "charts", "datadog")
PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")

VALUES = """\
# -- How many replicas to run
replicaCount: 1
image:
  # -- The image repository
  repository: nginx
  # The pull policy,
  # as Kubernetes knows it.
  pullPolicy: IfNotPresent
  tag: "1.25"
# service.port -- The service port
service:
  port: 80
  enabled: true
ratio: 0.5
tolerations: []
hosts:
  - name: a.example.com
    paths: [/]
# -- free-form extra settings
extra:
mode: fast
# -- (string) Overrides the name
nameOverride:
# extraVolumes -- (tpl/list) Volumes to add
extraVolumes:
# -- (int) A port, when set
debugPort:
"""

SCHEMA = {
    "$schema": "https://json-schema.org/draft-07/schema#",
    "$defs": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}},
    "type": "object",
    "required": ["image", "mode"],
    "properties": {
        "replicaCount": {"type": "integer", "exclusiveMinimum": 0, "description": "Replicas (from the schema)"},
        "service": {"type": "object", "properties": {"port": {"$ref": "#/$defs/port"}}, "additionalProperties": False},
        "extra": {"type": ["object", "null"]},
        "mode": {"type": "string", "enum": ["fast", "safe"]},
        "version": {"const": "v1"},
        "size": {"type": ["integer", "string"]},
        "tolerations": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}}}},
    },
}


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def spec_schema(promise):
    return promise["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]


class HelmPromiseTest(KratixTestCase):
    def make_chart(self, with_schema=True):
        self.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.2.3\n")
        self.write("chart/values.yaml", VALUES)
        if with_schema:
            self.write("chart/values.schema.json", json.dumps(SCHEMA))

    def init(self, *extra, code=0):
        r = self.run_kratix("init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                            "--chart-url", "chart", *extra)
        self.assertEqual(r.code, code, r)
        return r

    def test_types_defaults_and_descriptions_from_values_and_comments(self):
        self.make_chart(with_schema=False)
        r = self.init()
        self.assertIn("web promise bootstrapped in the current directory", r.out)
        self.assertIn("preview", r.err)
        s = spec_schema(load(self.path("promise.yaml")))
        self.assertEqual(s["type"], "object")
        self.assertEqual(s["default"], {})
        p = s["properties"]
        self.assertEqual(p["replicaCount"], {"type": "integer", "default": 1, "description": "How many replicas to run"})
        self.assertEqual(p["image"]["properties"]["repository"]["description"], "The image repository")
        self.assertEqual(p["image"]["properties"]["pullPolicy"]["description"], "The pull policy, as Kubernetes knows it.")
        self.assertEqual(p["image"]["properties"]["tag"], {"type": "string", "default": "1.25"})
        self.assertEqual(p["service"]["properties"]["port"]["description"], "The service port")
        self.assertEqual(p["service"]["properties"]["enabled"]["type"], "boolean")
        self.assertEqual(p["ratio"]["type"], "number")
        self.assertEqual(p["tolerations"], {"type": "array", "items": {"x-kubernetes-preserve-unknown-fields": True}})
        self.assertEqual(p["hosts"]["items"]["properties"]["paths"]["items"]["type"], "string")
        self.assertEqual(p["extra"], {"x-kubernetes-preserve-unknown-fields": True, "description": "free-form extra settings"})
        # helm-docs type annotations give null values their type.
        self.assertEqual(p["nameOverride"], {"type": "string", "nullable": True, "description": "Overrides the name"})
        self.assertEqual(p["extraVolumes"], {"type": "array", "nullable": True, "description": "Volumes to add",
                                             "items": {"x-kubernetes-preserve-unknown-fields": True}})
        self.assertEqual(p["debugPort"], {"type": "integer", "nullable": True, "description": "A port, when set"})
        self.assertEqual(structural_problems(load(self.path("promise.yaml"))["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]), [])

    def test_values_schema_json_wins_and_is_made_kubernetes_safe(self):
        self.make_chart()
        r = self.init("--verbose")
        p = spec_schema(load(self.path("promise.yaml")))
        props = p["properties"]
        # image and mode are required, but values.yaml sets them: Helm would never miss them.
        self.assertNotIn("required", p)
        self.assertEqual(p["default"], {})
        self.assertEqual(props["replicaCount"]["description"], "Replicas (from the schema)")
        self.assertEqual((props["replicaCount"]["minimum"], props["replicaCount"]["exclusiveMinimum"]), (0, True))
        self.assertEqual(props["service"]["properties"]["port"]["maximum"], 65535)
        self.assertNotIn("additionalProperties", props["service"])
        self.assertTrue(props["extra"]["nullable"])
        self.assertEqual(props["extra"]["type"], "object")
        self.assertEqual(props["mode"]["enum"], ["fast", "safe"])
        self.assertEqual(props["version"]["enum"], ["v1"])
        self.assertTrue(props["size"]["x-kubernetes-int-or-string"])
        self.assertNotIn("type", props["size"])
        # values.yaml's empty list says nothing of its items; the schema does.
        self.assertEqual(props["tolerations"]["items"]["properties"]["key"], {"type": "string"})
        for remark in ("nullable: true", "additionalProperties: false dropped", "const written", "exclusiveMinimum",
                       "required image dropped"):
            self.assertIn(remark, r.err)
        self.assertEqual(structural_problems(load(self.path("promise.yaml"))["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]), [])
        # Known generator bug, left for #16 (lib/helm): `size` gets both
        # x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields,
        # which the real API server rejects (tests/oracle agrees). When #16
        # fixes it, this becomes: validate exits 0.
        report = json.loads(self.run_kratix("validate", "-o", "json").out)
        self.assertEqual([(e["rule"], e["path"]) for e in report["errors"]],
                         [("structural.int-or-string", "spec.api.spec.versions[0].schema.openAPIV3Schema.properties.spec."
                                                       "properties.size.x-kubernetes-preserve-unknown-fields")])

    def test_pipeline_readme_and_split(self):
        self.make_chart()
        self.init("--chart-name", "web", "--chart-version", "1.2.3")
        pipeline = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]
        self.assertEqual(pipeline["metadata"]["name"], "instance-configure")
        container = pipeline["spec"]["containers"][0]
        self.assertEqual(container["image"], "ghcr.io/syntasso/kratix-cli/helm-resource-configure:v0.2.0")
        self.assertEqual(container["env"], [{"name": "CHART_URL", "value": "chart"}, {"name": "CHART_NAME", "value": "web"},
                                            {"name": "CHART_VERSION", "value": "1.2.3"}])
        self.assertIn("kratix init helm-promise web --chart-url chart --chart-name web --chart-version 1.2.3 --group myorg.com --kind Web",
                      self.read("README.md"))
        self.init("--split", "--dir", "s")
        self.assertEqual(sorted(self.files("s")), ["README.md", "api.yaml", "dependencies.yaml", "example-resource.yaml",
                                                  "workflows/resource/configure/workflow.yaml"])

    def test_bad_input(self):
        os.makedirs(self.path("notachart"))
        r = self.kratix_fails(1, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web", "--chart-url", "notachart")
        self.assertIn("is not a Helm chart (no Chart.yaml)", r.err)
        self.make_chart()
        self.write("chart/values.yaml", "a: [unclosed\n")
        r = self.kratix_fails(1, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web", "--chart-url", "chart")
        self.assertIn("chart/values.yaml:", r.err)
        self.kratix_fails(2, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web")

    @unittest.skipUnless(DATADOG, "../shared is absent")
    def test_the_real_datadog_chart(self):
        r = self.run_kratix("init", "helm-promise", "datadog", "--group", "myorg.com", "--kind", "DatadogStack",
                            "--chart-url", DATADOG)
        self.assertEqual(r.code, 0, r)
        promise = load(self.path("promise.yaml"))
        schema = promise["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        self.assertEqual(structural_problems(schema), [])
        if PROMISE_CRD:
            self.assertEqual(problems_against_crd(promise, load(PROMISE_CRD)), [])
        total, described = described_properties(spec_schema(promise))
        self.assertGreater(total, 500)
        self.assertGreater(described / total, 0.6, (total, described))
        props = spec_schema(promise)["properties"]
        with open(os.path.join(DATADOG, "values.schema.json")) as fh:
            chart_schema = json.load(fh)
        self.assertEqual(props["registryMigrationMode"]["enum"], chart_schema["properties"]["registryMigrationMode"]["enum"])
        enabled = props["datadog"]["properties"]["instrumentationCrd"]["properties"]["enabled"]
        self.assertEqual((enabled["type"], enabled.get("nullable")), ("boolean", True))
        self.assertEqual(self.run_kratix("validate").code, 0)


if __name__ == "__main__":
    unittest.main()
