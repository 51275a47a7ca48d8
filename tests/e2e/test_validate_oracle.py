"""kratix validate agrees with the real thing: over every Promise in
../shared/corpus (real-world/ included) and mutations of each, its accept/reject
equals kratix-oracle's (Kubernetes' own CRD and value validation, Kratix's
Promise CRD and admission rules). Run as a script to print the counts:
    KRATIX_BIN=../../build/kratix python3 test_validate_oracle.py --counts"""
import concurrent.futures
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import yaml

from harness import KRATIX, SHARED, KratixTestCase  # noqa: I001 (puts tests/servers on the path)
import oracle

CORPUS = os.path.join(SHARED, "corpus")


# PyYAML reads YAML 1.1 like sigs.k8s.io/yaml; duplicate keys: the last wins, as there.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def promise_documents():
    """(name, text of the Promise document, parsed) for every Promise in the corpus."""
    out = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "**", "*.y*ml"), recursive=True)):
        if "/charts/" in path or "helm-repos" in path:
            continue
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if not re.search(r"^kind:\s*Promise\s*$", text, re.M):
            continue
        # Split on document markers and keep each Promise document's own text.
        parts = re.split(r"^---[^\n]*\n", text, flags=re.M)
        for i, part in enumerate(parts):
            if not re.search(r"^kind:\s*Promise\s*$", part, re.M):
                continue
            try:
                doc = yaml.load(part, Loader=_Loader)
            except yaml.YAMLError:
                continue
            if isinstance(doc, dict) and doc.get("kind") == "Promise":
                rel = os.path.relpath(path, CORPUS) + (f"#{i}" if len(parts) > 1 else "")
                out.append((rel, part, doc))
    return out


def _pipelines(p):
    wf = (p.get("spec") or {}).get("workflows") or {}
    for lifecycle in ("resource", "promise"):
        for action in ("configure", "delete"):
            items = (wf.get(lifecycle) or {}).get(action)
            if isinstance(items, list):
                for item in items:
                    if isinstance(item, dict):
                        yield lifecycle, action, items, item


def _containers(p):
    for *_, item in _pipelines(p):
        for c in ((item.get("spec") or {}).get("containers") or []):
            if isinstance(c, dict):
                yield c


def _schemas(p):
    """The openAPIV3Schema of every version of the Promise's API."""
    api = (p.get("spec") or {}).get("api")
    if not isinstance(api, dict):
        return []
    return [v["schema"]["openAPIV3Schema"] for v in ((api.get("spec") or {}).get("versions") or [])
            if isinstance(v, dict) and isinstance((v.get("schema") or {}).get("openAPIV3Schema"), dict)]


def _walk(schema, depth=0):
    """Every schema node with properties under a root schema."""
    if not isinstance(schema, dict) or depth > 40:
        return
    yield schema
    for sub in (schema.get("properties") or {}).values():
        yield from _walk(sub, depth + 1)
    if isinstance(schema.get("items"), dict):
        yield from _walk(schema["items"], depth + 1)


def _leaf(p):
    """A typed property of the spec schema (the first one found), or None."""
    for s in _schemas(p):
        for node in _walk((s.get("properties") or {}).get("spec")):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and sub.get("type") in ("string", "integer", "boolean", "number"):
                    return node, name, sub
    return None


def _spec_node(p):
    for s in _schemas(p):
        spec = (s.get("properties") or {}).get("spec")
        if isinstance(spec, dict):
            return spec
    return None


