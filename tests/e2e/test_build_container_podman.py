"""build container with a real engine: podman builds the image of a container
made by `add container` (from a base image the test imports) and pushes it to
a docker-registry on 127.0.0.1; the test reads the manifest back."""
import json
import os
import shutil
import subprocess
import tarfile
import unittest
import urllib.request
import uuid

from harness import KratixTestCase
from registry import Registry

BUSYBOX = next((p for p in ("/bin/busybox", "/usr/bin/busybox") if os.path.exists(p)), None)


def podman_works():
    if not shutil.which("podman"):
        return False
    return subprocess.run(["podman", "info"], capture_output=True, timeout=120).returncode == 0


@unittest.skipUnless(BUSYBOX and Registry.available() and podman_works(),
                     "needs podman, docker-registry and busybox-static")
class PodmanBuildTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.tag = f"localhost/kratix-test-base:{uuid.uuid4().hex[:8]}"
        rootfs = self.path("rootfs.tar")
        with tarfile.open(rootfs, "w") as tar:
            tar.add(BUSYBOX, arcname="bin/busybox")
            for tool in ("sh", "chmod", "cp", "echo"):
                info = tarfile.TarInfo(f"bin/{tool}")
                info.type = tarfile.SYMTYPE
                info.linkname = "busybox"
                tar.addfile(info)
        subprocess.run(["podman", "import", rootfs, self.tag], check=True, capture_output=True, timeout=120)
        self.images = [self.tag]

    def tearDown(self):
        subprocess.run(["podman", "rmi", "-f", *self.images], capture_output=True, timeout=120)
        super().tearDown()

    def test_build_and_push_to_a_real_registry(self):
        with Registry() as registry:
            image = f"{registry.host}/kratix-test/instance:v1"
            self.images.append(image)
            self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
            self.kratix_ok("add", "container", "resource/configure/instance", "--image", image, "--name", "instance")
            dockerfile = self.path("workflows/resource/configure/instance/instance/Dockerfile")
            with open(dockerfile) as fh:
                lines = fh.read().splitlines()
            # No network here: start from the imported base, which has no package manager.
            lines = [f"FROM {self.tag}" if l.startswith("FROM ") else l for l in lines if not l.startswith("RUN apk")]
            with open(dockerfile, "w") as fh:
                fh.write("\n".join(lines) + "\n")
            self.write("workflows/resource/configure/instance/instance/resources/config.yaml", "a: 1\n")
            conf = self.write("registries.conf", f'[[registry]]\nlocation = "{registry.host}"\ninsecure = true\n')
            r = self.run_kratix("build", "container", "resource/configure/instance", "--engine", "podman", "--push",
                                "--build-args", "--isolation chroot", env={"CONTAINERS_REGISTRIES_CONF": conf})
            self.assertEqual(r.code, 0, r)
            self.assertIn(f"Building container with tag {image}...", r.out)
            self.assertIn(f"Pushing container with tag {image}...", r.out)
            req = urllib.request.Request(f"http://{registry.host}/v2/kratix-test/instance/manifests/v1", headers={
                "Accept": "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                manifest = json.load(resp)
            self.assertGreaterEqual(len(manifest["layers"]), 2)  # the base plus the container's files

    def test_a_failing_build_reports_the_engine_status(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "localhost/kratix-test/fail:v1",
                       "--name", "instance")
        self.write("workflows/resource/configure/instance/instance/Dockerfile", f"FROM {self.tag}\nRUN exit 3\n")
        r = self.run_kratix("build", "container", "resource/configure/instance", "--engine", "podman",
                            "--build-args", "--isolation chroot")
        self.assertEqual(r.code, 1, r)
        self.assertIn("exited with status", r.err)


if __name__ == "__main__":
    unittest.main()
