"""Every edit command over every real Promise of the corpus, and over variants
of each (yaml_variants.py): each edit runs twice, then its inverse.

Checks, for every run: the result reads, with PyYAML and with yaml-cpp
(kratix_yaml_json), as exactly the intended change of what the same reader
read before (edit_expectations.py); the lines the edit is not about are
byte-identical; the second run changes nothing; the inverse gives back the
original bytes whenever the first edit did not have to create what the inverse
cannot know it created; a refusal is an `Error: FILE:LINE:COL: ...` with an
expected reason, exit 1, nothing on stdout and no file changed. The counts are
printed at the end."""
import collections
import concurrent.futures
import copy
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

import edit_expectations as ex
from harness import KRATIX, KratixTestCase, shared_path, snapshot
from yaml_variants import VARIANTS, load, load_all

YAML_JSON = os.path.join(os.path.dirname(os.path.abspath(KRATIX)), "tests", "kratix_yaml_json")
ROOTS = [r for r in (shared_path("corpus", "promises"), shared_path("corpus", "real-world", "promises")) if r]
NAME = "kratix-test"

# Refusals the commands may give on real Promises, and why.
EXPECTED_REFUSALS = (
    ("no CRD API", r"is not a CustomResourceDefinition"),
    ("no versions", r"has no spec\.versions"),
    ("no plural for the CRD name", r"has no spec\.names\.plural"),
    ("YAML anchor", r"is in the YAML anchor"),
    ("YAML alias", r"goes through the YAML alias"),
    ("explicit key", r"explicit \('\? '\)"),
    ("container exists (second run)", r"container '[^']+' already exists"),
)

MANIFEST = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kratix-test\n  namespace: kratix\n"
            "data:\n  'on': 'yes'\n  code: '0o12'\n  script: |\n    echo one\n    echo two\n"
            "  lead: \"  two spaces first\\nthen a line\\n\"\n")


class Edit:
    def __init__(self, name, args, change, inverse=None, undo=None, changed_lines=2, second_fails=False,
                 split=True, flat=True):
        self.name, self.args, self.change = name, args, change
        self.inverse, self.undo = inverse, undo  # the inverse command and what it does to the data
        self.changed_lines = changed_lines      # how many existing lines the edit may rewrite
        self.second_fails, self.split, self.flat = second_fails, split, flat


def edits(state, deps_dir):
    kind, group = ex.original_kind(state), ex.original_group(state)
    pipeline = ex.first_pipeline(state)
    out = [
        Edit("update api -p a.b:string", ["update", "api", "-p", f"{ex.PROPERTY}.sub:string"],
             ex.add_property([ex.PROPERTY, "sub"], "string"),
             ["update", "api", "-p", f"{ex.PROPERTY}-"], ex.remove_property(ex.PROPERTY)),
        Edit("update api -p x:integer", ["update", "api", "-p", f"{ex.PROPERTY}Count:integer"],
             ex.add_property([ex.PROPERTY + "Count"], "integer"),
             ["update", "api", "-p", f"{ex.PROPERTY}Count-"], ex.remove_property(ex.PROPERTY + "Count")),
        Edit("update api --kind", ["update", "api", "--kind", "KratixTest"], ex.rename_kind("KratixTest"),
             ["update", "api", "--kind", kind] if kind else None, ex.rename_kind(kind), changed_lines=5),
        Edit("update api --group", ["update", "api", "--group", "kratix-test.example.com"],
             ex.regroup("kratix-test.example.com"),
             ["update", "api", "--group", group] if group else None, ex.regroup(group), changed_lines=5),
        Edit("update destination-selector", ["update", "destination-selector", f"{ex.LABEL}=yes"], ex.set_label,
             ["update", "destination-selector", f"{ex.LABEL}-"], ex.remove_label, split=False),
        Edit("update required-promises", ["update", "required-promises", f"{ex.LABEL}@v1.0.0"], ex.require,
             ["update", "required-promises", f"{ex.LABEL}-"], ex.unrequire, split=False),
        Edit("update dependencies", ["update", "dependencies", deps_dir],
             ex.set_dependencies([load(MANIFEST)]), changed_lines=10 ** 6),
        Edit("add container (new pipeline)",
             ["add", "container", f"resource/configure/{ex.LABEL}", "--image", ex.IMAGE], ex.add_pipeline,
             ["remove", "container", f"resource/configure/{ex.LABEL}", "--name", ex.IMAGE_NAME], ex.remove_pipeline,
             second_fails=True),
    ]
    if pipeline and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", pipeline):
        out.append(Edit("add container (existing pipeline)",
                        ["add", "container", f"resource/configure/{pipeline}", "--image", ex.IMAGE, "--name", ex.LABEL],
                        ex.add_container(pipeline),
                        ["remove", "container", f"resource/configure/{pipeline}", "--name", ex.LABEL],
                        ex.remove_container(pipeline), second_fails=True))
    return out