def mutations(p):
    """(name, mutated Promise) pairs; a mutation that does not apply is left out."""
    out = []

    def add(name, change):
        q = copy.deepcopy(p)
        if change(q) is not False:
            out.append((name, q))

    def remove_type(q):
        leaf = _leaf(q)
        if not leaf:
            return False
        leaf[2].pop("type")

    def unknown_type(q):
        leaf = _leaf(q)
        if not leaf:
            return False
        leaf[2]["type"] = "strng"

    def container_field(q, key, value):
        cs = list(_containers(q))
        if not cs:
            return False
        cs[0][key] = value

    def duplicate_pipeline(q):
        ps = list(_pipelines(q))
        if not ps:
            return False
        _, _, items, item = ps[0]
        items.append(copy.deepcopy(item))

    def long_name(q):
        ps = list(_pipelines(q))
        if not ps:
            return False
        ps[0][3].setdefault("metadata", {})["name"] = "a-very-long-pipeline-name-" + "x" * 30

    def spec_set(key, value):
        def change(q):
            node = _spec_node(q)
            if node is None:
                return False
            node[key] = value
        return change

    def leaf_set(key, value):
        def change(q):
            leaf = _leaf(q)
            if not leaf:
                return False
            leaf[2][key] = value
        return change

    def int_or_string(q):
        node = _spec_node(q)
        if node is None:
            return False
        if not isinstance(node.get("properties"), dict):
            node["properties"] = {}
        node["properties"]["quantity"] = {
            "anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}

    def null_field(key):
        def change(q):
            q.setdefault("spec", {})[key] = None
        return change

    def cel(rule):
        def change(q):
            node = _spec_node(q)
            if node is None:
                return False
            node["x-kubernetes-validations"] = [{"rule": rule, "message": "rule from the test"}]
        return change

    add("remove a type", remove_type)
    add("unknown type name", unknown_type)
    add("unknown field in a container", lambda q: container_field(q, "volumeMount", [{"name": "x"}]))
    add("wrong value type in a container", lambda q: container_field(q, "args", "not-a-list"))
    add("container named work-writer", lambda q: container_field(q, "name", "work-writer"))
    add("mount without a volume", lambda q: container_field(q, "volumeMounts", [{"name": "nowhere", "mountPath": "/x"}]))
    add("duplicate a pipeline", duplicate_pipeline)
    add("lengthen a pipeline name", long_name)
    add("lengthen the Promise name", lambda q: q.setdefault("metadata", {}).__setitem__("name", "p" * 70))
    add("Promise name not a DNS subdomain", lambda q: q.setdefault("metadata", {}).__setitem__("name", "Not_DNS"))
    add("additionalProperties false", spec_set("additionalProperties", False))
    add("x-kubernetes-preserve-unknown-fields false", spec_set("x-kubernetes-preserve-unknown-fields", False))
    add("invalid RE2 pattern", leaf_set("pattern", "^(?<name>[a-z]+)$"))
    add("RE2 pattern ECMAScript lacks", leaf_set("pattern", r"^\pL+$"))
    add("int-or-string anyOf", int_or_string)
    add("null dependencies", null_field("dependencies"))
    add("null destinationSelectors", null_field("destinationSelectors"))
    add("CEL rule that compiles", cel("self == self"))
    add("CEL rule that does not compile", cel("self.x.y.z +"))
    add("CEL rule whose default fails", cel("false"))

    def api_set(path, value):
        def change(q):
            api = (q.get("spec") or {}).get("api")
            if not isinstance(api, dict):
                return False
            node = api
            for k in path[:-1]:
                if not isinstance(node.get(k), dict):
                    return False
                node = node[k]
            if value is _DELETE:
                if path[-1] not in node:
                    return False
                del node[path[-1]]
            else:
                node[path[-1]] = value
        return change

    def root_set(key, value):
        def change(q):
            schemas = _schemas(q)
            if not schemas:
                return False
            schemas[0][key] = value
        return change

    def metadata_restriction(q):
        schemas = _schemas(q)
        if not schemas:
            return False
        schemas[0].setdefault("properties", {})["metadata"] = {
            "type": "object", "properties": {"name": {"type": "string", "maxLength": 20}, "labels": {"type": "object"}}}

    def pipeline_spec(key, value):
        def change(q):
            ps = list(_pipelines(q))
            if not ps:
                return False
            ps[0][3].setdefault("spec", {})[key] = value
        return change

    def interval(value):
        def change(q):
            wf = q.setdefault("spec", {}).get("workflows")
            if not isinstance(wf, dict):
                return False
            wf["config"] = {"reconciliationInterval": value}
        return change

    def container_string(q):
        ps = list(_pipelines(q))
        if not ps or not (ps[0][3].get("spec") or {}).get("containers"):
            return False
        ps[0][3]["spec"]["containers"][0] = "just-a-string"

    add("requiredPromises without version", lambda q: q.setdefault("spec", {}).__setitem__(
        "requiredPromises", [{"name": "other"}]))
    add("pipeline restartPolicy Never", pipeline_spec("restartPolicy", "Never"))
    add("pipeline restartPolicy Always", pipeline_spec("restartPolicy", "Always"))
    add("interval +10m", interval("+10m"))
    add("interval 30s", interval("30s"))
    add("interval not a duration", interval("ten minutes"))
    add("reconciliation-interval annotation 30s", lambda q: q.setdefault("metadata", {}).setdefault(
        "annotations", {}).__setitem__("kratix.io/reconciliation-interval", "30s"))
    add("matchExpressions in destinationSelectors", lambda q: q.setdefault("spec", {}).__setitem__(
        "destinationSelectors", [{"matchExpressions": [{"key": "a", "operator": "In", "values": ["b"]}]}]))
    add("invalid shortName", api_set(["spec", "names", "shortNames"], ["Not_Valid"]))
    add("invalid category", api_set(["spec", "names", "categories"], ["no spaces allowed"]))
    add("listKind equal to kind", lambda q: api_set(["spec", "names", "listKind"],
                                                    ((((q.get("spec") or {}).get("api") or {}).get("spec") or {}).get(
                                                        "names") or {}).get("kind", "X"))(q))
    add("root additionalProperties", root_set("additionalProperties", {"type": "string"}))
    add("metadata restricted beyond name", metadata_restriction)
    add("API without metadata", api_set(["metadata"], _DELETE))
    add("API that is empty", lambda q: q.setdefault("spec", {}).__setitem__("api", {}))
    add("container that is a plain string", container_string)
    def pipeline_name(name):
        def change(q):
            ps = list(_pipelines(q))
            if not ps:
                return False
            ps[0][3].setdefault("metadata", {})["name"] = name
        return change

    def serve_nothing(q):
        versions = [v for s in [((q.get("spec") or {}).get("api") or {}).get("spec") or {}]
                    for v in (s.get("versions") or []) if isinstance(v, dict)]
        if not versions:
            return False
        for v in versions:
            v["served"] = False

    add("pipeline without containers", pipeline_spec("containers", []))
    add("pipeline name with a dot", pipeline_name("my.pipe"))
    add("pipeline name with an underscore", pipeline_name("my_pipe"))
    add("no served version", serve_nothing)
    return out


_DELETE = object()


def text_mutations(text):
    """Mutations of the YAML text itself."""
    return [
        ("trailing document marker", text.rstrip("\n") + "\n---\n"),
        ("Promise that is a plain string", "just a string\n"),
    ]


def merge_key_mutation(doc):
    """A YAML merge key (<<), which Kubernetes' YAML reader resolves."""
    q = copy.deepcopy(doc)
    q.setdefault("spec", {})["destinationSelectors"] = "__MERGE__"
    text = yaml.dump(q, Dumper=_Dumper, sort_keys=False)
    return text.replace("destinationSelectors: __MERGE__",
                        "destinationSelectors: [{matchLabels: &l {a: b}}, {matchLabels: {<<: *l, c: d}}]")


def _validate(args):
    d, text = args
    os.makedirs(d)
    with open(os.path.join(d, "promise.yaml"), "w", encoding="utf-8") as fh:
        fh.write(text)
    r = subprocess.run([KRATIX, "validate", "--dir", d, "-o", "json"], capture_output=True, text=True, timeout=120)
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"valid": None, "errors": [{"rule": "crash", "message": r.stderr}], "warnings": []}


