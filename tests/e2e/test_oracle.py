"""The oracles themselves: kratix-oracle judges as Kubernetes and Kratix do, and
the real API server (apiextensions-apiserver + etcd) takes CRDs, Promises and
requests through the real kubectl, for every kind of user. The two agree."""
import copy
import json
import os
import unittest

import yaml

from harness import KratixTestCase  # noqa: I001 (puts tests/servers on the path)
import apiserver
import oracle

PIPELINE = {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": "instance"},
            "spec": {"containers": [{"name": "configure", "image": "ghcr.io/myorg/configure:v1.0.0"}]}}


def dump(data):
    return yaml.safe_dump(data, sort_keys=False)


class PromiseCase(KratixTestCase):
    """A Promise made by `kratix init promise`, with one resource pipeline and a small API."""

    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        with open(self.path("promise.yaml")) as fh:
            self.promise = yaml.safe_load(fh)
        self.promise["spec"]["workflows"]["resource"]["configure"] = [copy.deepcopy(PIPELINE)]
        self.spec_schema()["properties"] = {"size": {"type": "string", "enum": ["small", "large"]},
                                            "replicas": {"type": "integer", "minimum": 1}}
        self.request = {"apiVersion": "myorg.com/v1alpha1", "kind": "Database", "metadata": {"name": "one"},
                        "spec": {"size": "small", "replicas": 2}}

    def spec_schema(self, promise=None):
        p = promise or self.promise
        return p["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]

    def container(self, promise):
        return promise["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]


class KratixOracleTest(PromiseCase):
    @classmethod
    def setUpClass(cls):
        oracle.need_oracle()

    def test_verdicts_name_the_stage_that_rejects(self):
        def variant(change):
            p = copy.deepcopy(self.promise)
            change(p)
            return p

        def cel_rule(rule):
            def change(p):
                self.spec_schema(p)["x-kubernetes-validations"] = [{"rule": rule}]
            return change

        cases = {
            "good": (None, variant(lambda p: None)),
            "cluster scope": ("webhook", variant(lambda p: p["spec"]["api"]["spec"].__setitem__("scope", "Cluster"))),
            "unknown Promise field": ("promise", variant(lambda p: p["spec"].__setitem__("destinationSelector", []))),
            "unknown container field": ("webhook", variant(lambda p: self.container(p).__setitem__("volumeMount", []))),
            "container named reader": ("job", variant(lambda p: self.container(p).__setitem__("name", "reader"))),
            "mount without a volume": ("job", variant(lambda p: self.container(p).__setitem__(
                "volumeMounts", [{"name": "cache", "mountPath": "/cache"}]))),
            "property without a type": ("crd", variant(lambda p: self.spec_schema(p)["properties"].__setitem__(
                "bad", {"description": "no type"}))),
            "CEL rule that does not compile": ("crd", variant(cel_rule("self.nope > 1"))),
            "interval under 1m": ("webhook", variant(lambda p: p["spec"]["workflows"].__setitem__(
                "config", {"reconciliationInterval": "30s"}))),
        }
        cel = variant(cel_rule("!has(self.replicas) || self.replicas < 4"))
        good_request, bad_request = dump(self.request), dump(dict(self.request, spec={"replicas": 5}))
        verdicts = oracle.judge([(dump(p), []) for _, p in cases.values()] + [(dump(cel), [good_request, bad_request])])
        for (name, (stage, _)), v in zip(cases.items(), verdicts):
            with self.subTest(case=name):
                self.assertEqual(v["accepted"], stage is None, v)
                if stage:
                    self.assertIn(stage, {p["stage"] for p in v["problems"]}, v)
        cel_verdict = verdicts[-1]
        self.assertTrue(cel_verdict["accepted"], cel_verdict)
        self.assertEqual(cel_verdict["celRules"], 1)
        self.assertEqual([r["accepted"] for r in cel_verdict["resources"]], [True, False], cel_verdict)
        self.assertIn("self.replicas < 4", json.dumps(cel_verdict["resources"][1]))


class ApiServerTest(PromiseCase):
    """One real API server for the suite; each test uses its own names."""

    @classmethod
    def setUpClass(cls):
        oracle.need_apiserver()
        cls.api = apiserver.ApiServer(tokens={"alice": "alice-token"}).start()
        cls.addClassCleanup(cls.api.stop)
        with open(oracle.PROMISE_CRD) as fh:
            cls.api.install_crd(fh.read())

    def test_promises_and_requests_go_through_the_real_api_server(self):
        good = self.api.create(dump(self.promise), dry_run=True)
        self.assertEqual((good.returncode, good.stdout.strip()), (0, "promise.platform.kratix.io/pg"),
                         good.stderr)
        broken = copy.deepcopy(self.promise)
        broken["spec"]["destinationSelector"] = [{"matchLabels": {"a": "b"}}]
        bad = self.api.create(dump(broken), dry_run=True)
        self.assertEqual(bad.returncode, 1)
        self.assertIn('unknown field "spec.destinationSelector"', bad.stderr)
        # The Promise's API, then requests for it.
        self.api.install_crd(dump(self.promise["spec"]["api"]))
        ok = self.api.create(dump(self.request))
        self.assertEqual(ok.returncode, 0, ok.stderr)
        wrong = self.api.create(dump(dict(self.request, metadata={"name": "two"}, spec={"size": "medium"})))
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("spec.size: Unsupported value", wrong.stderr)

    def test_users_with_certificates_tokens_and_exec_plugins(self):
        configs = {
            "client certificate": self.api.kubeconfig_for("bob", groups=["devs"]),
            "token": self.api.kubeconfig_for("alice", token="alice-token"),
            "exec plugin": self.api.kubeconfig_for("carol", exec_token="alice-token"),
        }
        for how, config in configs.items():
            with self.subTest(user=how):
                r = self.api.kubectl("get", "customresourcedefinitions", kubeconfig=config, check=False)
                self.assertEqual(r.returncode, 0, r.stderr)
        denied = self.api.kubectl("get", "customresourcedefinitions", kubeconfig=self.api.kubeconfig_for("eve", token="wrong"),
                                  check=False)
        self.assertEqual(denied.returncode, 1)
        self.assertIn("Unauthorized", denied.stderr)

    def test_the_oracle_agrees_with_the_server(self):
        variants = {
            "good": self.promise,
            "unknown field": dict(self.promise, spec=dict(self.promise["spec"], destinationSelector=[])),
            "bad name": dict(self.promise, metadata={"name": "Not_A_DNS_Name"}),
            "matchExpressions": dict(self.promise, spec=dict(self.promise["spec"], destinationSelectors=[
                {"matchExpressions": [{"key": "a", "operator": "In", "values": ["b"]}]}])),
        }
        verdicts = oracle.judge([(dump(p), []) for p in variants.values()])
        for (name, promise), v in zip(variants.items(), verdicts):
            with self.subTest(case=name):
                server = self.api.create(dump(promise), dry_run=True)
                # The server has no Kratix webhook: compare the Promise-schema stage.
                oracle_ok = not any(p["stage"] == "promise" for p in v["problems"])
                self.assertEqual(server.returncode == 0, oracle_ok, (server.stderr, v))
        self.assertEqual([v["accepted"] for v in verdicts], [True, False, False, False])


if __name__ == "__main__":
    unittest.main()
