"""What kratix writes is accepted by Kratix and by the Kubernetes API server:
checked against the real Promise CRD in ../shared/kratix-api."""
import glob
import os
import unittest

import yaml

from harness import KratixTestCase, shared_path
from kube_schema import problems_against_crd, structural_problems

PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")


@unittest.skipUnless(PROMISE_CRD, "../shared is absent")
class PromiseConformanceTest(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        with open(PROMISE_CRD) as fh:
            cls.crd = yaml.safe_load(fh)

    def assert_valid_promise(self, promise):
        self.assertEqual(problems_against_crd(promise, self.crd), [])
        api = promise["spec"]["api"]
        self.assertEqual(api["spec"]["scope"], "Namespaced")
        versions = api["spec"]["versions"]
        self.assertEqual(sum(1 for v in versions if v.get("storage")), 1)
        self.assertTrue(all(v.get("served") for v in versions))
        self.assertEqual(api["metadata"]["name"], f"{api['spec']['names']['plural']}.{api['spec']['group']}")
        for v in versions:
            self.assertEqual(structural_problems(v["schema"]["openAPIV3Schema"]), [])

    def test_init_promise_flat_is_a_valid_promise(self):
        self.kratix_ok("init", "promise", "postgresql", "--group", "syntasso.io", "--kind", "Database")
        with open(self.path("promise.yaml")) as fh:
            self.assert_valid_promise(yaml.safe_load(fh))

    def test_init_promise_split_assembles_into_a_valid_promise(self):
        self.kratix_ok("init", "promise", "redis", "--group", "myorg.com", "--kind", "Cache", "--version", "v1",
                       "--plural", "caches", "--split")
        with open(self.path("api.yaml")) as fh:
            api = yaml.safe_load(fh)
        with open(self.path("dependencies.yaml")) as fh:
            deps = yaml.safe_load(fh)
        promise = {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Promise", "metadata": {"name": "redis"},
                   "spec": {"api": api, "dependencies": deps}}
        self.assert_valid_promise(promise)

    def test_the_oracle_accepts_real_promises_and_rejects_broken_ones(self):
        # The check must be able to fail: real Promises pass, a broken one does not.
        for path in sorted(glob.glob(os.path.join(os.path.dirname(PROMISE_CRD), "..", "corpus", "promises", "*.yaml"))):
            with self.subTest(promise=os.path.basename(path)), open(path) as fh:
                for doc in yaml.safe_load_all(fh):
                    if doc and doc.get("kind") == "Promise":
                        self.assertEqual(problems_against_crd(doc, self.crd), [])
        self.kratix_ok("init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database")
        with open(self.path("promise.yaml")) as fh:
            promise = yaml.safe_load(fh)
        promise["spec"]["workflows"]["resource"]["configure"] = "not-a-list"
        promise["spec"]["destinationSelector"] = [{"matchLabels": {"a": "b"}}]
        problems = problems_against_crd(promise, self.crd)
        self.assertTrue(any("configure" in p for p in problems), problems)
        self.assertTrue(any("destinationSelector" in p for p in problems), problems)
        schema = promise["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        schema["properties"]["spec"]["properties"]["size"] = {"description": "no type"}
        self.assertEqual(len(structural_problems(schema)), 1)


if __name__ == "__main__":
    unittest.main()
