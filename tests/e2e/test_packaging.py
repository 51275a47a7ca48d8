"""Packaging, on the release tree that .ci/test builds once (build-release, or
the one $KRATIX_RELEASE_BUILD names): the Debian package (built, unpacked into
a throwaway root and run), the single-file download, and the release tarball
built and installed (`cmake --install`) the way its Homebrew formula does it.
Nothing here compiles the project again: packaging/build-deb and build-static
find the release tree up to date, and the tarball's build gets its object
files from ccache, which the release tree filled (same flags, same relative
paths)."""
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import tarfile
import unittest

from harness import KratixTestCase

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RELEASE = os.path.abspath(os.environ.get("KRATIX_RELEASE_BUILD") or os.path.join(SRC, "build-release"))
NO_RELEASE_TREE = (f"no release tree at {RELEASE}: bash .ci/test makes it "
                   f"(or packaging/build-deb {RELEASE}, or set KRATIX_RELEASE_BUILD)")


def run(*args, **kwargs):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=900, **kwargs)


def have_release_tree():
    return os.path.isfile(os.path.join(RELEASE, "CMakeCache.txt"))


def cache_value(name):
    """A variable of the release tree's CMakeCache.txt, or None."""
    with open(os.path.join(RELEASE, "CMakeCache.txt")) as fh:
        m = re.search(rf"^{name}:[A-Z]+=(.*)$", fh.read(), re.M)
    return m.group(1) if m else None


def project_version():
    with open(os.path.join(SRC, "CMakeLists.txt")) as fh:
        return re.search(r"project\(kratix VERSION ([0-9.]+)", fh.read()).group(1)


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


@unittest.skipUnless(have_release_tree(), NO_RELEASE_TREE)
@unittest.skipUnless(shutil.which("dpkg-deb") and shutil.which("cpack"), "needs dpkg-deb and cpack")
class DebianPackageTest(KratixTestCase):
    def test_build_unpack_and_run(self):
        r = run(os.path.join(SRC, "packaging", "build-deb"), RELEASE)
        self.assertEqual(r.returncode, 0, r.stderr)
        deb = r.stdout.strip().splitlines()[-1]
        self.assertRegex(os.path.basename(deb), r"^kratix_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")
        fields = run("dpkg-deb", "-f", deb, "Package", "Version", "Depends").stdout
        version = project_version()
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

    def test_single_file_is_the_same_binary_and_needs_only_glibc(self):
        r = run(os.path.join(SRC, "packaging", "build-static"), RELEASE)
        self.assertEqual(r.returncode, 0, r.stderr)
        single, size = r.stdout.split()
        self.assertRegex(os.path.basename(single), rf"^kratix-{re.escape(project_version())}-linux-[a-z0-9_]+$")
        self.assertEqual(int(size), os.path.getsize(single))
        print(f"\nsingle-file kratix: {int(size) / 2**20:.1f} MiB")
        dynamic = run("readelf", "-d", single).stdout
        needed = sorted(line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line)
        self.assertTrue(all(n.startswith(("libc.so", "libm.so", "ld-linux")) for n in needed), needed)
        # The release tree's binary, stripped: nothing was rebuilt for it.
        self.assertEqual(run(single, "--version").stdout, run(os.path.join(RELEASE, "kratix"), "--version").stdout)
        os.makedirs(self.path("chart", "c", "templates"))
        self.write("chart/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n")
        self.write("chart/c/values.yaml", "# -- how many\nreplicas: 2\n")
        self.assertEqual(run("tar", "-czf", self.path("c.tgz"), "-C", self.path("chart"), "c").returncode, 0)
        r = run(single, "init", "helm-promise", "c", "--group", "myorg.com", "--kind", "C", "--chart-url", "c.tgz",
                "--dir", self.path("c-promise"), cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("c-promise", "promise.yaml")) as fh:
            self.assertIn("how many", fh.read())


def formula_commands(formula, std_cmake_args):
    """The `system "cmake", ...` lines of the formula's install block, as argv lists."""
    install = re.search(r"\n  def install\n(.*?)\n  end\n", formula, re.S).group(1)
    commands = []
    for line in install.splitlines():
        line = line.strip()
        if not line.startswith("system "):
            continue
        argv = []
        for word in (w.strip() for w in line[len("system "):].split(",")):
            argv += std_cmake_args if word == "*std_cmake_args" else [shlex.split(word)[0]]
        commands.append(argv)
    return commands


