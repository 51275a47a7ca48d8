"""kratix test with a recording fake docker: the exact engine commands (mounts,
environment, names), what Kratix would do with the results, the checks, test
cases with --update, and every input kratix test refuses. The fake runs each
"image" as a shell script from the test, with the mounted paths rewritten."""
import json
import os
import shutil
import textwrap
import unittest

import yaml

from harness import KratixTestCase
from kratix_test_support import pipeline, set_workflows

FAKE_DOCKER = r'''#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
with open(os.environ["ENGINE_LOG"], "a") as fh:
    fh.write(json.dumps([os.path.basename(sys.argv[0])] + args) + "\n")
if not args or args[0] != "run":
    sys.exit(0)  # kill, rm, build: recorded only
i, mounts, env, entrypoint = 1, {}, {}, None
while i < len(args):
    a = args[i]
    if a in ("--rm", "--read-only"):
        i += 1
    elif a in ("--name", "--network", "--pull", "--user"):
        i += 2
    elif a == "-v":
        host, target = args[i + 1].split(":")[:2]
        mounts[target] = host
        i += 2
    elif a == "-e":
        k, v = args[i + 1].split("=", 1)
        env[k] = v
        i += 2
    elif a == "--entrypoint":
        entrypoint = args[i + 1]
        i += 2
    else:
        break
image, rest = args[i], args[i + 1:]
script = os.path.join(os.environ["FAKE_IMAGES"], image.replace("/", "_").replace(":", "_") + ".sh")
if not os.path.exists(script):
    print(f"Error: {image}: image not known", file=sys.stderr)
    sys.exit(125)
with open(script) as fh:
    text = fh.read()
for target in sorted(mounts, key=len, reverse=True):
    text = text.replace(target, mounts[target])
env["PATH"] = os.environ["PATH"]
os.execve("/bin/sh", ["sh", "-c", text, image] + ([entrypoint] if entrypoint else []) + rest, env)
'''

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n"




