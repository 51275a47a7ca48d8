"""init operator-promise and init crossplane-promise against kratix-cli's own
test inputs and expected outputs (../shared/corpus/kratix-cli)."""
import copy
import os
import unittest

import yaml

from harness import KratixTestCase, shared_path
from kube_schema import problems_against_crd, structural_problems

CORPUS = shared_path("corpus", "kratix-cli")
PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")


# libyaml's loader (python3-yaml has it), with the same safe types: the
# operator CRDs are megabytes, which the pure-Python loader takes seconds over.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=SafeLoader)


def load_all(path):
    with open(path) as fh:
        return [d for d in yaml.load_all(fh, Loader=SafeLoader) if d is not None]


def without_junk(value):
    """kratix-cli's output less the fields its Go round trip adds and ours does not:
    status blocks, creationTimestamp: null, and empty workflow sections."""
    if isinstance(value, dict):
        is_object = isinstance(value.get("apiVersion"), str) and isinstance(value.get("kind"), str)
        out = {k: without_junk(v) for k, v in value.items()
               if not (k == "status" and is_object) and not (k == "creationTimestamp" and v is None)}
        workflows = out.get("spec", {}).get("workflows") if isinstance(out.get("spec"), dict) else None
        if isinstance(workflows, dict):
            for section in ("config", "promise", "resource"):
                if workflows.get(section) in ({}, {"configure": []}):
                    workflows.pop(section)
        return out
    if isinstance(value, list):
        return [without_junk(v) for v in value]
    return value


def api_schema(promise_or_crd):
    crd = promise_or_crd["spec"]["api"] if promise_or_crd.get("kind") == "Promise" else promise_or_crd
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


