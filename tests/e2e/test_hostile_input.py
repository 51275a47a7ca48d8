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
        self.assertIn("type: integer", self.read("out", "promise.yaml"))
