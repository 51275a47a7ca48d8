"""kratix build container: exact engine command lines (with a recording fake
engine on PATH), selection of containers, failures and --dry-run."""
import json
import os
import shlex
import unittest

import yaml

from harness import KratixTestCase

FAKE_ENGINE = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["ENGINE_LOG"], "a") as fh:
    fh.write(json.dumps([os.path.basename(sys.argv[0])] + sys.argv[1:]) + "\\n")
print("engine output for", " ".join(sys.argv[1:3]))
sys.exit(7 if any("fail" in a for a in sys.argv[1:]) else 0)
"""


def pipeline(name, *containers):
    return {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": name},
            "spec": {"containers": [{"name": n, "image": i} for n, i in containers]}}


class BuildContainerTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.bin = self.path("bin")
        os.makedirs(self.bin)
        for engine in ("docker", "podman"):
            self.write(f"bin/{engine}", FAKE_ENGINE, mode=0o755)
        self.log = self.path("engine.log")
        self.env = {"PATH": self.bin + os.pathsep + "/usr/bin:/bin", "ENGINE_LOG": self.log}
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", "p")
        self.set_workflows({
            "promise": {"configure": [pipeline("deps", ("deps", "myorg/deps:v1"))]},
            "resource": {"configure": [pipeline("instance", ("create", "myorg/create:v1"), ("notify", "myorg/notify:v2"),
                                                ("external", "ghcr.io/other/thing:v1"))],
                         "delete": [pipeline("cleanup", ("cleanup", "myorg/cleanup:v1"))]},
        })
        for d in ("promise/configure/deps/deps", "resource/configure/instance/create",
                  "resource/configure/instance/notify", "resource/delete/cleanup/cleanup"):
            self.write(f"p/workflows/{d}/Dockerfile", "FROM scratch\n")

    def set_workflows(self, workflows, directory="p"):
        with open(self.path(directory, "promise.yaml")) as fh:
            promise = yaml.safe_load(fh)
        promise["spec"]["workflows"] = workflows
        with open(self.path(directory, "promise.yaml"), "w") as fh:
            yaml.safe_dump(promise, fh)

    def calls(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as fh:
            return [json.loads(line) for line in fh]

    def ctx(self, rel):
        return os.path.join("p", "workflows", rel)

    def build(self, *args, code=0):
        r = self.run_kratix("build", "container", "--dir", "p", *args, env=self.env)
        self.assertEqual(r.code, code, r)
        return r

    def test_single_container_pipeline_needs_no_name(self):
        r = self.build("resource/delete/cleanup")
        self.assertEqual(self.calls(), [["docker", "build", "--tag", "myorg/cleanup:v1", self.ctx("resource/delete/cleanup/cleanup")]])
        self.assertIn("Building container with tag myorg/cleanup:v1...", r.out)
        self.assertIn("engine output for build --tag", r.out)

    def test_name_picks_one_of_several_and_push_pushes(self):
        self.build("resource/configure/instance", "--name", "notify", "--push")
        self.assertEqual(self.calls(), [
            ["docker", "build", "--tag", "myorg/notify:v2", self.ctx("resource/configure/instance/notify")],
            ["docker", "push", "myorg/notify:v2"],
        ])

    def test_buildx_pushes_in_the_build_and_build_args_are_split_like_a_shell(self):
        self.build("promise/configure/deps", "--buildx", "--push", "--build-args",
                   "--platform linux/amd64,linux/arm64 --label 'team=data platform' --build-arg X=\"a b\"")
        self.assertEqual(self.calls(), [[
            "docker", "buildx", "build", "--tag", "myorg/deps:v1", self.ctx("promise/configure/deps/deps"), "--push",
            "--platform", "linux/amd64,linux/arm64", "--label", "team=data platform", "--build-arg", "X=a b"]])

    def test_engine_flag_and_environment(self):
        self.build("resource/delete/cleanup", "--engine", "podman")
        self.env["KRATIX_CONTAINER_ENGINE"] = "podman"
        self.build("resource/delete/cleanup")
        self.build("resource/delete/cleanup", "--engine", "docker")
        self.assertEqual([c[0] for c in self.calls()], ["podman", "podman", "docker"])
        self.env["KRATIX_CONTAINER_ENGINE"] = "rancher"
        r = self.build("resource/delete/cleanup", code=2)
        self.assertIn("unsupported container engine 'rancher' (from KRATIX_CONTAINER_ENGINE)", r.err)

    def test_all_builds_every_container_with_a_directory(self):
        r = self.build("--all", "--push")
        built = [c for c in self.calls() if c[1] == "build"]
        self.assertEqual([c[3] for c in built], ["myorg/deps:v1", "myorg/create:v1", "myorg/notify:v2", "myorg/cleanup:v1"])
        self.assertEqual(len([c for c in self.calls() if c[1] == "push"]), 4)
        self.assertIn("Built 4 container image(s)", r.out)
        self.assertNotIn("ghcr.io/other/thing", r.out)

    def test_all_reports_what_failed_and_goes_on(self):
        self.set_workflows({"resource": {"configure": [
            pipeline("instance", ("create", "myorg/create:v1"), ("notify", "myorg/fail:v1"))],
            "delete": [pipeline("cleanup", ("cleanup", "myorg/cleanup:v1"))]}})
        r = self.build("--all", code=1)
        self.assertEqual(len(self.calls()), 3)
        self.assertIn("Built 2 container image(s)", r.out)
        self.assertIn("Failed 1:", r.out)
        self.assertIn("resource/configure/instance/notify (myorg/fail:v1): 'docker build --tag myorg/fail:v1", r.out)
        self.assertIn("exited with status 7", r.out)
        self.assertIn("Error: 1 of 3 container builds failed", r.err)

    def test_a_failing_build_stops_and_reports_the_status(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance", ("create", "myorg/fail:v1"))]}})
        self.write("p/workflows/resource/configure/instance/create/Dockerfile", "FROM scratch\n")
        r = self.build("resource/configure/instance", "--push", code=1)
        self.assertEqual(len(self.calls()), 1, "push must not run after a failed build")
        self.assertIn("exited with status 7", r.err)

    def test_dry_run_prints_the_exact_commands_and_runs_nothing(self):
        r = self.build("--all", "--push", "--dry-run", "--build-args", "--label 'a b'")
        lines = r.out.strip().splitlines()
        self.assertEqual(len(lines), 8)
        self.assertEqual(shlex.split(lines[0]),
                         ["docker", "build", "--tag", "myorg/deps:v1", self.ctx("promise/configure/deps/deps"), "--label", "a b"])
        self.assertEqual(lines[1], "docker push myorg/deps:v1")
        self.assertEqual(self.calls(), [])
        # No engine is needed to print the commands.
        r = self.run_kratix("build", "container", "--dir", "p", "--all", "--dry-run", env={"PATH": "/usr/bin:/bin"})
        self.assertEqual(r.code, 0, r)

    def test_split_layout(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", "s", "--split")
        self.write("s/workflows/resource/configure/workflow.yaml",
                   yaml.safe_dump([pipeline("instance", ("create", "myorg/create:v3"))]))
        self.write("s/workflows/resource/configure/instance/create/Dockerfile", "FROM scratch\n")
        r = self.run_kratix("build", "container", "resource/configure/instance", "--dir", "s", env=self.env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(self.calls(), [["docker", "build", "--tag", "myorg/create:v3",
                                         os.path.join("s", "workflows", "resource/configure/instance/create")]])

    def test_clear_errors(self):
        cases = [
            (["resource/configure/instance"], 1, "more than one container exists for pipeline resource/configure/instance (create, notify); pick one with --name"),
            (["resource/configure/instance", "--name", "nope"], 1, "container nope not found in pipeline resource/configure/instance (it has: create, notify, external)"),
            (["resource/configure/instance", "--name", "external"], 1, "container directory p/workflows/resource/configure/instance/external is missing"),
            (["resource/configure/other"], 1, "pipeline resource/configure/other is not in the Promise"),
            (["resource/bogus/other"], 2, "invalid action 'bogus'"),
            ([], 2, "name the pipeline as LIFECYCLE/ACTION/PIPELINE, or build every container with --all"),
            (["--all", "--build-args", "'unclosed"], 2, "unterminated ' in --build-args"),
        ]
        for args, code, message in cases:
            with self.subTest(args=args):
                r = self.kratix_fails(code, "build", "container", "--dir", "p", *args, env=self.env)
                self.assertIn(message, r.err)
        self.assertEqual(self.calls(), [])

    def test_podman_is_the_default_when_docker_is_not_on_path(self):
        os.remove(self.path("bin/docker"))
        self.build("resource/delete/cleanup")
        self.assertEqual([c[0] for c in self.calls()], ["podman"])

    def test_engine_missing_from_path(self):
        r = self.kratix_fails(1, "build", "container", "--dir", "p", "resource/delete/cleanup",
                              env={"PATH": "/nonexistent"})
        self.assertIn("docker CLI not found in PATH", r.err)

    def test_no_promise_in_the_directory(self):
        r = self.kratix_fails(1, "build", "container", "--dir", "bin", "--all", env=self.env)
        self.assertIn("run 'kratix init promise' first", r.err)


if __name__ == "__main__":
    unittest.main()