@unittest.skipUnless(CORPUS, "../shared is absent")
class OperatorPromiseTest(KratixTestCase):
    def init(self, *extra, manifests=None, crd="clusters.postgresql.cnpg.io", code=0):
        manifests = manifests or os.path.join(CORPUS, "e2e-cnpg", "manifests")
        r = self.run_kratix("init", "operator-promise", "postgresql", "--group", "syntasso.io", "--kind", "Database",
                            "--operator-manifests", manifests, "--api-schema-from", crd, *extra)
        self.assertEqual(r.code, code, r)
        return r

    def test_cnpg_matches_kratix_cli_output(self):
        r = self.init("--version", "v1")
        self.assertIn("Promise generated successfully.", r.out)
        self.assertIn("kratix update dependencies", r.out)
        self.assertIn("preview", r.err)
        ours = load(self.path("promise.yaml"))
        expected = without_junk(load(os.path.join(CORPUS, "e2e-cnpg", "expected-promise.yaml")))
        self.assertEqual(without_junk(ours), expected)
        text = self.read("promise.yaml")
        self.assertNotIn("creationTimestamp: null", text)
        self.assertNotIn("status:\n  workflows", text)
        # The example request: same apiVersion, kind and required fields; ours are
        # typed values ("instances: 1") where kratix-cli writes '# type integer'.
        example = load(self.path("example-resource.yaml"))
        theirs = load(os.path.join(CORPUS, "e2e-cnpg", "expected-example-resource.yaml"))
        self.assertEqual((example["apiVersion"], example["kind"]), (theirs["apiVersion"], theirs["kind"]))
        self.assertEqual(example["metadata"], theirs["metadata"])  # example-database in default, as kratix-cli names it
        self.assertEqual(sorted(example["spec"]), sorted(theirs["spec"]))
        self.assertIsInstance(example["spec"]["instances"], int)

    @unittest.skipUnless(PROMISE_CRD, "../shared is absent")
    def test_cnpg_promise_is_valid(self):
        self.init("--version", "v1")
        promise = load(self.path("promise.yaml"))
        self.assertEqual(problems_against_crd(promise, load(PROMISE_CRD)), [])
        self.assertEqual(structural_problems(api_schema(promise)), [])
        # The example request validates against the generated API.
        self.assertEqual(problems_against_crd(load(self.path("example-resource.yaml")), promise["spec"]["api"]), [])

    def test_storage_version_is_used(self):
        # The storage version's name is not a valid Kubernetes version name, so it
        # cannot be kept: kratix asks for --version instead of writing a bad API.
        r = self.init(manifests=os.path.join(CORPUS, "operator"), crd="postgresqls.acid.zalan.do", code=2)
        self.assertIn("storage version 'v1Stored' is not a valid API version name", r.err)
        self.assertIn("--version", r.err)
        self.init("--version", "v1stored", manifests=os.path.join(CORPUS, "operator"), crd="postgresqls.acid.zalan.do")
        crd = load(self.path("promise.yaml"))["spec"]["api"]
        self.assertEqual([v["name"] for v in crd["spec"]["versions"]], ["v1stored"])
        container = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]
        self.assertEqual(container["image"], "ghcr.io/syntasso/kratix-cli/from-api-to-operator:v0.2.2")
        self.assertEqual({e["name"]: e["value"] for e in container["env"]},
                         {"OPERATOR_GROUP": "acid.zalan.do", "OPERATOR_VERSION": "v1Stored", "OPERATOR_KIND": "postgresql"})
        props = api_schema(crd)["properties"]
        self.assertEqual(props["kind"], {"type": "string", "enum": ["Database"]})
        self.assertEqual(props["apiVersion"], {"type": "string", "enum": ["syntasso.io/v1stored"]})
        self.assertEqual(crd["spec"]["names"], {"kind": "Database", "plural": "databases", "singular": "database"})

    def test_every_manifest_is_a_dependency_recursively_with_a_namespace(self):
        self.init("--version", "v2beta1", manifests=os.path.join(CORPUS, "operator"), crd="postgresqls.acid.zalan.do")
        deps = load(self.path("promise.yaml"))["spec"]["dependencies"]
        expected = 0
        for root, _, files in os.walk(os.path.join(CORPUS, "operator")):
            for f in files:
                expected += len(load_all(os.path.join(root, f)))
        self.assertEqual(len(deps), expected)
        self.assertTrue(all(d["metadata"].get("namespace") for d in deps))
        self.assertEqual(api_schema(load(self.path("promise.yaml")))["properties"]["apiVersion"]["enum"],
                         ["syntasso.io/v2beta1"])

    def test_split_layout(self):
        self.init("--split", "--version", "v1")
        self.assertEqual(self.files(), ["README.md", "api.yaml", "dependencies.yaml", "example-resource.yaml",
                                        "workflows/resource/configure/workflow.yaml"])
        expected = without_junk(load(os.path.join(CORPUS, "e2e-cnpg", "expected-promise.yaml")))
        self.assertEqual(load(self.path("api.yaml")), expected["spec"]["api"])
        self.assertEqual(without_junk(load(self.path("api.yaml"))), load(self.path("api.yaml")), "no junk written")
        self.assertEqual(load(self.path("dependencies.yaml")), expected["spec"]["dependencies"])
        self.assertEqual(load(self.path("workflows/resource/configure/workflow.yaml")),
                         expected["spec"]["workflows"]["resource"]["configure"])
        readme = self.read("README.md")
        self.assertIn("kratix init operator-promise postgresql --operator-manifests", readme)
        self.assertIn("--api-schema-from clusters.postgresql.cnpg.io --group syntasso.io --kind Database", readme)

    def test_unknown_crd_lists_the_ones_found(self):
        r = self.kratix_fails(1, "init", "operator-promise", "postgresql", "--group", "syntasso.io", "--kind", "Database",
                              "--operator-manifests", os.path.join(CORPUS, "operator"), "--api-schema-from", "nope.io")
        self.assertIn("no CRD named 'nope.io'", r.err)
        self.assertIn("postgresqls.acid.zalan.do", r.err)

    def test_missing_manifests_and_flags(self):
        r = self.kratix_fails(1, "init", "operator-promise", "pg", "--group", "a.io", "--kind", "Db",
                              "--operator-manifests", "missing", "--api-schema-from", "x")
        self.assertIn("missing does not exist", r.err)
        r = self.kratix_fails(2, "init", "operator-promise", "pg", "--group", "a.io", "--kind", "Db")
        self.assertIn("--operator-manifests is required", r.err)


