"""Untrusted input (charts, values, schemas, Promises, requests) never crashes
kratix, never makes it run another program, and every rejection is one
`Error: FILE:LINE:COL: ...` line (or a valid JSON report), exit 1, nothing
written. Each test holds the smallest input that once did harm."""
import io
import json
import os
import stat
import tarfile

from harness import KratixTestCase


def tgz_of(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class ChartInputTest(KratixTestCase):
    def init_helm(self, chart_url, *extra, env=None):
        return self.kratix_fails(1, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                                 "--chart-url", chart_url, "--dir", "out", *extra, env=env)

    def test_an_lrzip_stream_named_tgz_runs_no_program(self):
        # libarchive's lrzip (and lzop, grzip, ...) filters run an external
        # program on the bytes; a program of that name on PATH shows whether it ran.
        bindir = self.path("bin")
        os.makedirs(bindir)
        marker = self.path("ran")
        for program in ("lrzip", "lzop", "grzip", "lz4", "zstd", "bzip2", "xz", "lzip", "gzip"):
            with open(os.path.join(bindir, program), "w") as fh:
                fh.write(f"#!/bin/sh\necho {program} >> {marker}\ncat >/dev/null\n")
            os.chmod(os.path.join(bindir, program), 0o755)
        with open(self.path("chart.tgz"), "wb") as fh:
            fh.write(b"LRZI\x00\x06" + bytes(200))
        env = {"PATH": bindir + os.pathsep + os.environ["PATH"]}
        r = self.init_helm("chart.tgz", env=env)
        self.assertIn("chart.tgz is lrzip data, not a gzip-compressed tar", r.err)
        self.assertFalse(os.path.exists(marker), "an external decompressor was run")
        # gzip itself is read in-process, not through the gzip program.
        with open(self.path("good.tgz"), "wb") as fh:
            fh.write(tgz_of([("web/Chart.yaml", b"apiVersion: v2\nname: web\nversion: 1.0.0\n"),
                             ("web/values.yaml", b"a: 1\n")]))
        self.kratix_ok("init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                       "--chart-url", "good.tgz", "--dir", "good", env=env)
        self.assertFalse(os.path.exists(marker), "an external decompressor was run")

    def test_a_50000_digit_number_in_values_yaml(self):
        self.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
        self.write("chart/values.yaml", "big: " + "9" * 50000 + "\n")
        self.kratix_ok("init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                       "--chart-url", "chart", "--dir", "out")
        # Helm's YAML reader leaves a number too large for a float64 a string.
        self.assertIn("type: string", self.read("out", "promise.yaml"))


class PromiseInputTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database")
        self.promise = self.read("promise.yaml")

    def edit(self, old, new):
        self.assertIn(old, self.promise)
        self.write("promise.yaml", self.promise.replace(old, new, 1))

    def line_of(self, text):
        return next(i for i, line in enumerate(self.read("promise.yaml").splitlines(), 1) if text in line)

    def assert_no_library_words(self, r):
        for words in ("yaml-cpp", "json.exception", "stod", "operator[]", "what():"):
            self.assertNotIn(words, r.out + r.err, r)

    def test_update_api_on_200000_nested_dashes(self):
        self.write("promise.yaml", self.promise + "  deep:\n    " + "- " * 200000 + "x\n")
        r = self.kratix_fails(1, "update", "api", "-p", "size:string")
        self.assertIn(f"Error: ./promise.yaml:{self.line_of('  deep:') + 1}:513: nesting deeper than 256 levels", r.err)
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 1, r)
        self.assertIn("nesting deeper than 256 levels", r.out)

    def test_a_reconciliation_interval_that_is_no_number(self):
        self.edit("  workflows:\n", "  workflows:\n    config:\n      reconciliationInterval: .m\n")
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 1, r)
        self.assertIn(f"promise.yaml:{self.line_of('reconciliationInterval')}:31: error "
                      "[webhook.reconciliation-interval] reconciliationInterval '.m' is not a duration", r.out)
        self.assert_no_library_words(r)

    def test_a_pipeline_written_as_a_flow_list_of_words(self):
        self.edit("    resource:\n      configure: []", "    resource:\n      configure: [foo]")
        line = self.line_of("configure: [foo]")
        r = self.run_kratix("validate")
        self.assertEqual(r.code, 1, r)
        self.assertIn(f"promise.yaml:{line}:19: error [promise.type] spec.workflows.resource.configure[0] is a string",
                      r.out)
        self.assert_no_library_words(r)
        r = self.kratix_fails(1, "build", "container", "--all")
        self.assertIn(f"Error: ./promise.yaml:{line}:19: item 0 of the resource/configure workflow is not a Pipeline",
                      r.err)
        self.assert_no_library_words(r)
        r = self.kratix_fails(1, "add", "container", "resource/configure/web", "--image", "nginx:1")
        self.assertIn(f"Error: ./promise.yaml:{line}:", r.err)
        self.assertIn("item 0 of the resource/configure workflow is not a Pipeline", r.err)
        self.assert_no_library_words(r)

    def test_a_request_that_is_not_a_mapping(self):
        self.write("req.yaml", "just words\n")
        r = self.run_kratix("validate", "-r", "req.yaml")
        self.assertEqual(r.code, 1, r)
        self.assertIn("req.yaml:1:1: error [resource.type] a request must be a mapping", r.out)

    def test_json_output_stays_json_with_bytes_that_are_not_utf8(self):
        with open(self.path("req.yaml"), "wb") as fh:
            fh.write(b'apiVersion: "x\xff"\nkind: Database\nmetadata:\n  name: a\n')
        r = self.run_kratix("validate", "-o", "json", "-r", "req.yaml")
        self.assertEqual(r.code, 1, r)
        report = json.loads(r.out)
        self.assertFalse(report["valid"])
        self.assertIn("x\ufffd", report["errors"][0]["message"])

    def test_json_output_stays_json_when_validation_cannot_start(self):
        r = self.run_kratix("validate", "-o", "json", "--dir", "nowhere")
        self.assertEqual(r.code, 1, r)
        report = json.loads(r.out)
        self.assertEqual(report["valid"], False)
        self.assertIn("does not exist", report["errors"][0]["message"])
        self.assertIn("Error: the Promise directory nowhere does not exist", r.err)

    def test_a_schema_ref_that_is_not_a_string(self):
        self.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
        self.write("chart/values.yaml", "a: 1\n")
        self.write("chart/values.schema.json", '{\n  "properties": {"a": {"$ref": 5}}\n}\n')
        r = self.kratix_fails(1, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                              "--chart-url", "chart", "--dir", "out")
        self.assertIn("values.schema.json:2:32: $ref is number, not a reference", r.err)
        self.assert_no_library_words(r)
