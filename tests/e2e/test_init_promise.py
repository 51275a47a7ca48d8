"""kratix init promise: flat and split layouts, every flag, and bad input."""
import os
import unittest

import yaml

from harness import KratixTestCase


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class InitPromiseTest(KratixTestCase):
    def assert_crd(self, crd, group="syntasso.io", kind="Database", version="v1alpha1", plural="databases"):
        self.assertEqual(crd["apiVersion"], "apiextensions.k8s.io/v1")
        self.assertEqual(crd["kind"], "CustomResourceDefinition")
        self.assertEqual(crd["metadata"]["name"], f"{plural}.{group}")
        self.assertEqual(crd["spec"]["group"], group)
        self.assertEqual(crd["spec"]["names"], {"kind": kind, "plural": plural, "singular": kind.lower()})
        self.assertEqual(crd["spec"]["scope"], "Namespaced")
        self.assertEqual(len(crd["spec"]["versions"]), 1)
        v = crd["spec"]["versions"][0]
        self.assertEqual(v["name"], version)
        self.assertIs(v["served"], True)
        self.assertIs(v["storage"], True)
        self.assertEqual(v["schema"]["openAPIV3Schema"],
                         {"type": "object", "properties": {"spec": {"type": "object", "default": {}, "properties": {}}}})

    def test_flat_layout_in_the_current_directory(self):
        r = self.kratix_ok("init", "promise", "postgresql", "--group", "syntasso.io", "--kind", "Database")
        self.assertEqual(r.out, "postgresql promise bootstrapped in the current directory\n")
        self.assertEqual(self.files(), ["README.md", "example-resource.yaml", "promise.yaml"])
        p = load(self.path("promise.yaml"))
        self.assertEqual(p["apiVersion"], "platform.kratix.io/v1alpha1")
        self.assertEqual(p["kind"], "Promise")
        self.assertEqual(p["metadata"], {"name": "postgresql", "labels": {"kratix.io/promise-version": "v0.0.1"}})
        self.assert_crd(p["spec"]["api"])
        self.assertEqual(p["spec"]["workflows"], {"promise": {"configure": []}, "resource": {"configure": []}})
        self.assertNotIn("status", p)
        self.assertNotIn("creationTimestamp", self.read("promise.yaml"))
        ex = load(self.path("example-resource.yaml"))
        self.assertEqual(ex, {"apiVersion": "syntasso.io/v1alpha1", "kind": "Database",
                              "metadata": {"name": "example-postgresql"}})
        readme = self.read("README.md")
        self.assertIn("kratix init promise postgresql --group syntasso.io --kind Database\n", readme)
        for next_step in ("kratix update api", "kratix add container", "kratix build container",
                          "kratix update dependencies", "kratix update destination-selector"):
            self.assertIn(next_step, readme)

    def test_every_optional_flag(self):
        r = self.kratix_ok("init", "promise", "postgresql", "-g", "syntasso.io", "-k", "Database",
                           "-v", "v2", "--plural", "dbs", "-d", "sub/dir")
        self.assertEqual(r.out, "postgresql promise bootstrapped in the sub/dir directory\n")
        self.assertEqual(self.files("sub", "dir"), ["README.md", "example-resource.yaml", "promise.yaml"])
        self.assert_crd(load(self.path("sub/dir/promise.yaml"))["spec"]["api"], version="v2", plural="dbs")
        self.assertEqual(load(self.path("sub/dir/example-resource.yaml"))["apiVersion"], "syntasso.io/v2")
        self.assertIn("--version v2 --plural dbs", self.read("sub/dir/README.md"))

    def test_split_layout(self):
        r = self.kratix_ok("init", "promise", "postgresql", "--group", "syntasso.io", "--kind", "Database", "--split")
        self.assertEqual(r.out, "postgresql promise bootstrapped in the current directory\n")
        self.assertEqual(self.files(), ["README.md", "api.yaml", "dependencies.yaml", "example-resource.yaml"])
        self.assert_crd(load(self.path("api.yaml")))
        self.assertEqual(load(self.path("dependencies.yaml")), [])
        self.assertIn("--split", self.read("README.md"))
        self.assertIn("kratix build promise postgresql", self.read("README.md"))

    def test_existing_files_are_refused_unless_forced(self):
        self.kratix_ok("init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database")
        self.write("promise.yaml", "# my edits\n")
        r = self.kratix_fails(1, "init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database")
        self.assertIn("promise.yaml", r.err)
        self.assertIn("--force", r.err)
        self.kratix_ok("init", "promise", "pg", "--group", "syntasso.io", "--kind", "Other", "--force")
        self.assertEqual(load(self.path("promise.yaml"))["spec"]["api"]["spec"]["names"]["kind"], "Other")

    def test_split_over_a_flat_promise_needs_force_and_then_replaces_it(self):
        self.kratix_ok("init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database")
        self.kratix_fails(1, "init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database", "--split")
        self.kratix_ok("init", "promise", "pg", "--group", "syntasso.io", "--kind", "Database", "--split", "--force")
        self.assertEqual(self.files(), ["README.md", "api.yaml", "dependencies.yaml", "example-resource.yaml"])

    def test_dir_that_is_a_file(self):
        self.write("afile", "x")
        r = self.kratix_fails(1, "init", "promise", "pg", "--group", "a.io", "--kind", "Db", "--dir", "afile")
        self.assertIn("afile", r.err)

    def test_bad_input_is_a_usage_error_and_writes_nothing(self):
        cases = [
            (["Bad_Name"], "promise name 'Bad_Name'"),
            (["pg-"], "promise name 'pg-'"),
            ([("x" * 64)], "63"),
            (["pg", "--group", "syntasso"], "--group 'syntasso'"),
            (["pg", "--group", "Syntasso.io"], "--group"),
            (["pg", "--kind", "Data_base"], "--kind 'Data_base'"),
            (["pg", "--kind", "1Database"], "--kind"),
            (["pg", "--plural", "Databases"], "--plural 'Databases'"),
            (["pg", "--plural", "data_bases"], "--plural"),
            (["pg", "--version", "1.0"], "--version '1.0'"),
        ]
        for extra, needle in cases:
            with self.subTest(extra=extra):
                args = ["init", "promise", *extra]
                if "--group" not in extra:
                    args += ["--group", "syntasso.io"]
                if "--kind" not in extra:
                    args += ["--kind", "Database"]
                args += ["--dir", "out"]
                r = self.kratix_fails(2, *args)
                self.assertIn(needle, r.err)
                self.assertFalse(os.path.exists(self.path("out")))

    def test_missing_required_flags_and_arguments(self):
        r = self.kratix_fails(2, "init", "promise", "pg", "--kind", "Database")
        self.assertIn("--group is required", r.err)
        r = self.kratix_fails(2, "init", "promise", "pg", "--group", "a.io")
        self.assertIn("--kind is required", r.err)
        r = self.kratix_fails(2, "init", "promise", "--group", "a.io", "--kind", "Db")
        self.assertIn("name is required", r.err)
        r = self.kratix_fails(2, "init", "promise", "a", "b", "--group", "a.io", "--kind", "Db")
        self.assertIn("kratix init promise --help", r.err)


if __name__ == "__main__":
    unittest.main()