class FakeEngineCase(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.write("bin/docker", FAKE_DOCKER, mode=0o755)
        self.log = self.path("engine.log")
        self.images = self.path("images")
        os.makedirs(self.images)
        os.makedirs(self.path("tmp"))  # the work directories kept after a failure go here
        self.env = {"PATH": self.path("bin") + os.pathsep + "/usr/bin:/bin", "ENGINE_LOG": self.log,
                    "FAKE_IMAGES": self.images, "KRATIX_CONTAINER_ENGINE": "", "TMPDIR": self.path("tmp")}
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", "p")
        self.image("myorg/create:v1", """
            name=$(sed -n 's/^  name: //p' /kratix/input/object.yaml)
            printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\n' "$name" > /kratix/output/app.yaml
            echo "from create" > /kratix/metadata/shared
            echo "create ran for $KRATIX_OBJECT_NAME"
        """)
        self.image("myorg/notify:v1", """
            cat /kratix/metadata/shared > /kratix/output/notes.txt 2>/dev/null || echo alone > /kratix/output/notes.txt
            printf 'message: notified\\n' > /kratix/metadata/status.yaml
        """)
        self.image("myorg/second:v1", """
            grep -q 'message: notified' /kratix/input/object.yaml || exit 9
            printf 'conditions:\\n- type: Ready\\n  status: "True"\\n' > /kratix/metadata/status.yaml
        """)
        self.set_workflows({"resource": {"configure": [
            pipeline("instance", ("create", "myorg/create:v1"), ("notify", "myorg/notify:v1")),
            pipeline("second", ("second", "myorg/second:v1"))]}})

    def image(self, name, script):
        with open(os.path.join(self.images, name.replace("/", "_").replace(":", "_") + ".sh"), "w") as fh:
            fh.write("set -eu\n" + textwrap.dedent(script))

    def set_workflows(self, workflows, **extra):
        set_workflows(self.path("p", "promise.yaml"), workflows, **extra)

    def calls(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as fh:
            return [json.loads(line) for line in fh]

    def runs(self):
        return [c for c in self.calls() if c[1] == "run"]

    def ktest(self, *args, code=0):
        r = self.run_kratix("test", *args, "--dir", "p", env=self.env)
        self.assertEqual(r.code, code, r)
        return r

    @staticmethod
    def env_of(argv):
        return [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == "-e"]


class EngineCommandTest(FakeEngineCase):
    def test_the_engine_command_mounts_input_read_only_and_sets_kratix_variables_in_order(self):
        keep = self.path("work")
        self.ktest("pipeline", "resource/configure/instance", "--keep", keep, "--engine", "docker")
        create = self.runs()[0]
        name = create[create.index("--name") + 1]
        self.assertRegex(name, r"^kratix-test-\d+-\d+-[0-9a-f]{4}$")
        w = os.path.join(keep, "instance")
        self.assertEqual(create[:create.index("-e")], [
            "docker", "run", "--rm", "--name", name, "--network", "none", "--pull", "missing",
            "-v", f"{w}/input:/kratix/input:ro", "-v", f"{w}/output:/kratix/output",
            "-v", f"{w}/metadata:/kratix/metadata"])
        self.assertEqual(self.env_of(create), [
            "KRATIX_WORKFLOW_ACTION=configure", "KRATIX_WORKFLOW_TYPE=resource", "KRATIX_PROMISE_NAME=pg",
            "KRATIX_PIPELINE_NAME=instance", "KRATIX_OBJECT_KIND=Database", "KRATIX_OBJECT_GROUP=myorg.com",
            "KRATIX_OBJECT_VERSION=v1alpha1", "KRATIX_OBJECT_NAME=example-pg", "KRATIX_OBJECT_NAMESPACE=default",
            "KRATIX_CRD_PLURAL=databases", "KRATIX_CLUSTER_SCOPED=false"])
        self.assertEqual(create[-1], "myorg/create:v1")
        with open(os.path.join(w, "input", "object.yaml")) as fh:
            obj = yaml.safe_load(fh)
        self.assertEqual(obj, {"apiVersion": "myorg.com/v1alpha1", "kind": "Database",
                               "metadata": {"name": "example-pg", "namespace": "default"}})
        # Both containers shared the pipeline's metadata; logs are kept with the work.
        self.assertEqual(self.read("work/instance/output/notes.txt"), "from create\n")
        self.assertIn("create ran for example-pg", self.read("work/instance/logs/create.log"))

    def test_stage_pipeline_and_workflow_run_one_container_one_pipeline_and_all_in_order(self):
        self.ktest("stage", "resource/configure/instance", "notify")
        self.assertEqual([c[-1] for c in self.runs()], ["myorg/notify:v1"])
        os.remove(self.log)
        self.ktest("pipeline", "resource/configure/instance")
        self.assertEqual([c[-1] for c in self.runs()], ["myorg/create:v1", "myorg/notify:v1"])
        os.remove(self.log)
        r = self.ktest("workflow", "resource/configure")
        self.assertEqual([c[-1] for c in self.runs()], ["myorg/create:v1", "myorg/notify:v1", "myorg/second:v1"])
        # The second pipeline saw the status the first wrote (its script exits 9 otherwise).
        self.assertIn("Running resource/configure for Database example-pg (namespace default) with docker", r.out)
        self.assertIn("pipeline second", r.out)
        self.assertIn("Success (", r.out)

    def test_container_spec_flags_and_env_files_shape_the_command(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance", {
            "name": "create", "image": "myorg/create:v1", "command": ["/bin/run", "$(MODE)"], "args": ["--for", "$(KRATIX_OBJECT_NAME)"],
            "imagePullPolicy": "Always",
            "env": [{"name": "MODE", "value": "fast"}, {"name": "KRATIX_PIPELINE_NAME", "value": "mine"},
                    {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "token"}}}],
            "envFrom": [{"configMapRef": {"name": "settings"}}],
            "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}]}, volumes=[{"name": "scratch", "emptyDir": {}}])]}})
        self.write("settings.env", "# settings\nREGION=eu\nMODE=slow\n")
        self.write("creds.env", "token=abc=def\n")
        keep = self.path("work")
        self.ktest("pipeline", "resource/configure/instance", "--keep", keep, "--env", "EXTRA=1", "--env", "MODE=flag",
                   "--env-file", "configmap/settings=" + self.path("settings.env"),
                   "--env-file", "secret/creds=" + self.path("creds.env"),
                   "--image", "create=myorg/create:dev", "--network", "host", code=3)
        argv = self.runs()[0]
        self.assertEqual(argv[argv.index("--network") + 1], "host")
        self.assertEqual(argv[argv.index("--pull") + 1], "always")
        self.assertIn(f"{keep}/instance/volumes/scratch:/scratch", argv)
        env = self.env_of(argv)
        self.assertEqual(env[0:2], ["REGION=eu", "MODE=flag"])  # envFrom first; later definitions win in place
        self.assertIn("KRATIX_PIPELINE_NAME=mine", env)
        self.assertIn("TOKEN=abc=def", env)
        self.assertEqual(env[-1], "EXTRA=1")
        self.assertEqual(argv[argv.index("--entrypoint") + 1], "/bin/run")
        self.assertEqual(argv[-4:], ["myorg/create:dev", "flag", "--for", "example-pg"])
        os.remove(self.log)
        self.ktest("pipeline", "resource/configure/instance", "--pull", "never", "--image",
                   "instance/create=other:v2", "--env-file", "configmap/settings=" + self.path("settings.env"),
                   "--env", "TOKEN=x", code=3)
        argv = self.runs()[0]
        self.assertEqual(argv[argv.index("--pull") + 1], "never")
        self.assertEqual(argv[-4], "other:v2")

    def test_dry_run_sets_the_label_and_kratix_dry_run(self):
        keep = self.path("work")
        r = self.ktest("pipeline", "resource/configure/instance", "--dry-run", "--keep", keep)
        self.assertEqual(self.env_of(self.runs()[0])[-1], "KRATIX_DRY_RUN=true")
        with open(os.path.join(keep, "instance", "input", "object.yaml")) as fh:
            self.assertEqual(yaml.safe_load(fh)["metadata"]["labels"], {"kratix.io/dry-run": "true"})
        self.assertIn("dry run", r.out)
        self.assertIn("message: Dry run executed", r.out)

    def test_promise_workflows_run_on_the_promise(self):
        self.image("myorg/deps:v1", """
            grep -q '^kind: Promise' /kratix/input/object.yaml
            printf 'message: deps ready\\nextra: dropped\\n' > /kratix/metadata/status.yaml
            printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: pg-system\\n' > /kratix/output/ns.yaml
        """)
        self.set_workflows({"promise": {"configure": [pipeline("deps", ("deps", "myorg/deps:v1"))]}},
                           destinationSelectors=[{"matchLabels": {"env": "platform"}}])
        r = self.ktest("workflow", "promise/configure", "-o", "json")
        env = self.env_of(self.runs()[0])
        self.assertIn("KRATIX_WORKFLOW_TYPE=promise", env)
        self.assertIn("KRATIX_OBJECT_KIND=Promise", env)
        self.assertIn("KRATIX_OBJECT_GROUP=platform.kratix.io", env)
        self.assertIn("KRATIX_OBJECT_NAME=pg", env)
        self.assertIn("KRATIX_OBJECT_NAMESPACE=", env)
        self.assertIn("KRATIX_CRD_PLURAL=promises", env)
        self.assertIn("KRATIX_CLUSTER_SCOPED=true", env)
        out = json.loads(r.out)
        self.assertEqual(out["status"]["message"], "deps ready")
        self.assertNotIn("extra", out["status"])
        self.assertIn("only 'message' can be updated in Promise status", out["pipelines"][0]["warnings"][0])
        group = out["pipelines"][0]["workloadGroups"][0]
        self.assertEqual(group["destinationSelectors"], [{"matchLabels": {"env": "platform"}, "source": "promise"}])


class ResultsTest(FakeEngineCase):
    def test_a_failing_container_stops_the_run_with_its_output_and_exit_3(self):
        self.image("myorg/notify:v1", """
            echo "working on it"
            echo "cannot reach the API" >&2
            exit 7
        """)
        r = self.ktest("workflow", "resource/configure", code=3)
        self.assertEqual(len(self.runs()), 2, "nothing runs after the failing container")
        self.assertIn("container notify (myorg/notify:v1): exited with status 7", r.out)
        self.assertIn("| cannot reach the API", r.out)
        self.assertIn("| working on it", r.out)
        self.assertIn("Error: pipeline instance: container notify exited with status 7", r.err)
        kept = [l for l in r.out.splitlines() if l.startswith("Work directories kept in ")]
        self.assertEqual(len(kept), 1)
        work = kept[0].split(" in ", 1)[1]
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        self.assertTrue(os.path.exists(os.path.join(work, "instance", "output", "app.yaml")), "results so far kept")

    def test_a_container_that_runs_too_long_is_stopped(self):
        self.image("myorg/create:v1", "sleep 300\n")
        r = self.ktest("stage", "resource/configure/instance", "create", "--timeout", "1s", code=3)
        self.assertIn("timed out after 1s", r.out)
        name = self.runs()[0][self.runs()[0].index("--name") + 1]
        self.assertIn(["docker", "kill", name], self.calls())
        self.assertIn(["docker", "rm", "-f", name], self.calls())

    def test_output_kratix_would_not_accept_fails_a_check(self):
        self.image("myorg/create:v1", """
            echo 'not: [yaml' > /kratix/output/broken.yaml
            printf 'metadata:\\n  name: x\\n' > /kratix/output/kindless.yaml
            echo outside > /kratix/metadata/outside.txt
            ln -s ../metadata/outside.txt /kratix/output/escape.yaml
            echo 'resource "x" "y" {}' > /kratix/output/main.tf
        """)
        r = self.ktest("stage", "resource/configure/instance", "create", "-o", "json", code=1)
        checks = {c["name"]: c for c in json.loads(r.out)["checks"]}
        self.assertFalse(checks["instance: output/broken.yaml"]["passed"])
        self.assertIn("not valid YAML", checks["instance: output/broken.yaml"]["message"])
        self.assertIn("has no apiVersion", checks["instance: output/kindless.yaml"]["message"])
        self.assertIn("has no kind", checks["instance: output/kindless.yaml"]["message"])
        self.assertIn("leaves /kratix/output", checks["instance: output/escape.yaml"]["message"])
        self.assertTrue(checks["instance: output/main.tf"]["passed"])
        self.assertEqual(json.loads(r.out)["summary"], {"checks": 4, "failed": 3, "result": "failure"})
        text = self.ktest("stage", "resource/configure/instance", "create", code=1).out
        self.assertIn("Failure (3 of 4 checks failed)", text)

    def test_destination_selectors_kratix_refuses_fail_the_pipeline(self):
        for selectors, message in [
            ("- directory: db\\n", "entry with index 0 has no selectors"),
            ("- {directory: a/b, matchLabels: {x: z}}\\n", "sub-directories are not allowed"),
            ("- {directory: missing, matchLabels: {x: z}}\\n", "names directory 'missing', which is not a directory"),
            # y is a boolean to Kubernetes' YAML reader, and matchLabels values must be strings.
            ("- matchLabels: {x: y}\\n", "label x has the value true, which is not a string; quote it"),
        ]:
            with self.subTest(selectors=selectors):
                self.image("myorg/create:v1", f"printf -- '{selectors}' > /kratix/metadata/destination-selectors.yaml\n")
                r = self.ktest("stage", "resource/configure/instance", "create", code=3)
                self.assertIn("Kratix's work-writer fails: ", r.err)
                self.assertIn(message, r.err)

    def test_workload_groups_and_the_promises_selectors(self):
        self.image("myorg/create:v1", """
            mkdir -p /kratix/output/db
            printf 'apiVersion: v1\\nkind: Secret\\nmetadata: {name: s}\\n' > /kratix/output/db/secret.yaml
            printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: c}\\n' > /kratix/output/app.yaml
            printf -- '- directory: db\\n  matchLabels: {tier: data}\\n- matchLabels: {env: dev, team: a}\\n' \\
              > /kratix/metadata/destination-selectors.yaml
        """)
        self.set_workflows({"resource": {"configure": [pipeline("instance", ("create", "myorg/create:v1"))]}},
                           destinationSelectors=[{"matchLabels": {"env": "prod"}}])
        r = self.ktest("workflow", "resource/configure")
        self.assertIn("db -> Destinations labelled tier=data (1 file: db/secret.yaml)", r.out)
        self.assertIn(". -> Destinations labelled env=prod, team=a (1 file: app.yaml)", r.out)

    def test_workflow_control_stops_the_chain_and_says_so(self):
        self.image("myorg/notify:v1", "printf 'suspend: true\\nmessage: waiting for approval\\n' > /kratix/metadata/workflow-control.yaml\n")
        r = self.ktest("workflow", "resource/configure")
        self.assertEqual([c[-1] for c in self.runs()], ["myorg/create:v1", "myorg/notify:v1"])
        self.assertIn("Stopped: pipeline instance suspended the workflow (workflow-control.yaml suspend: true, "
                      "message: waiting for approval); the pipelines after it do not run", r.out)
        self.assertIn("work: not written (workflow-control.yaml stops the workflow)", r.out)
        self.image("myorg/notify:v1", "printf 'retryAfter: 5m\\n' > /kratix/metadata/workflow-control.yaml\n")
        r = self.ktest("workflow", "resource/configure")
        self.assertIn("asked Kratix to run it again after 5m", r.out)
        self.image("myorg/notify:v1", "printf 'retryAfter: later\\n' > /kratix/metadata/workflow-control.yaml\n")
        r = self.ktest("workflow", "resource/configure", code=3)
        self.assertIn("failed to parse retryAfter duration", r.err)

    def test_status_writer_refusals_fail_the_pipeline(self):
        self.image("myorg/notify:v1", "printf 'kratix:\\n  x: 1\\n' > /kratix/metadata/status.yaml\n")
        r = self.ktest("pipeline", "resource/configure/instance", code=3)
        self.assertIn("'kratix' is a kratix managed status field", r.err)

    def test_delete_workflows_ignore_output_with_a_warning(self):
        self.image("myorg/cleanup:v1", "echo x > /kratix/output/leftover.yaml\nprintf 'message: bye\\n' > /kratix/metadata/status.yaml\n")
        self.set_workflows({"resource": {"delete": [pipeline("cleanup", ("cleanup", "myorg/cleanup:v1"))]}})
        r = self.ktest("workflow", "resource/delete")
        self.assertIn("warning: Kratix ignores the output of delete pipelines; 1 file(s) in /kratix/output are dropped", r.out)
        self.assertNotIn("output/leftover.yaml", r.out)
        self.assertIn("message: bye", r.out)

    def test_yaml_output_is_the_json_document(self):
        r = self.ktest("workflow", "resource/configure", "-o", "yaml")
        doc = yaml.safe_load(r.out)
        self.assertEqual(doc["summary"]["result"], "success")
        self.assertEqual([p["name"] for p in doc["pipelines"]], ["instance", "second"])
        self.assertEqual(doc["status"]["message"], "notified")


class TestCasesTest(FakeEngineCase):
    def test_init_update_then_a_clean_run_then_a_change_fails_with_a_diff(self):
        r = self.kratix_ok("test", "init", "small", "--dir", "p", env=self.env)
        self.assertIn("Created test case p/test/resource/configure/small", r.out)
        self.assertEqual(self.read("p/test/resource/configure/small/input/object.yaml"), self.read("p/example-resource.yaml"))
        self.assertEqual(self.runs(), [], "init runs nothing")
        r = self.ktest("--update")
        self.assertIn("updated expected/output/instance/app.yaml", r.out)
        case = "p/test/resource/configure/small/expected"
        self.assertEqual(sorted(self.files(case)), [
            "metadata/instance/shared", "metadata/instance/status.yaml", "metadata/second/status.yaml",
            "output/instance/app.yaml", "output/instance/notes.txt", "scheduling.yaml", "status.yaml"])
        before = {f: self.read(case, f) for f in self.files(case)}
        r = self.ktest()
        self.assertIn("PASS  resource/configure/small (", r.out)
        self.assertTrue(r.out.rstrip().splitlines()[-1].startswith("Success ("), r.out)
        r = self.ktest("--update")
        self.assertNotIn("updated", r.out, "an unchanged run rewrites nothing (the status time is not compared)")
        self.assertEqual({f: self.read(case, f) for f in self.files(case)}, before)
        # Reordered and requoted by hand: still the same meaning.
        self.write(f"{case}/output/instance/app.yaml", "# expected\nkind: ConfigMap\napiVersion: 'v1'\nmetadata: {name: example-pg}\n")
        self.ktest()
        self.image("myorg/create:v1", """
            printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: other\\n' > /kratix/output/app.yaml
            echo "from create" > /kratix/metadata/shared
            echo new > /kratix/output/new.txt
        """)
        r = self.ktest(code=1)
        self.assertIn("FAIL  resource/configure/small (3 of ", r.out)
        self.assertIn("expected/output/instance/app.yaml: the YAML differs from what is expected", r.out)
        self.assertIn("-  name: example-pg", r.out)
        self.assertIn("+  name: other", r.out)
        self.assertIn("wrote /kratix/output/new.txt, which is not expected (run with --update to accept it)", r.out)
        self.assertIn("expected/scheduling.yaml: the workload groups differ from what is expected", r.out)
        self.assertIn("+    - new.txt", r.out)
        self.assertRegex(r.out.splitlines()[-1], r"^Failure \(3 of \d+ checks failed\)$")

    def test_cases_with_env_refs_and_selection(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance", {
            "name": "create", "image": "myorg/create:v1",
            "envFrom": [{"configMapRef": {"name": "settings"}}]})]}})
        self.image("myorg/create:v1", "echo \"$REGION $FROM_ENV\" > /kratix/output/where.txt\n")
        for name, region in (("eu", "eu-west"), ("us", "us-east")):
            self.kratix_ok("test", "init", name, "--dir", "p", env=self.env)
            self.write(f"p/test/resource/configure/{name}/configmaps/settings.env", f"REGION={region}\n")
            self.write(f"p/test/resource/configure/{name}/env", "FROM_ENV=yes\n")
        self.ktest("--update")
        self.assertEqual(self.read("p/test/resource/configure/eu/expected/output/instance/where.txt"), "eu-west yes\n")
        self.assertEqual(self.read("p/test/resource/configure/us/expected/output/instance/where.txt"), "us-east yes\n")
        os.remove(self.log)
        r = self.ktest("us")
        self.assertEqual(len(self.runs()), 1)
        self.assertNotIn("resource/configure/eu", r.out)
        r = self.ktest("resource/configure/eu", "-o", "json")
        self.assertEqual([c["case"] for c in json.loads(r.out)["cases"]], ["resource/configure/eu"])

    def test_a_promise_workflow_case_and_a_case_that_cannot_run(self):
        self.image("myorg/deps:v1", "printf 'apiVersion: v1\\nkind: Namespace\\nmetadata: {name: n}\\n' > /kratix/output/ns.yaml\n")
        self.set_workflows({"promise": {"configure": [pipeline("deps", ("deps", "myorg/deps:v1"))]},
                            "resource": {"configure": [pipeline("instance", ("create", "myorg/create:v1"))]}})
        self.kratix_ok("test", "init", "defaults", "--workflow", "promise/configure", "--dir", "p", env=self.env)
        self.assertEqual(self.files("p/test/promise/configure/defaults"), [], "promise cases run on the Promise")
        self.kratix_ok("test", "init", "broken", "--dir", "p", env=self.env)
        self.write("p/test/resource/configure/broken/input/object.yaml", "apiVersion: other.com/v1\nkind: X\nmetadata: {name: x}\n")
        r = self.ktest("--update", code=2)
        self.assertIn("PASS  promise/configure/defaults", r.out)
        self.assertIn("ERROR resource/configure/broken: ", r.out)
        self.assertIn("not a request of this Promise's API", r.out)
        self.assertIn("Failure (1 of 2 test cases did not run to the end", r.out)
        self.assertIn("Error: 1 test case(s) could not run", r.err)
        self.assertTrue(os.path.exists(self.path("p/test/promise/configure/defaults/expected/output/deps/ns.yaml")))

    def test_a_case_whose_pipeline_fails_is_not_updated_and_exits_3(self):
        self.kratix_ok("test", "init", "small", "--dir", "p", env=self.env)
        self.image("myorg/second:v1", "exit 4\n")
        r = self.ktest("--update", code=3)
        self.assertIn("FAIL  resource/configure/small: pipeline second: container second exited with status 4", r.out)
        self.assertFalse(os.path.exists(self.path("p/test/resource/configure/small/expected")))
        kept = [l for l in r.out.splitlines() if "work directories kept in" in l]
        self.addCleanup(shutil.rmtree, kept[0].split(" in ", 1)[1].rsplit("/resource/", 1)[0], ignore_errors=True)

    def test_init_refuses_what_it_cannot_start_from(self):
        self.kratix_ok("test", "init", "small", "--dir", "p", env=self.env)
        r = self.kratix_fails(1, "test", "init", "small", "--dir", "p", env=self.env)
        self.assertIn("exists already", r.err)
        r = self.kratix_fails(2, "test", "init", "bad/name", "--dir", "p", env=self.env)
        self.assertIn("is not valid", r.err)
        r = self.kratix_fails(2, "test", "init", "x", "--workflow", "resource/bogus", "--dir", "p", env=self.env)
        self.assertIn("invalid action 'bogus'", r.err)
        self.write("other.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n")
        r = self.kratix_fails(2, "test", "init", "y", "--input", self.path("other.yaml"), "--dir", "p", env=self.env)
        self.assertIn("not a request of this Promise's API", r.err)