def promises():
    """(name, layout, path) of every Promise of the corpus."""
    found = []
    for root in ROOTS:
        for dirpath, dirs, files in os.walk(root):
            if "api.yaml" in files:
                found.append((os.path.relpath(dirpath, root), "split", dirpath))
                dirs[:] = []
                continue
            for f in sorted(files):
                path = os.path.join(dirpath, f)
                if not f.endswith((".yaml", ".yml")):
                    continue
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                try:
                    docs = load_all(text)
                except yaml.YAMLError:
                    continue
                if any(isinstance(d, dict) and d.get("kind") == "Promise" for d in docs):
                    found.append((os.path.relpath(path, root), "flat", path))
    return sorted(found)


def yaml_files(directory):
    out = []
    for dirpath, _, files in os.walk(directory):
        out += [os.path.relpath(os.path.join(dirpath, f), directory) for f in files if f.endswith((".yaml", ".yml"))]
    return sorted(out)


def read_bytes(directory):
    out = {}
    for rel in yaml_files(directory):
        with open(os.path.join(directory, rel), "rb") as fh:
            out[rel] = fh.read()
    return out


def pyyaml_state(files):
    return {rel: load_all(data.decode("utf-8-sig")) for rel, data in files.items()}


def first_difference(a, b, path=""):
    """Where two read states first differ, for the failure message."""
    if type(a) != type(b):
        return f"{path}: {a!r:.80} vs {b!r:.80}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'the result' if k in a else 'the expectation'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return ""
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return ""
    return "" if a == b else f"{path}: {a!r:.80} vs {b!r:.80}"