def verdicts_of_kratix(texts):
    """kratix validate's report for each Promise text, each in a directory of its own."""
    with tempfile.TemporaryDirectory(prefix="kratix-diff-") as root, \
            concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(_validate, [(os.path.join(root, str(i)), t) for i, t in enumerate(texts)]))


def all_cases():
    """(name, Promise text, parsed Promise or None) for every Promise and mutation."""
    cases = []
    for name, text, doc in promise_documents():
        cases.append((name, text, doc))
        for mname, mutated in mutations(doc):
            cases.append((f"{name} [{mname}]", yaml.dump(mutated, Dumper=_Dumper, sort_keys=False), mutated))
        for mname, mutated in text_mutations(text):
            cases.append((f"{name} [{mname}]", mutated, None))
        cases.append((f"{name} [YAML merge key]", merge_key_mutation(doc), None))
    return cases


def _without_cel(schema):
    if isinstance(schema, dict):
        return {k: _without_cel(v) for k, v in schema.items() if k != "x-kubernetes-validations"}
    if isinstance(schema, list):
        return [_without_cel(v) for v in schema]
    return schema


def compare(cases):
    """Agreement of kratix validate with the oracle: (agreeing, CEL cases kratix said it did not check,
    disagreements as (name, kratix report, oracle verdict))."""
    ours = verdicts_of_kratix([t for _, t, _ in cases])
    theirs = oracle.judge([(t, []) for _, t, _ in cases])
    agree, differ = 0, []
    for case, o, t in zip(cases, ours, theirs):
        if o.get("valid") is not None and bool(o["valid"]) == bool(t["accepted"]):
            agree += 1
        else:
            differ.append((case, o, t))
    # kratix does not compile or evaluate CEL offline; it names each rule in a
    # warning. A case it accepts and the oracle rejects only for a CEL rule
    # (accepted once the rules are taken out) is such an unchecked rule.
    maybe_cel = [(c, o, t) for c, o, t in differ
                 if o.get("valid") and c[2] is not None and "x-kubernetes-validations" in c[1]]
    stripped = oracle.judge([(yaml.dump(_without_cel(c[2]), Dumper=_Dumper, sort_keys=False), [])
                             for c, _, _ in maybe_cel])
    cel = {c[0] for (c, o, _), t in zip(maybe_cel, stripped)
           if t["accepted"] and any(w["rule"] == "warn.cel-not-checked" for w in o.get("warnings", []))}
    return agree, len(cel), [(c[0], o, t) for c, o, t in differ if c[0] not in cel]


