"""kratix test with a real container engine: Debian's podman runs the workflow
containers (runc, cgroupfs, no network). The images are made here: a
busybox-static root filesystem imported once per suite, and `kratix build
container` (through --build) on scaffolded pipelines whose scripts use only
busybox. Nothing is pulled; there is no registry."""
import json
import os
import shlex
import shutil
import subprocess
import tarfile
import tempfile
import textwrap
import unittest
import uuid

import yaml

from harness import KratixTestCase
from kratix_test_support import pipeline, set_workflows

BUSYBOX = next((p for p in ("/bin/busybox", "/usr/bin/busybox") if os.path.exists(p)), None)
CONTAINERS_CONF = """[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"

[containers]
default_ulimits = []
"""
TOOLS = ("sh", "cat", "echo", "printf", "sed", "grep", "ls", "mkdir", "ln", "sleep", "touch", "env", "sort",
         "chmod", "cp", "id", "true")


# The examples of docs/commands.md and `kratix help test`, run in this order below.
EXAMPLES = [
    "kratix test init small",
    "kratix test --build -o json",
    "kratix test --update",
    "kratix test",
    "kratix test workflow resource/configure --engine podman",
    "kratix test stage resource/configure/instance create --image create=myorg/create:dev --env LOG_LEVEL=debug",
    "kratix test pipeline resource/configure/instance",
]


def podman_can_run():
    if not BUSYBOX or not shutil.which("podman"):
        return "needs podman and busybox-static"
    if not (shutil.which("runc") or os.path.exists("/usr/sbin/runc")):
        return "needs runc"
    if subprocess.run(["podman", "info"], capture_output=True, timeout=120).returncode != 0:
        return "podman info fails"
    return None


WHY_NOT = podman_can_run()




SUITE = {}


def setUpModule():
    """The base image, once for every test of this file."""
    if WHY_NOT:
        if os.environ.get("CI") == "true":
            raise AssertionError(f"the real-podman suite cannot run under CI: {WHY_NOT}")
        raise unittest.SkipTest(WHY_NOT)
    shared = tempfile.mkdtemp(prefix="kratix-podman-")
    conf = os.path.join(shared, "containers.conf")
    with open(conf, "w") as fh:
        fh.write(CONTAINERS_CONF)
    suite_id = uuid.uuid4().hex[:8]
    base = f"localhost/kratix-test-base:{suite_id}"
    rootfs = os.path.join(shared, "rootfs.tar")
    with tarfile.open(rootfs, "w") as tar:
        tar.add(BUSYBOX, arcname="bin/busybox")
        for tool in TOOLS:
            info = tarfile.TarInfo(f"bin/{tool}")
            info.type = tarfile.SYMTYPE
            info.linkname = "busybox"
            tar.addfile(info)
        info = tarfile.TarInfo("tmp")
        info.type = tarfile.DIRTYPE
        info.mode = 0o1777
        tar.addfile(info)
    subprocess.run(["podman", "import", rootfs, base], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "CONTAINERS_CONF": conf})
    SUITE.update(shared=shared, conf=conf, id=suite_id, base=base, images=[base])


def tearDownModule():
    if not SUITE:
        return
    subprocess.run(["podman", "rmi", "-f", *SUITE["images"]], capture_output=True, timeout=300,
                   env={**os.environ, "CONTAINERS_CONF": SUITE["conf"]})
    shutil.rmtree(SUITE["shared"], ignore_errors=True)


class PodmanSuite(KratixTestCase):
    """Each test gets a Promise directory; the base image is the suite's."""

    def setUp(self):
        super().setUp()
        self.conf, self.id, self.base = SUITE["conf"], SUITE["id"], SUITE["base"]
        os.makedirs(self.path("tmp"))
        self.env = {"CONTAINERS_CONF": self.conf, "TMPDIR": self.path("tmp"), "KRATIX_CONTAINER_ENGINE": "podman"}
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", "p")

    def sh(self, name, script, **extra):
        """A container of the base image running a busybox script."""
        return {"name": name, "image": self.base, "command": ["/bin/sh", "-c"],
                "args": ["set -eu\n" + textwrap.dedent(script)], **extra}

    def set_workflows(self, workflows, **extra):
        set_workflows(self.path("p", "promise.yaml"), workflows, **extra)

    def ktest(self, *args, code=0):
        r = self.run_kratix("test", *args, "--dir", "p", env=self.env)
        self.assertEqual(r.code, code, r)
        return r