@unittest.skipUnless(CORPUS, "../shared is absent")
class CrossplanePromiseTest(KratixTestCase):
    def init(self, *extra, xrd="xrd.yaml", code=0):
        r = self.run_kratix("init", "crossplane-promise", "s3buckets", "--group", "syntasso.io", "--kind", "S3Bucket",
                            "--xrd", os.path.join(CORPUS, "crossplane", xrd), *extra)
        self.assertEqual(r.code, code, r)
        return r

    def assert_matches(self, expected_dir, deviations=None):
        ours = load(self.path("promise.yaml"))
        expected = without_junk(load(os.path.join(CORPUS, "crossplane", expected_dir, "promise.yaml")))
        if deviations:
            deviations(expected)
        self.assertEqual(without_junk(ours), expected)
        self.assertEqual(structural_problems(api_schema(ours)), [])
        if PROMISE_CRD:
            self.assertEqual(problems_against_crd(ours, load(PROMISE_CRD)), [])

    def test_xrd_only(self):
        r = self.init()
        self.assertIn("Crossplane Promise generated successfully.", r.out)
        self.assertIn('required field "resourceConfig" has no default value', r.err)
        self.assert_matches("expected-output")
        example = load(self.path("example-resource.yaml"))
        self.assertEqual(example["apiVersion"], "syntasso.io/v1alpha1")
        theirs = load(os.path.join(CORPUS, "crossplane", "expected-output", "example-resource.yaml"))
        self.assertEqual(example["metadata"], theirs["metadata"])  # example-request in default, as kratix-cli
        self.assertEqual(sorted(example["spec"]), ["resourceConfig"])
        self.assertEqual(sorted(example["spec"]["resourceConfig"]), ["providerConfigName", "region", "tags"])
        self.assertIn("--xrd", self.read("README.md"))

    def test_with_compositions(self):
        self.init("--compositions", os.path.join(CORPUS, "crossplane", "composition.yaml"))
        self.assert_matches("expected-output-with-compositions")
        self.assertIn("--compositions", self.read("README.md"))

    def test_with_functions(self):
        self.init("--functions", os.path.join(CORPUS, "crossplane", "function.yaml"))
        self.assert_matches("expected-output-with-functions")

    def test_skip_dependencies(self):
        self.init("--skip-dependencies")
        self.assert_matches("expected-output-with-skip-dependencies")
        self.assertNotIn("dependencies", load(self.path("promise.yaml"))["spec"])

    def test_no_spec_properties(self):
        self.init(xrd="xrd-with-no-spec-properties.yaml")
        self.assert_matches("expected-output-with-no-spec-properties")

    def test_empty_schema_gets_a_structural_spec(self):
        self.init(xrd="xrd-with-empty-openAPIV3Schema.yaml")

        def typed_spec(expected):
            # kratix-cli leaves spec without a type, which the API server rejects.
            api_schema(expected)["properties"]["spec"]["type"] = "object"
        self.assert_matches("expected-output-with-empty-openAPIV3Schema", typed_spec)

    def test_split_layout(self):
        self.init("--split")
        expected = os.path.join(CORPUS, "crossplane", "expected-output-with-split")
        self.assertEqual(load(self.path("api.yaml")), without_junk(load(os.path.join(expected, "api.yaml"))))
        self.assertEqual(load(self.path("dependencies.yaml")), load(os.path.join(expected, "dependencies.yaml")))
        wf = "workflows/resource/configure/workflow.yaml"
        self.assertEqual(load(self.path(wf)), load(os.path.join(expected, wf)))

    def test_version_flag_renames_the_api_version(self):
        self.init("--version", "v2")
        crd = load(self.path("promise.yaml"))["spec"]["api"]
        self.assertEqual(crd["spec"]["versions"][0]["name"], "v2")
        env = crd and load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["env"]
        self.assertIn({"name": "XRD_VERSION", "value": "v1alpha1"}, env)

    def test_bad_input(self):
        r = self.kratix_fails(1, "init", "crossplane-promise", "s3", "--group", "a.io", "--kind", "S3", "--xrd", "nope.yaml")
        self.assertIn("--xrd nope.yaml: no such file", r.err)
        self.write("notxrd.yaml", "apiVersion: v1\nkind: ConfigMap\n")
        r = self.kratix_fails(1, "init", "crossplane-promise", "s3", "--group", "a.io", "--kind", "S3", "--xrd", "notxrd.yaml")
        self.assertIn("notxrd.yaml:1:1: is not a Crossplane CompositeResourceDefinition", r.err)
        self.write("noserved.yaml", "apiVersion: apiextensions.crossplane.io/v1\nkind: CompositeResourceDefinition\n"
                                    "spec:\n  versions:\n  - name: v1\n    served: false\n")
        r = self.kratix_fails(1, "init", "crossplane-promise", "s3", "--group", "a.io", "--kind", "S3", "--xrd", "noserved.yaml")
        self.assertIn("has no served version", r.err)


if __name__ == "__main__":
    unittest.main()
