"""kratix validate: each rule found where it is broken, nothing else flagged,
real Promises validated, JSON output, exit codes, split layouts."""
import copy
import glob
import json
import os
import shutil
import unittest

import yaml

from harness import KratixTestCase, shared_path
from kube_schema import problems_against_crd

PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")
CORPUS = shared_path("corpus", "promises")

PIPELINE = {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": "instance"},
            "spec": {"containers": [{"name": "configure", "image": "ghcr.io/myorg/configure:v1.0.0@sha256:" + "a" * 64}]}}


def dump(data):
    return yaml.safe_dump(data, sort_keys=False)


class ValidateTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        with open(self.path("promise.yaml")) as fh:
            self.promise = yaml.safe_load(fh)
        schema = self.schema(self.promise)
        schema["properties"] = {
            "size": {"type": "string", "enum": ["small", "large"]},
            "replicas": {"type": "integer", "minimum": 1, "maximum": 5},
            "name": {"type": "string", "pattern": "^[a-z]+$"},
            "port": {"x-kubernetes-int-or-string": True},
            "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            "note": {"type": "string", "nullable": True},
        }
        self.promise["spec"]["workflows"]["resource"]["configure"] = [copy.deepcopy(PIPELINE)]
        self.example = {"apiVersion": "myorg.com/v1alpha1", "kind": "Database", "metadata": {"name": "example-pg"},
                        "spec": {"size": "small", "replicas": 2, "port": "5432", "extra": {"any": "thing"}, "note": None}}
        self.save()

    @staticmethod
    def schema(promise):
        return promise["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]

    def save(self):
        self.write("promise.yaml", dump(self.promise))
        self.write("example-resource.yaml", dump(self.example))

    def validate(self, *args, code=None):
        r = self.run_kratix("validate", "-o", "json", *args)
        report = json.loads(r.out)
        if code is not None:
            self.assertEqual(r.code, code, r)
        self.assertEqual(r.code, 0 if report["valid"] else 1)
        return report

    def assert_only(self, rule, report=None):
        report = report or self.validate(code=1)
        self.assertEqual(sorted({e["rule"] for e in report["errors"]}), [rule], json.dumps(report, indent=1))
        return report["errors"]

    def test_a_good_promise_is_valid_with_no_warnings(self):
        report = self.validate(code=0)
        self.assertEqual(report, {"valid": True, "errors": [], "warnings": []})
        r = self.kratix_ok("validate")
        self.assertEqual(r.out, "valid: 0 error(s), 0 warning(s)\n")

    def test_crd_rules(self):
        cases = {
            "crd.scope": lambda p: p["spec"]["api"]["spec"].__setitem__("scope", "Cluster"),
            "crd.name": lambda p: p["spec"]["api"]["metadata"].__setitem__("name", "wrong.myorg.com"),
            "crd.storage": lambda p: p["spec"]["api"]["spec"]["versions"].append(
                dict(copy.deepcopy(p["spec"]["api"]["spec"]["versions"][0]), name="v1")),
            "crd.versions": lambda p: p["spec"]["api"]["spec"].__setitem__("versions", []),
            "structural.type-missing": lambda p: self.schema(p)["properties"].__setitem__("bad", {"description": "x"}),
            "structural.properties-and-additional": lambda p: self.schema(p).__setitem__("additionalProperties", {"type": "string"}),
            "structural.default": lambda p: self.schema(p)["properties"]["size"].__setitem__("default", "medium"),
            "structural.forbidden": lambda p: self.schema(p)["properties"]["size"].__setitem__("$ref", "#/x"),
            "structural.metadata": lambda p: p["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"].__setitem__(
                "metadata", {"type": "object", "properties": {"labels": {"type": "object"}}}),
        }
        original = copy.deepcopy(self.promise)
        for rule, breaks in cases.items():
            with self.subTest(rule=rule):
                self.promise = copy.deepcopy(original)
                breaks(self.promise)
                self.save()
                errors = self.assert_only(rule)
                self.assertTrue(all(e["file"].endswith("promise.yaml") and e["line"] > 0 for e in errors))
        self.promise = copy.deepcopy(original)
        self.promise["spec"]["api"]["spec"]["names"]["plural"] = "Databases"
        self.promise["spec"]["api"]["metadata"]["name"] = "Databases.myorg.com"
        self.save()
        self.assert_only("crd.names")

    def test_promise_schema_rules(self):
        self.promise["spec"]["destinationSelector"] = [{"matchLabels": {"a": "b"}}]
        self.save()
        errors = self.assert_only("promise.unknown-field")
        self.assertEqual(errors[0]["path"], "spec.destinationSelector")
        del self.promise["spec"]["destinationSelector"]
        self.promise["spec"]["workflows"]["resource"]["configure"] = "instance"
        self.save()
        self.assert_only("promise.type")

    def test_webhook_rules(self):
        pipelines = self.promise["spec"]["workflows"]["resource"]["configure"]
        cases = {
            "webhook.duplicate-pipeline": lambda: pipelines.append(copy.deepcopy(PIPELINE)),
            "webhook.pipeline-id-length": lambda: pipelines[0]["metadata"].__setitem__("name", "x" * 40),
            "webhook.pipeline-label": lambda: pipelines[0]["metadata"].__setitem__("labels", {"bad key": "v"}),
            "webhook.duplicate-container": lambda: pipelines[0]["spec"]["containers"].append(
                copy.deepcopy(pipelines[0]["spec"]["containers"][0])),
            "webhook.container-name": lambda: pipelines[0]["spec"]["containers"][0].__setitem__("name", "Bad_Name"),
            "webhook.image": lambda: pipelines[0]["spec"]["containers"][0].pop("image"),
            "webhook.reconciliation-interval": lambda: self.promise["spec"]["workflows"].__setitem__(
                "config", {"reconciliationInterval": "30s"}),
        }
        original = copy.deepcopy(self.promise)
        for rule, breaks in cases.items():
            with self.subTest(rule=rule):
                self.promise = copy.deepcopy(original)
                pipelines = self.promise["spec"]["workflows"]["resource"]["configure"]
                breaks()
                self.save()
                self.assert_only(rule)

    def test_requests_against_the_api(self):
        cases = {
            "resource.type": ("replicas", "two"),
            "resource.enum": ("size", "medium"),
            "resource.maximum": ("replicas", 9),
            "resource.pattern": ("name", "Not-Lower"),
            "resource.unknown-field": ("sizee", "small"),
        }
        original = copy.deepcopy(self.example)
        for rule, (key, value) in cases.items():
            with self.subTest(rule=rule):
                self.example = copy.deepcopy(original)
                self.example["spec"][key] = value
                self.save()
                errors = self.assert_only(rule)
                self.assertTrue(errors[0]["file"].endswith("example-resource.yaml"))
                self.assertEqual(errors[0]["path"], f"spec.{key}")
        # int-or-string, null for a nullable field, YAML 1.1 booleans as Kubernetes reads them.
        self.example = copy.deepcopy(original)
        self.example["spec"]["port"] = 5432
        self.save()
        self.validate(code=0)
        self.write("more.yaml", "apiVersion: myorg.com/v1alpha1\nkind: Database\nmetadata: {name: x}\nspec:\n  size: yes\n")
        errors = self.assert_only("resource.type", self.validate("--resource", "more.yaml", code=1))
        self.assertEqual((errors[0]["file"], errors[0]["line"], errors[0]["column"]), ("more.yaml", 5, 9))
        self.write("other.yaml", "apiVersion: myorg.com/v9\nkind: Database\nmetadata: {name: x}\n")
        self.assert_only("resource.api-version", self.validate("--resource", "other.yaml", code=1))

    def test_warnings_and_strict(self):
        self.promise["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["image"] = "myorg/configure"
        self.promise["spec"]["dependencies"] = [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}},
                                                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}]
        self.save()
        os.makedirs(self.path("workflows"))
        report = self.validate(code=0)
        self.assertEqual(report["errors"], [])
        self.assertEqual(sorted(w["rule"] for w in report["warnings"]),
                         ["warn.container-directory", "warn.dependency-namespace", "warn.image-digest", "warn.image-latest"])
        self.assertFalse(self.validate("--strict", code=1)["valid"])
        r = self.run_kratix("validate", "--strict")
        self.assertEqual(r.code, 1)
        self.assertIn("warning [warn.image-latest]", r.out)

    def test_text_output_names_file_line_and_column(self):
        self.promise["spec"]["api"]["spec"]["scope"] = "Cluster"
        self.save()
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 1)
        line = next(i for i, l in enumerate(self.read("promise.yaml").splitlines(), 1) if "scope: Cluster" in l)
        self.assertIn(f"./promise.yaml:{line}:", r.out)
        self.assertIn("error [crd.scope]", r.out)
        self.assertTrue(r.out.endswith("invalid: 1 error(s), 0 warning(s)\n"))

    def test_split_layout_points_at_the_part_files(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        self.write("s/api.yaml", self.read("s/api.yaml").replace("scope: Namespaced", "scope: Cluster"))
        report = self.validate("--dir", "s", code=1)
        self.assertEqual([(e["rule"], os.path.basename(e["file"]), e["line"]) for e in report["errors"]],
                         [("crd.scope", "api.yaml", 11)])

    def test_the_api_servers_false_positives_are_gone(self):
        """Each of these the API server and Kratix accept: so does kratix validate."""
        pipeline = self.promise["spec"]["workflows"]["resource"]["configure"][0]
        pipeline["spec"]["restartPolicy"] = "Never"
        self.promise["spec"]["requiredPromises"] = [{"name": "other"}]
        self.promise["spec"]["dependencies"] = None
        self.promise["spec"]["workflows"]["config"] = {"reconciliationInterval": "+10m"}
        self.schema(self.promise)["properties"]["quantity"] = {
            "anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}
        self.schema(self.promise)["properties"]["letters"] = {"type": "string", "pattern": "^\\pL+$"}
        self.save()
        self.write("promise.yaml", self.read("promise.yaml") + "---\n")
        self.assertEqual(self.validate(code=0)["errors"], [])
        # A YAML merge key, resolved as Kubernetes' YAML reader does.
        self.write("promise.yaml", self.read("promise.yaml").replace(
            "  api:", "  destinationSelectors: [{matchLabels: &l {a: b}}, {matchLabels: {<<: *l, c: d}}]\n  api:", 1))
        self.assertIn("<<: *l", self.read("promise.yaml"))
        self.assertEqual(self.validate(code=0)["errors"], [])

    def test_what_kratix_runs_but_is_likely_a_mistake_is_a_warning(self):
        pipelines = self.promise["spec"]["workflows"]["resource"]["configure"]
        pipelines.append({"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline",
                          "metadata": {"name": "empty.pipeline"}, "spec": {"containers": []}})
        self.promise["spec"]["api"]["spec"]["versions"][0]["served"] = False
        self.save()
        report = self.validate(code=0)
        self.assertEqual(sorted(w["rule"] for w in report["warnings"]), ["warn.no-containers", "warn.no-served-version"])
        pipelines[1]["metadata"]["name"] = "empty_pipeline"  # not a valid service account name: Kratix refuses it
        self.save()
        self.assert_only("webhook.pipeline-name")

    def test_the_api_servers_false_negatives_are_caught(self):
        def pipeline(p):
            return p["spec"]["workflows"]["resource"]["configure"][0]

        def container(p):
            return pipeline(p)["spec"]["containers"][0]

        cases = {
            "promise.unknown-field": lambda p: container(p).__setitem__("volumeMount", [{"name": "x"}]),
            "promise.type": lambda p: container(p).__setitem__("env", [{"name": "A", "value": 1}]),
            "webhook.container-name": lambda p: container(p).__setitem__("name", "status-writer"),
            "webhook.volume-mount": lambda p: container(p).__setitem__("volumeMounts", [{"name": "v", "mountPath": "/v"}]),
            "webhook.promise-name": lambda p: p["metadata"].__setitem__("name", "Not_A_Subdomain"),
            "webhook.reconciliation-interval": lambda p: p["metadata"].__setitem__(
                "annotations", {"kratix.io/reconciliation-interval": "30s"}),
            "crd.names": lambda p: p["spec"]["api"]["spec"]["names"].__setitem__("shortNames", ["Bad_Short"]),
            "structural.properties-and-additional": lambda p: self.schema(p).__setitem__("additionalProperties", False),
            "structural.additional-properties": lambda p: p["spec"]["api"]["spec"]["versions"][0]["schema"][
                "openAPIV3Schema"].__setitem__("additionalProperties", {"type": "string"}),
            "structural.pattern": lambda p: self.schema(p)["properties"]["name"].__setitem__("pattern", "^(?=a)"),
            "structural.type-unknown": lambda p: self.schema(p)["properties"]["size"].__setitem__("type", "strng"),
            "structural.preserve-unknown-fields": lambda p: self.schema(p).__setitem__(
                "x-kubernetes-preserve-unknown-fields", False),
            "structural.metadata": lambda p: p["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"][
                "properties"].__setitem__("metadata", {"type": "object", "description": "not allowed"}),
        }
        original = copy.deepcopy(self.promise)
        for rule, breaks in cases.items():
            with self.subTest(rule=rule):
                self.promise = copy.deepcopy(original)
                breaks(self.promise)
                self.save()
                self.assert_only(rule)
        self.promise = copy.deepcopy(original)
        self.promise["spec"]["destinationSelectors"] = [{"matchExpressions": [{"key": "a", "operator": "Exists"}]}]
        self.save()
        self.assertEqual(self.assert_only("promise.unknown-field")[0]["path"], "spec.destinationSelectors[0].matchExpressions")

    def test_shapes_that_crashed_get_clear_errors(self):
        original = copy.deepcopy(self.promise)
        cases = {
            "spec.api is empty": lambda p: p["spec"].__setitem__("api", {}),
            "API without metadata": lambda p: p["spec"]["api"].pop("metadata"),
            "container that is a string": lambda p: p["spec"]["workflows"]["resource"]["configure"][0]["spec"].__setitem__(
                "containers", ["configure"]),
        }
        for name, breaks in cases.items():
            with self.subTest(case=name):
                self.promise = copy.deepcopy(original)
                breaks(self.promise)
                self.save()
                r = self.run_kratix("validate")
                self.assertEqual(r.code, 1, r)
                self.assertEqual(r.err, "")
                self.assertRegex(r.out, r"promise\.yaml:\d+:\d+: error \[")
        self.write("promise.yaml", "just a string\n")
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 1, r)
        self.assertIn("promise.yaml:1:1: error [promise.type] the file holds a plain value, not a Promise", r.out)

    def test_cel_rules_are_named_as_not_checked(self):
        self.schema(self.promise)["x-kubernetes-validations"] = [{"rule": "self.replicas <= 3"}]
        self.save()
        report = self.validate(code=0)
        self.assertEqual([w["rule"] for w in report["warnings"]], ["warn.cel-not-checked"])
        self.assertIn("self.replicas <= 3", report["warnings"][0]["message"])
        self.assertFalse(self.validate("--strict", code=1)["valid"])

    def test_malformed_yaml_and_missing_promise(self):
        self.write("promise.yaml", "spec: [unclosed\n")
        report = self.validate(code=1)
        self.assertEqual(report["errors"][0]["rule"], "yaml.syntax")
        self.kratix_fails(1, "validate", "--dir", "nowhere")
        self.kratix_fails(2, "validate", "-o", "xml")


@unittest.skipUnless(CORPUS, "../shared is absent")
class CorpusValidateTest(KratixTestCase):
    def test_every_corpus_promise(self):
        crd = yaml.safe_load(open(PROMISE_CRD)) if PROMISE_CRD else None
        known_invalid = {
            # A template with TODO placeholders in it: Kratix would reject it.
            "marketplace-template-promise.yaml": {"promise.required", "crd.names", "crd.name", "webhook.container-name"},
        }
        for src in sorted(glob.glob(os.path.join(CORPUS, "*.yaml"))):
            name = os.path.basename(src)
            with self.subTest(promise=name):
                d = self.path(name + ".d")
                os.makedirs(d)
                shutil.copy(src, os.path.join(d, "promise.yaml"))
                r = self.run_kratix("validate", "--dir", d, "-o", "json")
                report = json.loads(r.out)
                rules = {e["rule"] for e in report["errors"]}
                self.assertEqual(rules, known_invalid.get(name, set()), json.dumps(report["errors"], indent=1))
                self.assertEqual(r.code, 1 if rules else 0)
                if crd:
                    # Our own description of a Promise agrees with the real Kratix CRD.
                    with open(src) as fh:
                        doc = yaml.safe_load(fh)
                    # metadata is Kubernetes' ObjectMeta, checked outside the CRD's schema.
                    ours = {e["rule"] for e in report["errors"]
                            if e["rule"].startswith("promise.") and not e["path"].startswith("metadata")}
                    theirs = problems_against_crd(doc, crd)
                    self.assertEqual(bool(ours), bool(theirs), (ours, theirs))


if __name__ == "__main__":
    unittest.main()