def describe(found):
    return "\n".join(
        f"{n}: kratix {'valid' if o.get('valid') else 'invalid'} "
        f"{[e['rule'] + ': ' + e['message'][:100] for e in o.get('errors', [])][:3]}; oracle "
        f"{'accepts' if t['accepted'] else 'rejects: ' + '; '.join(p['stage'] + ': ' + p['message'][:140] for p in t['problems'][:2])}"
        for n, o, t in found)


class ValidateAgreesWithTheOracleTest(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        oracle.need_oracle()

    def test_every_corpus_promise_and_its_mutations(self):
        cases = all_cases()
        self.assertGreater(len({n.split(" [")[0] for n, _, _ in cases}), 80)  # the corpus is all there
        agree, cel, found = compare(cases)
        self.assertFalse(found, f"{len(found)} of {len(cases)} disagree:\n{describe(found)}")
        self.assertEqual(agree + cel, len(cases))
        # Both verdicts occur: the comparison can fail either way.
        self.assertGreater(agree, 2000)


if __name__ == "__main__":
    if "--counts" in sys.argv:
        cs = all_cases()
        agree, cel, found = compare(cs)
        print(describe(found))
        print(f"{len(cs)} cases over {len({n.split(' [')[0] for n, _, _ in cs})} Promises: {agree} agree, "
              f"{cel} differ only by a CEL rule kratix names as not checked, {len(found)} disagree")
    else:
        unittest.main()
