"""Runs Python test suites for ctest, and is honest about what it skipped:
    python3 run_suite.py test_cli [test_update.AddContainerTest ...]
It runs the named tests as `python3 -m unittest -v` does, then
- lists every skipped test as `kratix-skip: TEST: REASON` (.ci/test collects
  these lines from every suite and prints them at the end);
- exits 77 when nothing ran (every test skipped, or none found): ctest shows
  the suite as Skipped (SKIP_RETURN_CODE), where unittest would exit 0;
- with CI=true exits 1 on any skip: CI installs everything the tests use, so
  a skip there is a test that silently stopped running.
The suite's module is looked up in the working directory."""
import os
import sys
import unittest


def in_ci():
    return os.environ.get("CI", "").lower() in ("true", "1")


def main(names):
    sys.path.insert(0, os.getcwd())
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    sys.stdout.flush()
    for test, reason in result.skipped:
        print(f"kratix-skip: {test.id()}: {reason}")
    if not result.wasSuccessful():
        return 1
    if result.skipped and in_ci():
        print(f"CI=true: {len(result.skipped)} skipped test(s) count as failures "
              "(.ci/setup test installs everything the tests use)")
        return 1
    if result.testsRun == len(result.skipped):
        reasons = sorted({reason for _, reason in result.skipped}) or ["no tests found"]
        print(f"{' '.join(names)}: nothing to run ({'; '.join(reasons)})")
        return 77
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: run_suite.py MODULE[.Class[.test]] ...")
    sys.exit(main(sys.argv[1:]))
