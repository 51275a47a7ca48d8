"""The house-style gate (.ci/lint) really fails: run on a scratch git
repository holding the project's .ci/lint, .clang-format and .clang-tidy, it
refuses an unformatted file (tracked or new), a clang-tidy finding in a
changed source or header, and leaves unchanged files to --all."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = ("git", "clang-format-14", "clang-tidy-14")

CLEAN = "int answer() { return 42; }\n"
# Formatted, but clang-tidy's modernize-use-nullptr (a chosen check) flags it.
FLAGGED = "int* nothing() { return 0; }\n"
HEADER_FLAGGED = "#pragma once\ninline int* none() { return 0; }\n"


@unittest.skipUnless(all(shutil.which(t) for t in TOOLS), "needs git, clang-format-14 and clang-tidy-14")
class LintGateTest(unittest.TestCase):
    def setUp(self):
        self.repo = tempfile.mkdtemp(prefix="kratix-lint-")
        self.addCleanup(shutil.rmtree, self.repo, ignore_errors=True)
        os.makedirs(os.path.join(self.repo, ".ci"))
        for f in (".ci/lint", ".clang-format", ".clang-tidy"):
            shutil.copy(os.path.join(SRC, f), os.path.join(self.repo, f))
        self.write("lib/core/answer.cpp", CLEAN)
        self.git("init", "-q")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        self.base = self.git("rev-parse", "HEAD")

    def git(self, *args):
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t.invalid", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t.invalid")
        r = subprocess.run(["git", *args], cwd=self.repo, env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def write(self, rel, text):
        path = os.path.join(self.repo, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(text)

    def lint(self, *args):
        """Runs the copied .ci/lint against a compile database of every .cpp in the repository."""
        build = os.path.join(self.repo, "build")
        os.makedirs(build, exist_ok=True)
        units = []
        for root, _, files in os.walk(os.path.join(self.repo, "lib")):
            units += [os.path.join(root, f) for f in files if f.endswith(".cpp")]
        with open(os.path.join(build, "compile_commands.json"), "w") as fh:
            json.dump([{"directory": self.repo, "file": u,
                        "arguments": ["c++", "-std=c++20", "-I", os.path.join(self.repo, "lib"), "-c", u]}
                       for u in units], fh)
        env = dict(os.environ, KRATIX_LINT_BASE=self.base)
        return subprocess.run(["bash", ".ci/lint", *args, "build"], cwd=self.repo, env=env, capture_output=True,
                              text=True, timeout=600)

    def assert_fails(self, r, *words):
        self.assertEqual(r.returncode, 1, r)
        for w in words:
            self.assertIn(w, r.stderr, r)

    def test_a_clean_change_passes(self):
        self.write("lib/core/more.cpp", "int more() { return 1; }\n")
        r = self.lint()
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("clang-tidy clean", r.stdout)

    def test_an_unformatted_file_fails_tracked_or_new(self):
        self.write("lib/core/answer.cpp", "int  answer( ) {return 42;}\n")
        self.assert_fails(self.lint(), "not formatted", "lib/core/answer.cpp", "clang-format-14 -i")
        self.write("lib/core/answer.cpp", CLEAN)
        self.write("lib/core/new.cpp", "int  fresh( ) {return 1;}\n")  # not added to git
        self.assert_fails(self.lint(), "not formatted", "lib/core/new.cpp")

    def test_a_tidy_finding_in_a_changed_file_fails(self):
        self.write("lib/core/answer.cpp", FLAGGED)
        self.assert_fails(self.lint(), "modernize-use-nullptr", "answer.cpp", "clang-tidy found problems")

    def test_a_tidy_finding_in_a_changed_header_fails_through_its_includer(self):
        self.write("lib/core/none.hpp", HEADER_FLAGGED)
        self.write("lib/core/answer.cpp", '#include "core/none.hpp"\n\n' + CLEAN)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "header")
        self.base = self.git("rev-parse", "HEAD")
        self.assertEqual(self.lint().returncode, 0)  # nothing changed since the base
        self.write("lib/core/none.hpp", HEADER_FLAGGED + "inline int* other() { return 0; }\n")
        self.assert_fails(self.lint(), "modernize-use-nullptr", "none.hpp")

    def test_unchanged_files_are_left_to_all(self):
        self.write("lib/core/answer.cpp", FLAGGED)
        self.git("commit", "-qam", "flagged")
        self.base = self.git("rev-parse", "HEAD")
        r = self.lint()
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("no changed C++ source files", r.stdout)
        self.assert_fails(self.lint("--all"), "modernize-use-nullptr")


if __name__ == "__main__":
    unittest.main()
