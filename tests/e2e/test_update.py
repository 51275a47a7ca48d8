"""Editing existing Promises: update api, update dependencies, update
destination-selector, update required-promises, add container, build promise.
Every edit changes only the lines it is about."""
import difflib
import glob
import json
import os
import shutil
import unittest

import yaml

from harness import FIXTURES, KratixTestCase, shared_path
from kube_schema import problems_against_crd, structural_problems

PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")
COMMENTED = os.path.join(FIXTURES, "promises", "commented-flat.yaml")


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def changed_lines(before, after):
    """(removed, added) lines between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def spec_props(promise_or_crd):
    crd = promise_or_crd["spec"]["api"] if promise_or_crd.get("kind") == "Promise" else promise_or_crd
    version = next(v for v in crd["spec"]["versions"] if v.get("storage")) if any(
        v.get("storage") for v in crd["spec"]["versions"]) else crd["spec"]["versions"][0]
    return version["schema"]["openAPIV3Schema"]["properties"]["spec"].get("properties", {})


class UpdateApiTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")

    def test_properties_are_added_nested_and_removed(self):
        r = self.kratix_ok("update", "api", "-p", "size:string", "-p", "backup.schedule.cron:string",
                           "--property", "replicas:integer", "-p", "ratio:number", "-p", "tls:boolean", "-p", "extra:object")
        self.assertEqual(r.out, "Promise api updated\n")
        props = spec_props(load(self.path("promise.yaml")))
        self.assertEqual(props["size"], {"type": "string"})
        self.assertEqual(props["backup"]["type"], "object")
        self.assertEqual(props["backup"]["properties"]["schedule"]["properties"]["cron"], {"type": "string"})
        self.assertEqual(props["replicas"], {"type": "integer"})
        self.assertEqual(props["extra"], {"type": "object", "x-kubernetes-preserve-unknown-fields": True})
        self.kratix_ok("update", "api", "-p", "backup.schedule.cron-", "-p", "size-")
        props = spec_props(load(self.path("promise.yaml")))
        self.assertNotIn("size", props)
        self.assertEqual(props["backup"]["properties"]["schedule"]["properties"], {})
        self.assertEqual(list(props), ["backup", "replicas", "ratio", "tls", "extra"])

    def test_running_twice_changes_nothing_the_second_time(self):
        args = ["update", "api", "-p", "size:string", "-p", "a.b:integer", "--kind", "Db", "--version", "v2"]
        self.kratix_ok(*args)
        before = {f: self.read(f) for f in self.files()}
        r = self.kratix_ok(*args)
        self.assertIn("nothing to change", r.out)
        self.assertEqual({f: self.read(f) for f in self.files()}, before)

    def test_only_the_lines_of_the_change_differ(self):
        before = self.read("promise.yaml")
        self.kratix_ok("update", "api", "-p", "size:string")
        removed, added = changed_lines(before, self.read("promise.yaml"))
        self.assertEqual(removed, ["                  properties: {}"])
        self.assertEqual(added, ["                  properties:", "                    size:", "                      type: string"])

    def test_gvk_flags_rename_the_crd_and_the_example(self):
        r = self.kratix_ok("update", "api", "--group", "example.org", "--kind", "Postgres", "--version", "v1beta1",
                           "--plural", "postgreses")
        self.assertEqual(r.out, "Example resource updated\nPromise api updated\n")
        crd = load(self.path("promise.yaml"))["spec"]["api"]
        self.assertEqual(crd["metadata"]["name"], "postgreses.example.org")
        self.assertEqual(crd["spec"]["group"], "example.org")
        self.assertEqual(crd["spec"]["names"], {"kind": "Postgres", "plural": "postgreses", "singular": "postgres"})
        self.assertEqual(crd["spec"]["versions"][0]["name"], "v1beta1")
        ex = load(self.path("example-resource.yaml"))
        self.assertEqual((ex["apiVersion"], ex["kind"]), ("example.org/v1beta1", "Postgres"))

    def test_split_layout_edits_api_yaml(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        self.kratix_ok("update", "api", "-p", "size:string", "--kind", "Db", "--dir", "s")
        self.assertEqual(spec_props(load(self.path("s", "api.yaml")))["size"], {"type": "string"})
        self.assertEqual(load(self.path("s", "example-resource.yaml"))["kind"], "Db")

    def test_changing_a_type_keeps_the_description_and_removing_clears_required(self):
        self.write("promise.yaml", self.read("promise.yaml").replace(
            "                  properties: {}",
            "                  required: [size]\n                  properties:\n                    size:\n"
            "                      description: how big\n                      type: string\n                      enum: [s, m]"))
        self.kratix_ok("update", "api", "-p", "size:integer")
        self.assertEqual(spec_props(load(self.path("promise.yaml")))["size"], {"description": "how big", "type": "integer"})
        self.kratix_ok("update", "api", "-p", "size-")
        spec = load(self.path("promise.yaml"))["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
        self.assertNotIn("required", spec)
        self.assertEqual(spec["properties"], {})

    def test_bad_input_changes_no_file(self):
        r = self.kratix_fails(2, "update", "api", "-p", "size:float")
        self.assertIn("unsupported type 'float'", r.err)
        self.kratix_fails(2, "update", "api", "-p", "size")
        self.kratix_fails(2, "update", "api")
        self.kratix_fails(2, "update", "api", "--kind", "bad_kind")
        self.kratix_ok("update", "api", "-p", "size:string")
        r = self.kratix_fails(1, "update", "api", "-p", "size.small:string")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:\d+:\d+: nested field size is of type string, not an object")

    def test_malformed_yaml_and_a_missing_promise(self):
        self.write("promise.yaml", self.read("promise.yaml").replace("  api:\n", "  api:\n\t  bad: tab\n"))
        r = self.kratix_fails(1, "update", "api", "-p", "x:string")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:9:\d+: invalid YAML")
        r = self.kratix_fails(1, "update", "api", "-p", "x:string", "--dir", "nowhere")
        self.assertIn("does not exist", r.err)

    def test_spec_api_that_is_not_a_crd(self):
        self.write("promise.yaml", "apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n  name: x\nspec:\n  api:\n    kind: ConfigMap\n")
        r = self.kratix_fails(1, "update", "api", "-p", "x:string")
        self.assertIn("./promise.yaml:7:5: spec.api is not a CustomResourceDefinition", r.err)

    def test_a_failure_in_the_second_file_leaves_the_first_unchanged(self):
        self.write("example-resource.yaml", "apiVersion: [unclosed\n")
        r = self.kratix_fails(1, "update", "api", "--kind", "Other", "-p", "size:string")
        self.assertIn("example-resource.yaml:1:", r.err)

    def test_write_error_rolls_back_every_file(self):
        # promise.yaml is written first, then example-resource.yaml cannot be replaced.
        os.remove(self.path("example-resource.yaml"))
        os.makedirs(self.path("example-resource.yaml"))
        before = self.read("promise.yaml")
        r = self.run_kratix("update", "api", "--kind", "Other")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(self.read("promise.yaml"), before)


class FaithfulEditingTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        shutil.copy(COMMENTED, self.path("promise.yaml"))
        self.original = self.read("promise.yaml")

    def test_comments_blank_lines_quoting_and_flush_sequences_survive(self):
        self.kratix_ok("update", "api", "-p", "backup.retention:integer")
        removed, added = changed_lines(self.original, self.read("promise.yaml"))
        self.assertEqual(removed, [])
        self.assertEqual(added, ["                      retention:", "                        type: integer"])
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "ghcr.io/myorg/notify:v1", "--name", "notify")
        self.kratix_ok("update", "destination-selector", "zone=eu-1", "environment-")
        text = self.read("promise.yaml")
        removed, added = changed_lines(self.original, text)
        self.assertEqual(removed, ["      environment: dev   # dev clusters only for now"])
        self.assertEqual(added, ["                      retention:", "                        type: integer",
                                 "      zone: eu-1", "          - name: notify", "            image: ghcr.io/myorg/notify:v1"])
        for keep in ("# A Promise kept under version control", "name: postgresql   # the name users see",
                     '"v1.2.0"', "# How big the instance is.", "enum: [small, medium, large]", "enabled: {type: boolean}",
                     "image: ghcr.io/myorg/create-db:v1.0.0   # pinned"):
            self.assertIn(keep, text)
        self.assertNotIn("creationTimestamp", text)
        self.assertNotIn("status", text)

    def test_flow_style_properties_are_edited_in_flow_style(self):
        self.kratix_ok("update", "api", "-p", "backup.enabled:string")
        removed, added = changed_lines(self.original, self.read("promise.yaml"))
        self.assertEqual((removed, added), (["                      enabled: {type: boolean}"],
                                            ["                      enabled: {type: string}"]))

    def test_crlf_and_no_final_newline(self):
        crlf = self.original.replace("\n", "\r\n").rstrip("\r\n")
        with open(self.path("promise.yaml"), "w", newline="") as fh:
            fh.write(crlf)
        self.kratix_ok("update", "api", "-p", "zone:string")
        with open(self.path("promise.yaml"), newline="") as fh:
            text = fh.read()
        self.assertNotIn("\n", text.replace("\r\n", ""))
        self.assertFalse(text.endswith("\n"))
        self.assertIn("\r\n                  zone:\r\n                    type: string\r\n", text)

    def test_anchors_are_refused_with_a_clear_message(self):
        text = self.original.replace("                  size:\n", "                  size: &size\n")
        text = text.replace("                  backup:\n", "                  copy: *size\n                  backup:\n")
        self.write("promise.yaml", text)
        r = self.kratix_fails(1, "update", "api", "-p", "size-")
        self.assertIn("is in the YAML anchor &size, which kratix will not rewrite", r.err)
        self.kratix_ok("update", "api", "-p", "other:string")
        self.assertIn("copy: *size", self.read("promise.yaml"))

    def test_mode_is_kept(self):
        os.chmod(self.path("promise.yaml"), 0o600)
        self.kratix_ok("update", "api", "-p", "zone:string")
        self.assertEqual(os.stat(self.path("promise.yaml")).st_mode & 0o777, 0o600)


FLOW_PROMISE = """apiVersion: platform.kratix.io/v1alpha1
kind: Promise
metadata:
  name: widget
