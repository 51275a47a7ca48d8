"""Packaging: the Debian package (built, unpacked into a throwaway root and run),
the release tarball with its Homebrew formula, and `cmake --install`."""
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import unittest

from harness import KratixTestCase

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run(*args, **kwargs):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=900, **kwargs)


def commands_of(kratix):
    """Every command path of the CLI, from its own help: ['init', 'init promise', ...]."""
    out = []

    def walk(path):
        text = run(kratix, *path, "--help").stdout
        section = re.search(r"\n(?:Commands|Subcommands):\n(.*?)(?:\n\n|$)", text, re.S)
        for line in (section.group(1).splitlines() if section else []):
            name = line.split()[0]
            out.append(" ".join(path + [name]))
            walk(path + [name])
    walk([])
    return out


@unittest.skipUnless(shutil.which("dpkg-deb") and shutil.which("cpack"), "needs dpkg-deb and cpack")
class DebianPackageTest(KratixTestCase):
    def test_build_unpack_and_run(self):
        r = run(os.path.join(SRC, "packaging", "build-deb"), self.path("build"))
        self.assertEqual(r.returncode, 0, r.stderr)
        deb = r.stdout.strip().splitlines()[-1]
        self.assertRegex(os.path.basename(deb), r"^kratix_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")
        fields = run("dpkg-deb", "-f", deb, "Package", "Version", "Depends").stdout
        with open(os.path.join(SRC, "CMakeLists.txt")) as fh:
            version = re.search(r"project\(kratix VERSION ([0-9.]+)", fh.read()).group(1)
        self.assertIn(f"Version: {version}", fields)
        # libstdc++ and yaml-cpp are linked in; libcurl and libarchive are opened at
        # run time, and Depends must still name them.
        depends = fields.split("Depends:", 1)[1].strip()
        for lib in ("libc6", "libcurl4", "libarchive13"):
            self.assertIn(lib, depends)
        for lib in ("libstdc++6", "libyaml-cpp"):
            self.assertNotIn(lib, depends)
        root = self.path("root")
        self.assertEqual(run("dpkg", "-x", deb, root).returncode, 0)
        kratix = os.path.join(root, "usr", "bin", "kratix")
        self.assertRegex(run(kratix, "--version").stdout, rf"^kratix version {re.escape(version)} \(git ")
        self.assertIn("Usage: kratix", run(kratix, "--help").stdout)
        r = run(kratix, "init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", self.path("pg"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.path("pg", "promise.yaml")))
        man = os.path.join(root, "usr", "share", "man", "man1")
        for cmd in ["kratix"] + ["kratix-" + c.replace(" ", "-") for c in commands_of(kratix)]:
            self.assertTrue(os.path.exists(os.path.join(man, cmd + ".1.gz")), cmd)
        for f in ("usr/share/bash-completion/completions/kratix", "usr/share/zsh/vendor-completions/_kratix",
                  "usr/share/fish/vendor_completions.d/kratix.fish", "usr/share/doc/kratix/copyright",
                  "usr/share/doc/kratix/changelog.gz"):
            self.assertTrue(os.path.exists(os.path.join(root, f)), f)
        if shutil.which("lintian"):
            lint = run("lintian", deb)
            self.assertEqual([l for l in lint.stdout.splitlines() if l.startswith("E:")], [], lint.stdout)

        # The single-file download: the same binary, from the same build directory (nothing is rebuilt).
        r = run(os.path.join(SRC, "packaging", "build-static"), self.path("build"))
        self.assertEqual(r.returncode, 0, r.stderr)
        single, size = r.stdout.split()
        self.assertRegex(os.path.basename(single), rf"^kratix-{re.escape(version)}-linux-[a-z0-9_]+$")
        self.assertEqual(int(size), os.path.getsize(single))
        print(f"\nsingle-file kratix: {int(size) / 2**20:.1f} MiB")
        dynamic = run("readelf", "-d", single).stdout
        needed = sorted(line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line)
        self.assertTrue(all(n.startswith(("libc.so", "libm.so", "ld-linux")) for n in needed), needed)
        self.assertEqual(run(single, "--version").stdout, run(kratix, "--version").stdout)
        os.makedirs(self.path("chart", "c", "templates"))
        self.write("chart/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n")
        self.write("chart/c/values.yaml", "# -- how many\nreplicas: 2\n")
        self.assertEqual(run("tar", "-czf", self.path("c.tgz"), "-C", self.path("chart"), "c").returncode, 0)
        r = run(single, "init", "helm-promise", "c", "--group", "myorg.com", "--kind", "C", "--chart-url", "c.tgz",
                "--dir", self.path("c-promise"), cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("c-promise", "promise.yaml")) as fh:
            self.assertIn("how many", fh.read())


@unittest.skipUnless(shutil.which("git") and os.path.isdir(os.path.join(SRC, ".git")), "needs a git checkout")
class ReleaseTarballTest(KratixTestCase):
    def test_tarball_formula_and_install(self):
        clone = self.path("clone")
        self.assertEqual(run("git", "clone", "-q", SRC, clone).returncode, 0)
        revision = run("git", "-C", clone, "rev-parse", "--short=12", "HEAD").stdout.strip()
        r = run(os.path.join(clone, "packaging", "make-release"), "--url-base", "https://example.invalid/releases",
                "--out", self.path("dist"))
        self.assertEqual(r.returncode, 0, r.stderr)
        tarball = r.stdout.strip()
        with open(tarball, "rb") as fh:
            sha = hashlib.sha256(fh.read()).hexdigest()
        with open(os.path.join(clone, "packaging", "homebrew", "kratix.rb")) as fh:
            formula = fh.read()
        name = os.path.basename(tarball)
        self.assertIn(f'url "https://example.invalid/releases/{name}"', formula)
        self.assertIn(f'sha256 "{sha}"', formula)
        for dep in ("yaml-cpp", "libarchive", "cli11", "nlohmann-json"):
            self.assertIn(f'depends_on "{dep}"', formula)
        self.assertIn('"kratix", "init", "promise"', formula.replace('bin/"kratix"', '"kratix"'))
        # Build from the tarball as Homebrew would, and install under a prefix.
        with tarfile.open(tarball) as tar:
            tar.extractall(self.path("src"))
        top = os.path.join(self.path("src"), name[: -len(".tar.gz")])
        with open(os.path.join(top, "REVISION")) as fh:
            self.assertEqual(fh.read().strip(), revision)
        build = self.path("tbuild")
        r = run("cmake", "-S", top, "-B", build, "-DKRATIX_BUILD_TESTS=OFF", "-DCMAKE_BUILD_TYPE=Release")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("cmake", "--build", build, "-j2")
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        prefix = self.path("prefix")
        r = run("cmake", "--install", build, "--prefix", prefix)
        self.assertEqual(r.returncode, 0, r.stderr)
        kratix = os.path.join(prefix, "bin", "kratix")
        self.assertIn(f"(git {revision})", run(kratix, "--version").stdout)
        for f in ("share/man/man1/kratix.1", "share/man/man1/kratix-init-promise.1",
                  "share/bash-completion/completions/kratix", "share/zsh/site-functions/_kratix",
                  "share/fish/vendor_completions.d/kratix.fish", "share/doc/kratix/LICENSE"):
            self.assertTrue(os.path.exists(os.path.join(prefix, f)), f)


if __name__ == "__main__":
    unittest.main()