def ccache_summary(stats_log):
    """'N of M compilations from ccache' from a CCACHE_STATSLOG file, or None."""
    if not os.path.exists(stats_log):
        return None
    with open(stats_log) as fh:
        results = [block.splitlines()[1:] for block in fh.read().split("# ")[1:]]
    hits = sum(1 for r in results if "direct_cache_hit" in r or "preprocessed_cache_hit" in r)
    return f"{hits} of {len(results)} compilations from ccache"


@unittest.skipUnless(have_release_tree(), NO_RELEASE_TREE)
@unittest.skipUnless(shutil.which("git") and os.path.exists(os.path.join(SRC, ".git")), "needs a git checkout")
class ReleaseTarballTest(KratixTestCase):
    def worktree_commit(self):
        """A commit of the working tree as `git add -A` would make it (HEAD when
        nothing changed), made with a scratch index: no ref and no index of the
        checkout is touched. The tarball then holds what the release tree was
        built from, uncommitted work included."""
        env = dict(os.environ, GIT_INDEX_FILE=self.path("scratch-index"), GIT_AUTHOR_NAME="kratix tests",
                   GIT_AUTHOR_EMAIL="tests@kratix.invalid", GIT_COMMITTER_NAME="kratix tests",
                   GIT_COMMITTER_EMAIL="tests@kratix.invalid")

        def git(*args):
            r = run("git", "-C", SRC, *args, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
            return r.stdout.strip()
        git("read-tree", "HEAD")
        git("add", "-A")
        tree = git("write-tree")
        if tree == git("rev-parse", "HEAD^{tree}"):
            return git("rev-parse", "HEAD")
        return git("commit-tree", tree, "-p", "HEAD", "-m", "the working tree, for test_packaging")

    def test_tarball_formula_and_install(self):
        clone = self.path("clone")
        commit = self.worktree_commit()
        self.assertEqual(run("git", "clone", "-q", "--shared", "--no-checkout", SRC, clone).returncode, 0)
        r = run("git", "-C", clone, "checkout", "-q", "--detach", commit)
        self.assertEqual(r.returncode, 0, r.stderr)
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

        # Build from the tarball as Homebrew does: the formula's own commands, run
        # in the unpacked source, with Homebrew's standard CMake arguments.
        with tarfile.open(tarball) as tar:
            tar.extractall(self.path("src"))
        top = os.path.join(self.path("src"), name[: -len(".tar.gz")])
        with open(os.path.join(top, "REVISION")) as fh:
            self.assertEqual(fh.read().strip(), revision)
        prefix = self.path("prefix")
        std_cmake_args = [f"-DCMAKE_INSTALL_PREFIX={prefix}", "-DCMAKE_INSTALL_LIBDIR=lib", "-DCMAKE_BUILD_TYPE=Release",
                          "-DCMAKE_FIND_FRAMEWORK=LAST", "-DCMAKE_VERBOSE_MAKEFILE=ON", "-Wno-dev", "-DBUILD_TESTING=OFF"]
        # Not Homebrew's: CI's -Werror when the release tree has it, so that the
        # compile commands are the release tree's and ccache has every object.
        if cache_value("KRATIX_WERROR") == "ON":
            std_cmake_args.append("-DKRATIX_WERROR=ON")
        commands = formula_commands(formula, std_cmake_args)
        self.assertEqual([c[:2] for c in commands], [["cmake", "-S"], ["cmake", "--build"], ["cmake", "--install"]])
        stats = self.path("ccache-stats.log")
        env = dict(os.environ, MAKEFLAGS=f"-j{os.cpu_count()}", CCACHE_BASEDIR=top, CCACHE_STATSLOG=stats)
        for argv in commands:
            r = run(*argv, cwd=top, env=env)
            self.assertEqual(r.returncode, 0, f"{argv}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
        summary = ccache_summary(stats)
        if summary:
            print(f"\ntarball build: {summary}")
        kratix = os.path.join(prefix, "bin", "kratix")
        self.assertIn(f"(git {revision})", run(kratix, "--version").stdout)
        for f in ("share/man/man1/kratix.1", "share/man/man1/kratix-init-promise.1",
                  "share/bash-completion/completions/kratix", "share/zsh/site-functions/_kratix",
                  "share/fish/vendor_completions.d/kratix.fish", "share/doc/kratix/LICENSE"):
            self.assertTrue(os.path.exists(os.path.join(prefix, f)), f)
        # The formula's test block.
        r = run(kratix, "init", "promise", "postgresql", "--group", "myorg.com", "--kind", "Database",
                "--dir", self.path("postgresql"))
        self.assertEqual(r.returncode, 0, r.stderr)
        promise = self.read("postgresql", "promise.yaml")
        self.assertIn("kind: Promise", promise)
        self.assertIn("name: databases.myorg.com", promise)


if __name__ == "__main__":
    unittest.main()