def changed_existing_lines(before, after):
    """How many lines of `before` the change rewrote or removed."""
    a, b = before.decode("utf-8").splitlines(True), after.decode("utf-8").splitlines(True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(i2 - i1 for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("replace", "delete"))


def only_chomping_differs(before, after):
    """The one difference a final block scalar of a file without final newline may keep: | became |-."""
    a, b = before.decode("utf-8").splitlines(), after.decode("utf-8").splitlines()
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return bool(diffs) and all(re.sub(r"([|>][0-9]?)[+]?(\s*(#.*)?)$", r"\1-\2", x) == y for x, y in diffs)


class Unit:
    """One Promise in one variant: its edits, run and checked."""

    def __init__(self, name, layout, path, variant, work, deps_dir):
        self.name, self.layout, self.variant, self.work, self.deps_dir = name, layout, variant, work, deps_dir
        self.failures, self.refusals, self.counts = [], collections.Counter(), collections.Counter()
        self.reads = []  # (label, directory, expected state or None for "same as before") for yaml-cpp
        self.base = os.path.join(work, "base")
        os.makedirs(self.base)
        if layout == "split":
            for rel in yaml_files(path):
                self.put(os.path.join(self.base, rel), VARIANTS[variant](self.text(os.path.join(path, rel))))
        else:
            self.put(os.path.join(self.base, "promise.yaml"), VARIANTS[variant](self.text(path)))
        self.original = read_bytes(self.base)
        self.state = pyyaml_state(self.original)

    @staticmethod
    def text(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    @staticmethod
    def put(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    def fail(self, edit, what):
        self.failures.append(f"{self.name} [{self.variant}] {edit}: {what}")

    def kratix(self, args, directory):
        r = subprocess.run([KRATIX, *args, "--dir", directory], capture_output=True, text=True, timeout=120)
        return r

    def refusal(self, edit, r, directory, before):
        """A failed run: a clear FILE:LINE:COL error for an expected reason, nothing changed."""
        first = r.stderr.splitlines()[0] if r.stderr else ""
        m = re.match(r"Error: ([^:\n]+):(\d+):(\d+): (.*)", first)
        if r.returncode != 1 or r.stdout or not m:
            self.fail(edit, f"refusal is not 'Error: FILE:LINE:COL: ...' with exit 1: exit {r.returncode}, {r.stderr!r}")
            return
        if snapshot(directory) != before:
            self.fail(edit, "a refused command changed files")
        for reason, pattern in EXPECTED_REFUSALS:
            if re.search(pattern, m.group(4)):
                return reason
        self.fail(edit, "unexpected refusal: " + first)
        return None

    def check_state(self, edit, label, files, expected):
        try:
            got = pyyaml_state(files)
        except yaml.YAMLError as e:
            self.fail(edit, f"{label}: PyYAML cannot read the result: {e}")
            return
        if got != expected:
            self.fail(edit, f"{label}: PyYAML reads something else than the intended change: "
                            f"{first_difference(got, expected)}")

    def run(self):
        for edit in edits(copy.deepcopy(self.state), self.deps_dir):
            if not (edit.split if self.layout == "split" else edit.flat):
                continue
            self.counts["edits"] += 1
            self.run_edit(edit)
        if self.layout == "split":
            self.run_build()
        self.check_yaml_cpp()
        return self

    def run_edit(self, edit):
        d = os.path.join(self.work, f"e{self.counts['edits']}")
        shutil.copytree(self.base, d)
        before = snapshot(d)
        r = self.kratix(edit.args, d)
        if r.returncode != 0:
            reason = self.refusal(edit.name, r, d, before)
            if reason:
                self.refusals[f"{reason}: {edit.name}"] += 1
                self.counts["refused"] += 1
            return
        after = read_bytes(d)
        expected = copy.deepcopy(self.state)
        try:
            edit.change(expected)
        except (LookupError, TypeError, AttributeError) as e:
            self.fail(edit.name, f"the test cannot say what the edit should do here ({e!r})")
            return
        self.check_state(edit.name, "first run", after, expected)
        for rel, data in after.items():
            if rel in self.original and changed_existing_lines(self.original[rel], data) > edit.changed_lines:
                self.fail(edit.name, f"{rel}: more existing lines rewritten than the edit is about")
        self.keep(f"{edit.name} (first run)", d, (edit.change,))
        # The same again changes nothing.
        again = snapshot(d)
        r2 = self.kratix(edit.args, d)
        if edit.second_fails:
            if self.refusal(edit.name + " (second run)", r2, d, again) is None:
                return
        elif r2.returncode != 0 or snapshot(d) != again:
            self.fail(edit.name, f"the second run changed something or failed: {r2.stderr!r}")
            return
        self.counts["twice"] += 1
        if not edit.inverse:
            self.counts["passed"] += 1
            self.counts[f"passed: {edit.name}"] += 1
            return
        r3 = self.kratix(edit.inverse, d)
        if r3.returncode != 0:
            self.fail(edit.name, f"the inverse failed: {r3.stderr!r}")
            return
        back = read_bytes(d)
        undone = copy.deepcopy(expected)
        edit.undo(undone)
        if back != self.original:  # the same bytes read the same: no need to read them again
            self.check_state(edit.name, "inverse", back, undone)
        self.keep(f"{edit.name} (inverse)", d, (edit.change, edit.undo))
        exact = {rel: back.get(rel) for rel in self.original} == self.original
        if undone == self.state:
            if exact:
                self.counts["inverse exact"] += 1
            elif all(back.get(rel) == data or only_chomping_differs(data, back.get(rel, b""))
                     for rel, data in self.original.items()):
                self.counts["inverse exact but |-"] += 1
            else:
                self.fail(edit.name, "the inverse did not give back the original bytes")
                return
        else:
            self.counts["inverse keeps what the edit had to create"] += 1
            self.counts[f"inverse keeps: {edit.name}"] += 1
        self.counts["passed"] += 1
        self.counts[f"passed: {edit.name}"] += 1

    def keep(self, label, directory, changes):
        """A copy of the YAML files of directory as they are now, for yaml-cpp to read at the end."""
        copy_dir = os.path.join(self.work, f"r{len(self.reads)}")
        for rel in yaml_files(directory):
            os.makedirs(os.path.dirname(os.path.join(copy_dir, rel)), exist_ok=True)
            shutil.copyfile(os.path.join(directory, rel), os.path.join(copy_dir, rel))
        self.reads.append((label, copy_dir, changes))

    def run_build(self):
        self.counts["edits"] += 1
        r = self.kratix(["build", "promise", NAME], self.base)
        r2 = self.kratix(["build", "promise", NAME], self.base)
        if r.returncode != 0 or r2.returncode != 0 or r2.stdout != r.stdout:
            self.fail("build promise", f"failed or differs the second time: {r.stderr!r}")
            return
        expected = ex.built(self.state, NAME)
        try:
            got = load(r.stdout)
        except yaml.YAMLError as e:
            self.fail("build promise", f"PyYAML cannot read it: {e}")
            return
        if got != expected:
            self.fail("build promise", f"PyYAML reads something else than the assembled parts: "
                                       f"{first_difference(got, expected)}")
        out = os.path.join(self.work, "built")
        self.put(os.path.join(out, "promise.yaml"), r.stdout)
        self.reads.append(("build promise", out, "built"))
        self.counts["twice"] += 1
        self.counts["passed"] += 1
        self.counts["passed: build promise"] += 1

    def check_yaml_cpp(self):
        """The same checks with yaml-cpp's reading, in one run of kratix_yaml_json."""
        files = [os.path.join(self.base, rel) for rel in self.original]
        for _, d, _ in self.reads:
            files += [os.path.join(d, rel) for rel in yaml_files(d)]
        out = subprocess.run([YAML_JSON, *files], capture_output=True, text=True, timeout=120)
        read = {}
        for line in out.stdout.splitlines():
            entry = json.loads(line)
            read[entry["file"]] = entry
        def state_of(directory):
            st = {}
            for rel in yaml_files(directory):
                entry = read[os.path.join(directory, rel)]
                if "error" in entry:
                    raise ValueError(f"{rel}: {entry['error']}")
                st[rel] = entry["docs"]
            return st
        try:
            base = state_of(self.base)
        except ValueError as e:
            self.fail("yaml-cpp", f"cannot read the original: {e}")
            return
        for label, d, changes in self.reads:
            if changes == "built":
                expected = ex.built(base, NAME)
                try:
                    got = state_of(d)["promise.yaml"][0]
                except ValueError as e:
                    self.fail(label, f"yaml-cpp cannot read it: {e}")
                    continue
            else:
                expected = copy.deepcopy(base)
                for change in changes:
                    change(expected)
                try:
                    got = {rel: docs for rel, docs in state_of(d).items() if rel in expected or rel in base}
                except ValueError as e:
                    self.fail(label, f"yaml-cpp cannot read the result: {e}")
                    continue
            if got != expected:
                self.fail(label, f"yaml-cpp reads something else than the intended change: "
                                 f"{first_difference(got, expected)}")


def run_unit(args):
    """One Promise in one variant, in a worker process; what it found comes back."""
    i, (name, layout, path, variant), work, deps_dir = args
    unit = Unit(name, layout, path, variant, os.path.join(work, f"u{i}"), deps_dir)
    try:
        unit.run()
    except Exception as e:  # a defect of the test itself: reported with the rest
        unit.fail("(test)", repr(e))
    shutil.rmtree(unit.work, ignore_errors=True)
    return Found(unit.counts, unit.refusals, unit.failures)


Found = collections.namedtuple("Found", "counts refusals failures")


@unittest.skipUnless(ROOTS and os.path.exists(YAML_JSON), "../shared or build/tests/kratix_yaml_json is absent")
class EditCorpusTest(KratixTestCase):
    def test_every_edit_on_every_promise_and_variant(self):
        found = promises()
        self.assertGreaterEqual(len(found), 70)
        deps_dir = os.path.join(self.dir, "deps")
        os.makedirs(deps_dir)
        with open(os.path.join(deps_dir, "configmap.yaml"), "w") as fh:
            fh.write(MANIFEST)
        jobs = [(name, layout, path, variant) for name, layout, path in found for variant in VARIANTS]

        # Two processes (the machine's cores): the checks are Python work too.
        with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
            units = list(pool.map(run_unit, [(i, job, self.dir, deps_dir) for i, job in enumerate(jobs)], chunksize=4))
        counts, refusals, failures = collections.Counter(), collections.Counter(), []
        for u in units:
            counts.update(u.counts)
            refusals.update(u.refusals)
            failures += u.failures
        flat = sum(1 for _, layout, _ in found if layout == "flat")
        print(f"\nedit corpus: {len(found)} Promises ({flat} flat, {len(found) - flat} split) x {len(VARIANTS)} "
              f"variants = {len(units)}; {counts['edits']} edits (each run twice, then its inverse): "
              f"{counts['passed']} passed, {counts['refused']} refused, {len(failures)} failed", file=sys.stderr)
        for key in ("inverse exact", "inverse exact but |-", "inverse keeps what the edit had to create"):
            print(f"  {key}: {counts[key]}", file=sys.stderr)
        for key in sorted(k for k in counts if k.startswith(("passed: ", "inverse keeps: "))):
            print(f"  {key}: {counts[key]}", file=sys.stderr)
        for reason, n in sorted(refusals.items()):
            print(f"  refused ({reason}): {n}", file=sys.stderr)
        self.assertEqual(failures[:30], [], f"{len(failures)} failures")
        self.assertGreater(counts["passed"], 3000)


if __name__ == "__main__":
    unittest.main()
