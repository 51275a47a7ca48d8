"""Shared helpers for the end-to-end tests: run the built kratix binary in
temporary directories and look at what it wrote."""
import hashlib
import os
import pty
import shutil
import subprocess
import tempfile
import threading
import sys
import unittest

KRATIX = os.environ.get("KRATIX_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", "build", "kratix")
SHARED = os.environ.get("KRATIX_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
# tests/servers/: the real servers the tests start on 127.0.0.1.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "servers"))


def shared_path(*parts):
    """A path under ../shared, or None when ../shared is absent."""
    path = os.path.join(SHARED, *parts)
    return path if os.path.exists(path) else None


def run_on_terminal(argv, cwd, env, stdout_too=True, timeout=120):
    """Runs argv with stderr (and stdout, when stdout_too) on a pseudo-terminal.
    Returns (exit code, what the terminal showed, stdout when it was piped).
    All output is read however slowly the machine hands it over: after the
    exit a marker is written to the terminal behind the program's output, and
    reading stops at the marker (not at a hang-up, which may come first)."""
    marker = b"<kratix-test: end of output>"
    controller, terminal = pty.openpty()
    shown = bytearray()

    def read():  # at the same time as the program writes, so the terminal never fills up
        while marker not in shown:
            chunk = os.read(controller, 65536)
            if not chunk:
                break
            shown.extend(chunk)
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=terminal if stdout_too else subprocess.PIPE, stderr=terminal)
        out, _ = proc.communicate(timeout=timeout)
        os.write(terminal, marker)
        reader.join(timeout)
    finally:
        os.close(terminal)
        os.close(controller)
    return proc.returncode, bytes(shown.split(marker)[0]), out


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def snapshot(directory):
    """Every file under directory with its content hash and mode, and every directory."""
    state = {}
    for root, dirs, files in os.walk(directory):
        for d in dirs:
            state[os.path.relpath(os.path.join(root, d), directory) + "/"] = "dir"
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                state[os.path.relpath(p, directory)] = (hashlib.sha256(fh.read()).hexdigest(), os.stat(p).st_mode)
    return state


class KratixTestCase(unittest.TestCase):
    """Each test gets a fresh working directory, self.dir."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kratix-e2e-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def run_kratix(self, *args, cwd=None, env=None, input=None):
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        if env:
            full_env.update(env)
        proc = subprocess.run([KRATIX, *args], cwd=cwd or self.dir, env=full_env, input=input,
                              capture_output=True, text=True, timeout=120)
        return Result(proc)

    def kratix_ok(self, *args, **kwargs):
        r = self.run_kratix(*args, **kwargs)
        self.assertEqual(r.code, 0, r)
        return r

    def kratix_fails(self, code, *args, **kwargs):
        """Runs kratix expecting exit `code`, an `Error:` on stderr and no file changed."""
        cwd = kwargs.get("cwd") or self.dir
        before = snapshot(cwd)
        r = self.run_kratix(*args, **kwargs)
        self.assertEqual(r.code, code, r)
        self.assertTrue(any(line.startswith("Error: ") for line in r.err.splitlines()), r)
        self.assertEqual(r.out, "", r)
        self.assertEqual(snapshot(cwd), before, "a failing command changed files")
        return r

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8") as fh:
            return fh.read()

    def write(self, rel, text, mode=None):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if mode is not None:
            os.chmod(p, mode)
        return p

    def files(self, *parts):
        """Relative paths of every file under the directory, sorted."""
        base = self.path(*parts)
        out = []
        for root, _, files in os.walk(base):
            out += [os.path.relpath(os.path.join(root, f), base) for f in files]
        return sorted(out)