class ScaffoldedPipelinesTest(PodmanSuite):
    def scaffold(self, ref, name, script):
        image = f"localhost/kratix-test/{name}:{self.id}"
        SUITE["images"].append(image)
        self.kratix_ok("add", "container", ref, "--image", image, "--name", name, "--dir", "p")
        d = f"p/workflows/{ref}/{name}"
        with open(self.path(d, "Dockerfile")) as fh:
            lines = fh.read().splitlines()
        # No network: start from the imported base, which has busybox and no package manager.
        lines = [f"FROM {self.base}" if l.startswith("FROM ") else l for l in lines if not l.startswith("RUN apk")]
        with open(self.path(d, "Dockerfile"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
        self.write(f"{d}/scripts/pipeline.sh", "#!/bin/sh\nset -eu\n" + textwrap.dedent(script), mode=0o755)

    def test_the_documented_examples_build_run_record_and_check_two_pipelines_of_three_containers(self):
        self.scaffold("resource/configure/instance", "create", """
            name=$(sed -n 's/^  name: //p' /kratix/input/object.yaml)
            printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\ndata:\\n  by: %s\\n  level: "%s"\\n' \\
              "$name" "$KRATIX_PIPELINE_NAME" "${LOG_LEVEL:-info}" > /kratix/output/app.yaml
            mkdir -p /kratix/output/db
            printf 'apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: %s-db\\n' "$name" > /kratix/output/db/secret.yaml
            printf -- '- directory: db\\n  matchLabels:\\n    tier: data\\n' > /kratix/metadata/destination-selectors.yaml
            echo "made by create" > /kratix/metadata/handover
        """)
        self.scaffold("resource/configure/instance", "notify", """
            printf 'message: "%s"\\n' "$(cat /kratix/metadata/handover)" > /kratix/metadata/status.yaml
        """)
        self.scaffold("resource/configure/report", "report", """
            grep -q 'message: made by create' /kratix/input/object.yaml
            printf 'conditions:\\n- type: Reported\\n  status: "True"\\n  reason: Done\\n  message: ok\\n' \\
              > /kratix/metadata/status.yaml
        """)
        with open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "commands.md")) as fh:
            docs = fh.read().split("## kratix test", 1)[1].split("\n## ", 1)[0]
        help_text = self.kratix_ok("help", "test").out
        for example in EXAMPLES:
            self.assertIn(example, docs, "docs/commands.md shows the example")
            self.assertIn(example, help_text, "kratix help test shows the example")
        env = {**self.env, "BUILDAH_ISOLATION": "chroot"}  # podman build here needs chroot isolation
        ran = {}
        for example in EXAMPLES:
            if example.startswith("kratix test stage"):  # it runs another tag of the create image
                subprocess.run(["podman", "tag", f"localhost/kratix-test/create:{self.id}", "localhost/myorg/create:dev"],
                               check=True, capture_output=True, env=env, timeout=120)
                SUITE["images"].append("localhost/myorg/create:dev")
            r = self.run_kratix(*shlex.split(example)[1:], cwd=self.path("p"), env=env)
            self.assertEqual(r.code, 0, f"{example}\n{r}")
            ran[example] = r
        out = json.loads(ran["kratix test --build -o json"].out)
        self.assertEqual(out["summary"]["result"], "success")
        self.assertIn("Building container with tag", ran["kratix test --build -o json"].err)
        self.assertIn("Created test case ./test/resource/configure/small", ran["kratix test init small"].out)
        self.assertIn("updated expected/status.yaml", ran["kratix test --update"].out)
        self.assertTrue(ran["kratix test"].out.strip().splitlines()[-1].startswith("Success ("))
        self.assertIn("pipeline report", ran["kratix test workflow resource/configure --engine podman"].out)
        self.assertNotIn("pipeline report", ran["kratix test pipeline resource/configure/instance"].out)
        stage = ran[EXAMPLES[5]].out
        self.assertIn("container create (myorg/create:dev): ok", stage)
        self.assertNotIn("container notify", stage)

        expected = "p/test/resource/configure/small/expected"
        with open(self.path(expected, "output/instance/app.yaml")) as fh:
            self.assertEqual(yaml.safe_load(fh)["data"], {"by": "instance", "level": "info"})
        with open(self.path(expected, "status.yaml")) as fh:
            status = yaml.safe_load(fh)
        self.assertEqual(status["message"], "made by create")
        self.assertEqual(sorted(c["type"] for c in status["conditions"]), ["ConfigureWorkflowCompleted", "Reported"])
        with open(self.path(expected, "scheduling.yaml")) as fh:
            scheduling = yaml.safe_load(fh)
        groups = {g["directory"]: g for g in scheduling[0]["workloadGroups"]}
        self.assertEqual(groups["db"]["files"], ["db/secret.yaml"])
        self.assertEqual(groups["db"]["destinationLabels"], {"tier": "data"})
        self.assertEqual(groups["."]["files"], ["app.yaml"])
        # A changed script is caught, with the diff of the YAML.
        script = "p/workflows/resource/configure/instance/create/scripts/pipeline.sh"
        self.write(script, self.read(script).replace("by: %s", "by: changed-%s"), mode=0o755)
        r = self.run_kratix("test", "--build", cwd=self.path("p"), env=env)
        self.assertEqual(r.code, 1, r)
        self.assertIn("expected/output/instance/app.yaml: the YAML differs from what is expected", r.out)
        self.assertIn("+  by: changed-instance", r.out)