spec:
  requiredPromises: [{name: db, version: v1}]
  destinationSelectors: [{matchLabels: {env: dev}}]
  api:
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: widgets.example.com}
    spec:
      group: example.com
      names: {kind: Widget, plural: widgets}
      scope: Namespaced
      versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  a: {type: object, properties: {c: {type: string}}}
  workflows:
    resource:
      configure:
      - apiVersion: platform.kratix.io/v1alpha1
        kind: Pipeline
        metadata: {name: p}
        spec: {containers: [{name: c, image: x}]}
"""


class IssueFourteenTest(KratixTestCase):
    """The problems of issue #14, each through the commands."""

    def put(self, text, name="promise.yaml"):
        with open(self.path(name), "w", newline="") as fh:
            fh.write(text)
        return text

    def test_1_flow_style_parents_keep_their_other_entries(self):
        before = self.put(FLOW_PROMISE)
        self.kratix_ok("update", "required-promises", "cache@v2")
        self.kratix_ok("add", "container", "resource/configure/p", "--image", "myorg/d:v1", "--name", "d")
        self.kratix_ok("update", "api", "--kind", "Gadget", "-p", "a.b:string")
        self.kratix_ok("update", "destination-selector", "x=y")
        p = load(self.path("promise.yaml"))
        self.assertEqual(p["spec"]["requiredPromises"], [{"name": "db", "version": "v1"}, {"name": "cache", "version": "v2"}])
        self.assertEqual(p["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"],
                         [{"name": "c", "image": "x"}, {"name": "d", "image": "myorg/d:v1"}])
        crd = p["spec"]["api"]
        self.assertEqual(crd["spec"]["names"], {"kind": "Gadget", "plural": "widgets"})
        self.assertEqual(crd["metadata"]["name"], "widgets.example.com")
        self.assertEqual(spec_props(p)["a"]["properties"], {"c": {"type": "string"}, "b": {"type": "string"}})
        self.assertEqual(p["spec"]["destinationSelectors"], [{"matchLabels": {"env": "dev", "x": "y"}}])
        # Edited in flow style, on their own lines.
        text = self.read("promise.yaml")
        self.assertIn("  requiredPromises: [{name: db, version: v1}, {name: cache, version: v2}]\n", text)
        self.assertIn("      names: {kind: Gadget, plural: widgets}\n", text)
        self.assertIn("  destinationSelectors: [{matchLabels: {env: dev, x: 'y'}}]\n", text)
        # And back.
        self.kratix_ok("update", "destination-selector", "x-")
        self.kratix_ok("update", "required-promises", "cache-")
        self.kratix_ok("remove", "container", "resource/configure/p", "--name", "d")
        self.kratix_ok("update", "api", "--kind", "Widget", "-p", "a.b-")
        self.assertEqual(self.read("promise.yaml"), before)

    def test_2_a_comment_after_an_empty_value_stays(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        before = self.put(self.read("promise.yaml").replace("  workflows:\n", "  destinationSelectors: # filled in by CI\n  workflows:\n"))
        self.kratix_ok("update", "destination-selector", "env=dev")
        self.assertIn("  destinationSelectors: # filled in by CI\n    - matchLabels:\n        env: dev\n", self.read("promise.yaml"))
        self.kratix_ok("update", "destination-selector", "env-")
        self.assertEqual(self.read("promise.yaml"), before)

    def test_3_a_final_block_scalar_without_newline_keeps_its_value(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        text = self.read("promise.yaml").replace("      configure: []\n", "      configure:\n"
            "      - apiVersion: platform.kratix.io/v1alpha1\n        kind: Pipeline\n        metadata: {name: p}\n"
            "        spec:\n          containers:\n          - name: c\n            image: i\n"
            "            args:\n            - |\n              echo hi\n              echo there\n")
        self.put(text.rstrip("\n"))
        self.kratix_ok("add", "container", "resource/configure/q", "--image", "myorg/q:v1")
        p = load(self.path("promise.yaml"))
        self.assertEqual(p["spec"]["workflows"]["resource"]["configure"][0]["spec"]["containers"][0]["args"],
                         ["echo hi\necho there"])
        self.assertEqual(p["spec"]["workflows"]["resource"]["configure"][1]["metadata"]["name"], "q")
        self.assertFalse(self.read("promise.yaml").endswith("\n"))

    def test_4_a_multi_line_value_starting_with_a_space_in_a_4_space_file(self):
        self.put("apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n    name: pg\nspec:\n"
                 "    api:\n        kind: CustomResourceDefinition\n    workflows:\n        resource:\n"
                 "            configure: []\n")
        value = "  indented first line\nsecond\n"
        self.write("deps/cm.yaml", yaml.safe_dump({"apiVersion": "v1", "kind": "ConfigMap",
                                                   "metadata": {"name": "c", "namespace": "x"}, "data": {"k": value}}))
        self.kratix_ok("update", "dependencies", "deps")
        self.assertEqual(load(self.path("promise.yaml"))["spec"]["dependencies"][0]["data"]["k"], value)
        self.assertIn("k: |4\n", self.read("promise.yaml"))

    def test_5_a_schema_without_spec_gets_an_object_spec(self):
        self.put(FLOW_PROMISE.replace(
            "            properties:\n              spec:\n                type: object\n                properties:\n"
            "                  a: {type: object, properties: {c: {type: string}}}\n",
            "            x-kubernetes-preserve-unknown-fields: true\n"))
        self.kratix_ok("update", "api", "-p", "size:string")
        schema = load(self.path("promise.yaml"))["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        self.assertEqual(schema["properties"]["spec"], {"type": "object", "properties": {"size": {"type": "string"}}})
        self.assertEqual(structural_problems(schema), [])

    def test_6_headers_directives_and_comment_tails_are_one_document(self):
        for head, tail in (("# generated by a script\n---\n", ""), ("%YAML 1.2\n---\n", ""),
                           ("", "---\n# nothing after this\n"), ("\ufeff", "...\n")):
            with self.subTest(head=head, tail=tail):
                before = self.put(head + FLOW_PROMISE + tail)
                self.kratix_ok("update", "api", "-p", "size:string")
                text = self.read("promise.yaml")
                self.assertTrue(text.startswith(head) and text.endswith(tail), text)
                docs = [d for d in yaml.safe_load_all(self.read("promise.yaml")) if d is not None]
                self.assertEqual(len(docs), 1)
                self.assertEqual(spec_props(docs[0])["size"], {"type": "string"})
                self.kratix_ok("update", "api", "-p", "size-")
                self.assertEqual(self.read("promise.yaml"), before)
        # A Promise with other documents around it: the Promise is edited.
        self.put(FLOW_PROMISE + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n")
        self.kratix_ok("update", "destination-selector", "zone=eu")
        docs = list(yaml.safe_load_all(self.read("promise.yaml")))
        self.assertEqual(docs[0]["spec"]["destinationSelectors"][0]["matchLabels"]["zone"], "eu")
        self.assertEqual(docs[1], {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}})
        self.put(FLOW_PROMISE + "---\n" + FLOW_PROMISE)
        r = self.kratix_fails(1, "update", "api", "-p", "x:string")
        self.assertIn("./promise.yaml:36:1: holds 2 YAML documents and several are Promises", r.err)

    def test_7_names_and_keys_that_read_as_other_types_are_quoted(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split")
        for name in ("144", "true", "null", "on", "y"):
            with self.subTest(name=name):
                built = yaml.safe_load(self.kratix_ok("build", "promise", name).out)
                self.assertEqual(built["metadata"]["name"], name)
        self.kratix_ok("update", "api", "-p", "on:string", "-p", "yes.no:integer", "-p", "144:boolean")
        props = spec_props(load(self.path("api.yaml")))
        self.assertEqual(sorted(props), ["144", "on", "yes"])
        self.assertEqual(props["yes"]["properties"], {"no": {"type": "integer"}})

    def test_8_explicit_keys_and_aliases_block_only_the_edits_that_touch_them(self):
        text = FLOW_PROMISE.replace("                  a: {type: object, properties: {c: {type: string}}}\n",
                                    "                  ? a\n                  : type: string\n")
        text = text.replace("      - apiVersion: platform.kratix.io/v1alpha1\n        kind: Pipeline\n        metadata: {name: p}",
                            "      - &p\n        apiVersion: platform.kratix.io/v1alpha1\n        kind: Pipeline\n        metadata: {name: p}")
        self.put(text + "      delete:\n      - *p\n")
        self.kratix_ok("update", "api", "-p", "size:string")
        self.kratix_ok("add", "container", "resource/delete/cleanup", "--image", "myorg/cleanup:v1")
        self.kratix_ok("update", "destination-selector", "zone=eu")
        p = load(self.path("promise.yaml"))
        self.assertEqual(spec_props(p), {"a": {"type": "string"}, "size": {"type": "string"}})
        self.assertEqual([x["metadata"]["name"] for x in p["spec"]["workflows"]["resource"]["delete"]], ["p", "cleanup"])
        r = self.kratix_fails(1, "update", "api", "-p", "a-")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:27:19: .*properties\.a goes through an explicit \('\? '\) "
                                r"or non-string key, which kratix will not rewrite")
        r = self.kratix_fails(1, "add", "container", "resource/delete/p", "--image", "myorg/x:v1")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:\d+:9: spec\.workflows\.resource\.delete\[0\]\.spec\.containers "
                                r"goes through the YAML alias \*p")
        r = self.kratix_fails(1, "add", "container", "resource/configure/p", "--image", "myorg/x:v1")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:\d+:9: spec\.workflows\.resource\.configure\[0\]\.spec\.containers "
                                r"is in the YAML anchor &p")

    def test_9_inverse_edits_give_back_the_bytes(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        before = self.read("promise.yaml")
        for do, undo in ((["update", "destination-selector", "foo=bar"], ["update", "destination-selector", "foo-"]),
                         (["update", "api", "-p", "zzz.yyy:string"], ["update", "api", "-p", "zzz-"]),
                         (["update", "api", "-p", "extra:integer"], ["update", "api", "-p", "extra-"]),
                         (["update", "required-promises", "redis@v1"], ["update", "required-promises", "redis-"]),
                         (["add", "container", "resource/configure/x", "--image", "myorg/x:v1"],
                          ["remove", "container", "resource/configure/x", "--name", "myorg-x"])):
            with self.subTest(do=do):
                self.kratix_ok(*do)
                self.assertNotEqual(self.read("promise.yaml"), before)
                self.kratix_ok(*undo)
                self.assertEqual(self.read("promise.yaml"), before)


class DependenciesTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        self.write("deps/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pg\n")
        self.write("deps/sub/multi.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: pg\n---\n"
                                         "apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n")
        self.write("deps/obj.json", json.dumps({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa"}}))
        self.write("deps/README.md", "not a manifest")

    def test_directory_recursive_multi_document_json_with_default_namespaces(self):
        r = self.kratix_ok("update", "dependencies", "deps")
        self.assertEqual(r.out, "Updated promise.yaml\n")
        deps = load(self.path("promise.yaml"))["spec"]["dependencies"]
        self.assertEqual([(d["kind"], d["metadata"]["namespace"]) for d in deps],
                         [("Namespace", "default"), ("ServiceAccount", "default"), ("ConfigMap", "pg"), ("Secret", "default")])
        before = self.read("promise.yaml")
        self.kratix_ok("update", "dependencies", "deps")
        self.assertEqual(self.read("promise.yaml"), before)
        self.kratix_ok("update", "dependencies", "deps/ns.yaml")
        self.assertEqual(len(load(self.path("promise.yaml"))["spec"]["dependencies"]), 1)

    def test_split_rewrites_dependencies_yaml(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        r = self.kratix_ok("update", "dependencies", "deps", "--dir", "s")
        self.assertEqual(r.out, "Updated dependencies.yaml\n")
        self.assertEqual(len(load(self.path("s", "dependencies.yaml"))), 4)

    def test_a_directory_without_a_promise_gets_dependencies_yaml(self):
        # As kratix-cli: the dependencies of a Promise still to be written (e.g. before build promise).
        os.makedirs(self.path("later"))
        r = self.kratix_ok("update", "dependencies", "deps", "--dir", "later")
        self.assertEqual(r.out, "Updated dependencies.yaml\n")
        self.assertEqual(os.listdir(self.path("later")), ["dependencies.yaml"])
        self.assertEqual([d["kind"] for d in load(self.path("later", "dependencies.yaml"))],
                         ["Namespace", "ServiceAccount", "ConfigMap", "Secret"])
        self.kratix_ok("update", "dependencies", "deps/ns.yaml", "--dir", "later")  # replaced, as in a split Promise
        self.assertEqual(len(load(self.path("later", "dependencies.yaml"))), 1)
        built = yaml.safe_load(self.kratix_ok("build", "promise", "pg", "--dir", "later").out)
        self.assertEqual(built["spec"]["dependencies"][0]["kind"], "Namespace")
        self.assertIn("does not exist", self.kratix_fails(1, "update", "dependencies", "deps", "--dir", "nowhere").err)

    def test_image_ships_them_in_a_promise_configure_pipeline(self):
        self.kratix_ok("update", "dependencies", "deps")
        r = self.kratix_ok("update", "dependencies", "deps", "--image", "ghcr.io/myorg/pg-deps:v1")
        self.assertIn("kratix build container promise/configure/dependencies --name configure-deps", r.out)
        p = load(self.path("promise.yaml"))
        self.assertNotIn("dependencies", p["spec"])
        pipeline = p["spec"]["workflows"]["promise"]["configure"][0]
        self.assertEqual(pipeline["metadata"]["name"], "dependencies")
        self.assertEqual(pipeline["spec"]["containers"], [{"name": "configure-deps", "image": "ghcr.io/myorg/pg-deps:v1"}])
        home = "workflows/promise/configure/dependencies/configure-deps/"
        for f in ("Dockerfile", "scripts/pipeline.sh", "resources/ns.yaml", "resources/sub/multi.yml", "resources/obj.json"):
            self.assertTrue(os.path.exists(self.path(home + f)), f)
        self.assertIn("/kratix/output", self.read(home + "scripts/pipeline.sh"))
        self.assertTrue(os.access(self.path(home + "scripts/pipeline.sh"), os.X_OK))
        # A new image replaces the old one in the same container.
        self.kratix_ok("update", "dependencies", "deps", "--image", "ghcr.io/myorg/pg-deps:v2")
        containers = load(self.path("promise.yaml"))["spec"]["workflows"]["promise"]["configure"][0]["spec"]["containers"]
        self.assertEqual(containers, [{"name": "configure-deps", "image": "ghcr.io/myorg/pg-deps:v2"}])

    def test_image_in_a_split_promise_removes_dependencies_yaml(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        self.kratix_ok("update", "dependencies", "deps", "--dir", "s")
        self.kratix_ok("update", "dependencies", "deps", "--image", "ghcr.io/myorg/pg-deps:v1", "--dir", "s")
        # As kratix-cli does: the dependencies live in the image now.
        self.assertFalse(os.path.exists(self.path("s", "dependencies.yaml")))
        self.assertTrue(os.path.exists(self.path("s", "workflows/promise/configure/workflow.yaml")))
        # Still a split Promise: it builds, validates and takes further edits.
        built = yaml.safe_load(self.kratix_ok("build", "promise", "pg", "--dir", "s").out)
        self.assertNotIn("dependencies", built["spec"])
        self.assertEqual(built["spec"]["workflows"]["promise"]["configure"][0]["metadata"]["name"], "dependencies")
        self.assertEqual(self.run_kratix("validate", "--dir", "s").code, 0)
        self.kratix_ok("update", "api", "-p", "size:string", "--dir", "s")
        self.assertFalse(os.path.exists(self.path("s", "promise.yaml")))
        self.kratix_ok("update", "dependencies", "deps", "--dir", "s")
        self.assertEqual(len(load(self.path("s", "dependencies.yaml"))), 4)

    def test_bad_paths(self):
        r = self.kratix_fails(1, "update", "dependencies", "missing")
        self.assertIn("missing does not exist", r.err)
        os.makedirs(self.path("empty"))
        self.assertIn("no .yaml, .yml or .json files", self.kratix_fails(1, "update", "dependencies", "empty").err)
        self.write("blank.yaml", "---\n# nothing here\n")
        self.assertIn("no Kubernetes objects", self.kratix_fails(1, "update", "dependencies", "blank.yaml").err)
        self.write("bad.yaml", "kind: [\n")
        self.assertIn("bad.yaml:", self.kratix_fails(1, "update", "dependencies", "bad.yaml").err)


class SelectorsAndRequiredPromisesTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")

    def test_destination_selectors(self):
        r = self.kratix_ok("update", "destination-selector", "env=dev")
        self.assertEqual(r.out, "Promise destination selector updated\n")
        self.kratix_ok("update", "destination-selector", "zone=eu", "env-")
        self.assertEqual(load(self.path("promise.yaml"))["spec"]["destinationSelectors"], [{"matchLabels": {"zone": "eu"}}])
        for bad in ("env", "=x", "bad key=x", "k=" + "v" * 64):
            with self.subTest(bad=bad):
                self.kratix_fails(2, "update", "destination-selector", bad)

    def test_required_promises(self):
        self.kratix_ok("update", "required-promises", "redis@v1.0.0", "postgresql@v2")
        self.kratix_ok("update", "required-promises", "redis@v1.1.0")
        self.assertEqual(load(self.path("promise.yaml"))["spec"]["requiredPromises"],
                         [{"name": "redis", "version": "v1.1.0"}, {"name": "postgresql", "version": "v2"}])
        self.kratix_ok("update", "required-promises", "redis-", "postgresql-")
        self.assertNotIn("requiredPromises", load(self.path("promise.yaml"))["spec"])
        self.kratix_fails(2, "update", "required-promises", "Bad@v1")
        self.kratix_fails(2, "update", "required-promises", "redis@")

    def test_split_promises_have_no_place_for_them(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        r = self.kratix_fails(1, "update", "destination-selector", "env=dev", "--dir", "s")
        self.assertIn("split Promise", r.err)


class AddContainerTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")

    def pipelines(self, lifecycle="resource", action="configure"):
        return load(self.path("promise.yaml"))["spec"]["workflows"][lifecycle][action]

    def test_new_pipeline_then_a_second_container(self):
        r = self.kratix_ok("add", "container", "resource/configure/instance", "--image", "syntasso/postgres-resource:v1.0.0")
        self.assertIn("generated the resource/configure/instance/syntasso-postgres-resource in ./promise.yaml", r.out)
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/notify:v1", "--name", "notify",
                       "--language", "python")
        self.assertEqual(self.pipelines(), [{
            "apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": "instance"},
            "spec": {"containers": [{"name": "syntasso-postgres-resource", "image": "syntasso/postgres-resource:v1.0.0"},
                                    {"name": "notify", "image": "myorg/notify:v1"}]}}])
        base = "workflows/resource/configure/instance/"
        self.assertEqual(self.files("workflows"), sorted([
            "resource/configure/instance/syntasso-postgres-resource/Dockerfile",
            "resource/configure/instance/syntasso-postgres-resource/scripts/pipeline.sh",
            "resource/configure/instance/notify/Dockerfile",
            "resource/configure/instance/notify/scripts/pipeline.py"]))
        self.assertTrue(os.path.isdir(self.path(base + "notify/resources")))
        self.assertTrue(os.access(self.path(base + "syntasso-postgres-resource/scripts/pipeline.sh"), os.X_OK))
        self.assertIn("kratix-sdk", self.read(base + "notify/Dockerfile"))

    def test_go_and_delete_workflows(self):
        r = self.kratix_ok("add", "container", "promise/delete/cleanup", "--image", "myorg/cleanup:v1", "-l", "go")
        self.assertIn("go mod", r.out)
        self.assertEqual(self.pipelines("promise", "delete")[0]["spec"]["containers"][0]["name"], "myorg-cleanup")
        self.assertIn("kratix-go", self.read("workflows/promise/delete/cleanup/myorg-cleanup/scripts/pipeline.go"))

    def test_split_layout_writes_the_workflow_file(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split", "--dir", "s")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/a:v1", "--dir", "s")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/b:v1", "--dir", "s")
        wf = load(self.path("s", "workflows/resource/configure/workflow.yaml"))
        self.assertEqual([c["name"] for c in wf[0]["spec"]["containers"]], ["myorg-a", "myorg-b"])
        built = self.kratix_ok("build", "promise", "pg", "--dir", "s").out
        self.assertEqual(yaml.safe_load(built)["spec"]["workflows"]["resource"]["configure"], wf)

    def test_remove_container_undoes_add_container(self):
        before = self.read("promise.yaml")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/a:v1")
        with_one = self.read("promise.yaml")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/b:v1")
        r = self.kratix_ok("remove", "container", "resource/configure/instance", "--name", "myorg-b")
        self.assertIn("Its files in ./workflows/resource/configure/instance/myorg-b are left as they are", r.out)
        self.assertEqual(self.read("promise.yaml"), with_one)
        r = self.kratix_ok("remove", "container", "resource/configure/instance", "--name", "myorg-a")
        self.assertIn("(and the pipeline, which had no other)", r.out)
        self.assertEqual(self.read("promise.yaml"), before)
        self.assertTrue(os.path.isdir(self.path("workflows/resource/configure/instance/myorg-a")))
        r = self.kratix_fails(1, "remove", "container", "resource/configure/instance", "--name", "myorg-a")
        self.assertRegex(r.err, r"Error: \./promise\.yaml:\d+:\d+: there is no pipeline instance in the resource/configure")
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/a:v1")
        r = self.kratix_fails(1, "remove", "container", "resource/configure/instance", "--name", "other")
        self.assertIn("has no container 'other'; it has myorg-a", r.err)
        self.kratix_fails(2, "remove", "container", "resource/configure/instance")

    def test_bad_input(self):
        self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/a:v1")
        r = self.kratix_fails(1, "add", "container", "resource/configure/instance", "--image", "other/a:v2", "--name", "myorg-a")
        self.assertIn("container 'myorg-a' already exists in pipeline resource/configure/instance", r.err)
        self.assertIn("invalid lifecycle 'request'", self.kratix_fails(2, "add", "container", "request/configure/x", "--image", "a").err)
        self.assertIn("invalid action 'create'", self.kratix_fails(2, "add", "container", "resource/create/x", "--image", "a").err)
        self.kratix_fails(2, "add", "container", "resource/configure/x", "--image", "a", "--language", "rust")
        self.kratix_fails(2, "add", "container", "resource/configure/x", "--image", "a", "--name", "Bad_Name")
        self.kratix_fails(2, "add", "container", "resource/configure/x")


class BuildPromiseTest(KratixTestCase):
    def test_split_builds_to_the_same_promise_as_flat(self):
        for layout, extra in (("flat", []), ("split", ["--split"])):
            d = layout
            self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", d, *extra)
            self.kratix_ok("update", "api", "-p", "size:string", "--dir", d)
            self.write(f"deps-{layout}/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pg\n")
            self.kratix_ok("update", "dependencies", f"deps-{layout}", "--dir", d)
            self.kratix_ok("add", "container", "resource/configure/instance", "--image", "myorg/a:v1", "--dir", d)
        built = yaml.safe_load(self.kratix_ok("build", "promise", "pg", "--dir", "split").out)
        flat = load(self.path("flat", "promise.yaml"))
        del flat["metadata"]["labels"]
        flat["spec"]["workflows"].pop("promise")
        self.assertEqual(built, flat)
        self.kratix_ok("build", "promise", "pg", "--dir", "split", "-o", "out.yaml")
        self.assertEqual(load(self.path("out.yaml")), built)

    def test_comments_of_the_parts_are_kept_and_errors_name_the_file(self):
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split")
        self.write("dependencies.yaml", "# what every cluster needs\n- apiVersion: v1\n  kind: Namespace  # ns\n  metadata: {name: x}\n")
        self.assertIn("    # what every cluster needs\n    - apiVersion: v1\n      kind: Namespace  # ns\n",
                      self.kratix_ok("build", "promise", "pg").out)
        self.write("dependencies.yaml", "kind: NotAList\n")
        self.assertIn("dependencies.yaml:1:1: must be a YAML list", self.kratix_fails(1, "build", "promise", "pg").err)
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", "flat")
        self.assertIn("flat Promise", self.kratix_fails(1, "build", "promise", "pg", "--dir", "flat").err)

    def test_without_api_yaml_builds_a_promise_without_api(self):
        # Kratix takes Promises without an API; kratix-cli builds them from a split directory without api.yaml.
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--split")
        os.remove(self.path("api.yaml"))
        self.write("dependencies.yaml", "- apiVersion: v1\n  kind: Namespace\n  metadata: {name: pg}\n")
        built = yaml.safe_load(self.kratix_ok("build", "promise", "pg").out)
        self.assertEqual(built["metadata"], {"name": "pg"})
        self.assertNotIn("api", built["spec"])
        self.assertEqual(built["spec"]["dependencies"][0]["kind"], "Namespace")
        self.write("api.yaml", "")  # an empty api.yaml: no API either
        self.assertNotIn("api", yaml.safe_load(self.kratix_ok("build", "promise", "pg").out)["spec"])
        self.write("dependencies.yaml", "[]\n")
        self.assertEqual(yaml.safe_load(self.kratix_ok("build", "promise", "pg").out)["spec"], {})
        os.makedirs(self.path("empty"))
        self.assertIn("nothing to build in empty", self.kratix_fails(1, "build", "promise", "pg", "--dir", "empty").err)


@unittest.skipUnless(shared_path("corpus", "promises"), "../shared is absent")
class CorpusEditsTest(KratixTestCase):
    """For every real Promise: three edits, then only the intended paths differ
    and the Promise still validates against the Kratix CRD."""

    def diff_paths(self, a, b, path=""):
        if type(a) != type(b):
            return [path]
        if isinstance(a, dict):
            out = []
            for k in set(a) | set(b):
                if k not in a or k not in b:
                    out.append(f"{path}.{k}")
                else:
                    out += self.diff_paths(a[k], b[k], f"{path}.{k}")
            return out
        if isinstance(a, list):
            if len(a) != len(b):
                return [path]
            return [p for i, (x, y) in enumerate(zip(a, b)) for p in self.diff_paths(x, y, f"{path}[{i}]")]
        return [] if a == b else [path]

    def test_every_corpus_promise(self):
        crd = load(PROMISE_CRD) if PROMISE_CRD else None
        for src in sorted(glob.glob(os.path.join(shared_path("corpus", "promises"), "*.yaml"))):
            with self.subTest(promise=os.path.basename(src)):
                work = self.path(os.path.basename(src) + ".d")
                os.makedirs(work)
                shutil.copy(src, os.path.join(work, "promise.yaml"))
                before = load(os.path.join(work, "promise.yaml"))
                self.kratix_ok("update", "api", "-p", "x.y:string", "--dir", work)
                self.kratix_ok("add", "container", "resource/configure/kratix-test", "--image", "myorg/test:v1", "--dir", work)
                self.kratix_ok("update", "destination-selector", "kratix-test=yes", "--dir", work)
                after = load(os.path.join(work, "promise.yaml"))
                diffs = self.diff_paths(before, after)
                allowed = (".spec.api.spec.versions[", ".spec.workflows", ".spec.destinationSelectors")
                self.assertTrue(all(d.startswith(allowed) for d in diffs), diffs)
                self.assertEqual(spec_props(after)["x"]["properties"]["y"], {"type": "string"})
                names = [p["metadata"]["name"] for p in after["spec"]["workflows"]["resource"]["configure"]]
                self.assertIn("kratix-test", names)
                self.assertEqual(after["spec"]["destinationSelectors"][0]["matchLabels"]["kratix-test"], "yes")
                if crd:
                    self.assertEqual(problems_against_crd(after, crd), [])
                api_schema = after["spec"]["api"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
                self.assertEqual([p for p in structural_problems(api_schema)
                                  if ".x" in p], [])


if __name__ == "__main__":
    unittest.main()