class InputErrorsTest(FakeEngineCase):
    def test_every_bad_input_is_refused_before_anything_runs(self):
        self.write("wrong.yaml", "apiVersion: myorg.com/v9\nkind: Database\nmetadata: {name: x}\n")
        self.write("bad.yaml", "apiVersion: [\n")
        self.write("p/test/resource/oops/x/input/object.yaml", "{}\n")
        self.write("foreign/file.txt", "mine\n")
        cases = [
            (["workflow", "resource/configure", "--input", self.path("wrong.yaml")], "not a request of this Promise's API"),
            (["workflow", "resource/configure", "--input", self.path("bad.yaml")], "bad.yaml:2:1: not valid YAML"),
            (["workflow", "resource/configure", "--input", self.path("none.yaml")], "does not exist"),
            (["workflow", "resource/delete"], "the Promise has no resource/delete pipelines"),
            (["pipeline", "resource/configure/nope"], "pipeline nope is not in the resource/configure workflow (it has: instance, second)"),
            (["stage", "resource/configure/instance", "nope"], "container nope is not in pipeline resource/configure/instance (it has: create, notify)"),
            (["workflow", "resource/configure/instance"], "is not LIFECYCLE/ACTION"),
            (["pipeline", "resource/configure"], "is not LIFECYCLE/ACTION/PIPELINE"),
            (["workflow", "other/configure"], "invalid lifecycle 'other'"),
            (["workflow", "promise/configure", "--dry-run"], "the Promise has no promise/configure pipelines"),
            (["workflow", "resource/configure", "--env", "NOEQUALS"], "--env 'NOEQUALS' is not NAME=VALUE"),
            (["workflow", "resource/configure", "--timeout", "soon"], "--timeout 'soon' is not a duration"),
            (["workflow", "resource/configure", "--pull", "sometimes"], "--pull must be always, missing or never"),
            (["workflow", "resource/configure", "--network", "bridge"], "--network must be none"),
            (["workflow", "resource/configure", "-o", "xml"], "--output must be text, json or yaml"),
            (["workflow", "resource/configure", "--image", "ghost=x:v1"], "no container 'ghost'"),
            (["workflow", "resource/configure", "--env-file", "volume/x=f"], "must be configmap/NAME=FILE"),
            (["workflow", "resource/configure", "--env-file", "configmap/x=" + self.path("none.env")], "none.env"),
            (["workflow", "resource/configure", "--engine", "rancher"], "unsupported container engine 'rancher'"),
            (["workflow", "resource/configure", "--keep", self.path("foreign")], "holds files that kratix test did not write"),
            (["--input", self.path("wrong.yaml")], "was not expected: --input"),
            ([], "is not an action; test cases live in"),
            (["--tests", self.path("nowhere")], "does not exist; create a case with 'kratix test init CASE'"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.kratix_fails(2, "test", *args, "--dir", "p", env=self.env)
                self.assertIn(message, r.err)
        self.assertEqual(self.runs(), [])

    def test_pipelines_kratix_refuses_and_references_it_cannot_resolve(self):
        cases = [
            ({"name": "create", "image": "myorg/create:v1", "workingDir": "/src"}, {}, "unknown field 'workingDir'"),
            ({"name": "create", "image": "myorg/create:v1", "volumeMounts": [{"name": "cfg", "mountPath": "/cfg"}]},
             {"volumes": [{"name": "cfg", "configMap": {"name": "x"}}]}, "kratix test runs emptyDir volumes only"),
            ({"name": "create", "image": "myorg/create:v1", "envFrom": [{"secretRef": {"name": "creds"}}]}, {},
             "pass --env-file secret/creds=FILE"[5:]),
            ({"name": "create"}, {}, "needs an image"),
        ]
        for container, spec, message in cases:
            with self.subTest(message=message):
                self.set_workflows({"resource": {"configure": [pipeline("instance", container, **spec)]}})
                r = self.kratix_fails(2, "test", "workflow", "resource/configure", "--dir", "p", env=self.env)
                self.assertIn(message, r.err)
                self.assertRegex(r.err, r"Error: p/promise.yaml:\d+:\d+: ")
        self.assertEqual(self.runs(), [])

    def test_missing_example_resource_and_missing_engine(self):
        os.remove(self.path("p/example-resource.yaml"))
        r = self.kratix_fails(2, "test", "workflow", "resource/configure", "--dir", "p", env=self.env)
        self.assertIn("no p/example-resource.yaml to run the resource workflow for; pass --input FILE", r.err)
        r = self.kratix_fails(2, "test", "workflow", "resource/configure", "--dir", "p", "--engine", "podman",
                              env={**self.env, "PATH": self.path("bin")})
        self.assertIn("podman CLI not found in PATH", r.err)

    def test_help_lists_the_commands_with_examples(self):
        r = self.kratix_ok("help", "test")
        for word in ("workflow", "pipeline", "stage", "init", "--update", "--keep", "--engine", "Examples:",
                     "kratix test init small", "kratix test --update"):
            self.assertIn(word, r.out)
        self.assertIn("--timeout DURATION", self.kratix_ok("help", "test", "stage").out)


if __name__ == "__main__":
    unittest.main()