class ContractTest(PodmanSuite):
    def test_mounts_environment_and_network_in_a_real_container(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance", self.sh("look", """
            env | grep '^KRATIX_' | sort > /kratix/output/env.txt
            ls /sys/class/net > /kratix/output/net.txt
            if touch /kratix/input/x 2>/dev/null; then echo writable; else echo read-only; fi > /kratix/output/input.txt
            cp /kratix/input/object.yaml /kratix/output/object.yaml
        """, env=[{"name": "MINE", "value": "$(KRATIX_OBJECT_NAME)-x"}]))]}})
        keep = self.path("work")
        self.ktest("workflow", "resource/configure", "--keep", keep)
        out = os.path.join(keep, "instance", "output")
        with open(os.path.join(out, "env.txt")) as fh:
            env = fh.read().splitlines()
        self.assertEqual(env, sorted([
            "KRATIX_WORKFLOW_ACTION=configure", "KRATIX_WORKFLOW_TYPE=resource", "KRATIX_PROMISE_NAME=pg",
            "KRATIX_PIPELINE_NAME=instance", "KRATIX_OBJECT_KIND=Database", "KRATIX_OBJECT_GROUP=myorg.com",
            "KRATIX_OBJECT_VERSION=v1alpha1", "KRATIX_OBJECT_NAME=example-pg", "KRATIX_OBJECT_NAMESPACE=default",
            "KRATIX_CRD_PLURAL=databases", "KRATIX_CLUSTER_SCOPED=false"]))
        with open(os.path.join(out, "net.txt")) as fh:
            self.assertEqual(fh.read().split(), ["lo"], "--network none by default")
        with open(os.path.join(out, "input.txt")) as fh:
            self.assertEqual(fh.read().strip(), "read-only")
        with open(os.path.join(out, "object.yaml")) as fh:
            self.assertEqual(yaml.safe_load(fh)["metadata"], {"name": "example-pg", "namespace": "default"})

    def test_promise_workflow_suspend_and_status_chaining(self):
        self.set_workflows({
            "promise": {"configure": [pipeline("deps", self.sh("deps", """
                grep -q '^kind: Promise' /kratix/input/object.yaml
                printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: pg-system\\n' > /kratix/output/ns.yaml
                printf 'message: installed\\n' > /kratix/metadata/status.yaml
            """))]},
            "resource": {"configure": [
                pipeline("first", self.sh("gate", """
                    printf 'message: waiting\\n' > /kratix/metadata/status.yaml
                    printf 'suspend: true\\nmessage: needs approval\\n' > /kratix/metadata/workflow-control.yaml
                """)),
                pipeline("second", self.sh("never", "echo ran > /kratix/output/ran.txt\n"))]}},
            destinationSelectors=[{"matchLabels": {"env": "platform"}}])
        r = json.loads(self.ktest("workflow", "promise/configure", "-o", "json").out)
        self.assertEqual(r["status"]["message"], "installed")
        self.assertEqual(r["pipelines"][0]["workloadGroups"][0]["destinationLabels"], {"env": "platform"})
        r = self.ktest("workflow", "resource/configure")
        self.assertIn("Stopped: pipeline first suspended the workflow (workflow-control.yaml suspend: true, "
                      "message: needs approval); the pipelines after it do not run", r.out)
        self.assertNotIn("pipeline second", r.out)
        self.assertIn("message: waiting", r.out)

    def test_a_failing_container_and_a_timeout(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance",
            self.sh("ok", "echo fine > /kratix/output/fine.txt\n"),
            self.sh("fails", "echo 'about to fail' ; echo 'no database' >&2 ; exit 5\n"),
            self.sh("sleeps", "sleep 300\n"))]}})
        r = self.ktest("pipeline", "resource/configure/instance", code=3)
        self.assertIn(f"container fails ({self.base}): exited with status 5", r.out)
        self.assertIn("| no database", r.out)
        self.assertIn("| about to fail", r.out)
        self.assertIn("Error: pipeline instance: container fails exited with status 5", r.err)
        self.assertNotIn("container sleeps", r.out)
        r = self.ktest("stage", "resource/configure/instance", "sleeps", "--timeout", "2s", "-o", "json", code=3)
        out = json.loads(r.out)
        container = out["pipelines"][0]["containers"][0]
        self.assertTrue(container["timedOut"])
        self.assertEqual(container["ended"], "timed out after 2s")
        name = container["command"][container["command"].index("--name") + 1]
        left = subprocess.run(["podman", "ps", "-a", "-q", "--filter", f"name=^{name}$"], capture_output=True,
                              text=True, env={**os.environ, "CONTAINERS_CONF": self.conf}, timeout=120)
        self.assertEqual(left.stdout.strip(), "", "the timed-out container is gone")

    def test_output_kratix_would_not_accept(self):
        self.set_workflows({"resource": {"configure": [pipeline("instance", self.sh("bad", """
            echo 'key: [unclosed' > /kratix/output/broken.yaml
            printf 'metadata:\\n  name: x\\n' > /kratix/output/no-kind.yaml
            ln -s /etc/passwd /kratix/output/passwd.yaml
            ln -s ../input/object.yaml /kratix/output/object.yaml
        """))]}})
        r = json.loads(self.ktest("workflow", "resource/configure", "-o", "json", code=1).out)
        checks = {c["name"]: c for c in r["checks"] if not c["passed"]}
        self.assertIn("not valid YAML", checks["instance: output/broken.yaml"]["message"])
        self.assertIn("has no apiVersion", checks["instance: output/no-kind.yaml"]["message"])
        self.assertIn("symlink to the absolute path /etc/passwd", checks["instance: output/passwd.yaml"]["message"])
        self.assertIn("leaves /kratix/output", checks["instance: output/object.yaml"]["message"])


if __name__ == "__main__":
    unittest.main()
