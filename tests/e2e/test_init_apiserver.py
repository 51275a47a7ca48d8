"""Every CRD `kratix init ...` writes is accepted by the real API server, and so
is its example-resource.yaml: init promise (flat and split), operator and
crossplane from kratix-cli's own test inputs, and helm from every chart in
../shared/corpus/real-world/charts. One server for the suite; all CRDs of a
case group go in one kubectl call."""
import glob
import os
import re
import unittest

import yaml

from harness import KratixTestCase, shared_path  # noqa: I001 (puts tests/servers on the path)
import apiserver
import oracle

KRATIX_CLI = shared_path("corpus", "kratix-cli")
CHARTS = shared_path("corpus", "real-world", "charts")

# Charts whose generated API the API server rejects today because of
# generator bugs in lib/helm that #16 fixes (do not fix them here). The test
# fails when a chart not listed fails, and when a listed chart starts to
# pass, so the list stays true: remove a chart from it when #16 fixes it.
HELM_KNOWN_REJECTED = {
    # a default of the wrong type ("string" defaults for array properties)
    "bitnami+charts/bitnami/prometheus",
    # x-kubernetes-int-or-string together with x-kubernetes-preserve-unknown-fields
    "open-telemetry+opentelemetry-helm-charts/charts/opentelemetry-ebpf",
    "prometheus-community+helm-charts/charts/prometheus",
    "traefik+traefik-helm-chart/traefik",
}


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _created(stdout):
    return {line.split()[0] for line in stdout.splitlines() if line.strip()}


class InitOutputsOnTheApiServerTest(KratixTestCase):
    @classmethod
    def setUpClass(cls):
        oracle.need_apiserver()
        cls.api = apiserver.ApiServer().start()
        cls.addClassCleanup(cls.api.stop)
        with open(oracle.PROMISE_CRD) as fh:
            cls.api.install_crd(fh.read())

    def submit(self, dirs):
        """Creates each directory's Promise (dry run), its API and its example resource on the server.
        Returns {dir: [problems]}."""
        problems = {d: [] for d in dirs}
        crds, owner = [], {}
        for d in dirs:
            promise_file = os.path.join(d, "promise.yaml")
            if os.path.exists(os.path.join(d, "api.yaml")):  # split: assemble it as Kratix gets it
                r = self.run_kratix("build", "promise", os.path.basename(d), "--dir", d,
                                    "--output", os.path.join(d, "built.yaml"))
                self.assertEqual(r.code, 0, r)
                promise_file = os.path.join(d, "built.yaml")
            with open(promise_file, encoding="utf-8") as fh:
                text = fh.read()
            r = self.api.create(text, dry_run=True)
            if r.returncode != 0:
                problems[d].append("Promise: " + r.stderr.strip())
            crd = yaml.safe_load(text)["spec"]["api"]
            owner["customresourcedefinition.apiextensions.k8s.io/" + crd["metadata"]["name"]] = d
            crds.append(yaml.safe_dump(crd))
        r = self.api.create("---\n".join(crds))
        created = _created(r.stdout)
        for name, d in owner.items():
            if name not in created:
                why = [line for line in r.stderr.splitlines() if name.split("/")[1] in line] or [r.stderr[-300:]]
                problems[d].append("CRD: " + " ".join(why))
        if created:
            self.api.kubectl("wait", "--for", "condition=Established", "--timeout=300s", *sorted(created))
        examples = []
        for d in dirs:
            example = os.path.join(d, "example-resource.yaml")
            if os.path.exists(example) and not problems[d]:
                with open(example, encoding="utf-8") as fh:
                    examples.append((d, fh.read()))
        for d, text in examples:
            r = self.api.create(text, dry_run=True)
            if r.returncode != 0:
                problems[d].append("example-resource.yaml: " + r.stderr.strip())
        return problems

    def test_init_promise_flat_and_split(self):
        self.kratix_ok("init", "promise", "pg", "--group", "flat.myorg.com", "--kind", "Database", "--dir", "flat")
        self.kratix_ok("init", "promise", "redis", "--group", "split.myorg.com", "--kind", "Cache", "--version", "v1",
                       "--split", "--dir", "redis")
        found = self.submit([self.path("flat"), self.path("redis")])
        self.assertEqual(found, {self.path("flat"): [], self.path("redis"): []})

    @unittest.skipUnless(KRATIX_CLI, "../shared is absent")
    def test_init_operator_and_crossplane_from_kratix_cli_inputs(self):
        dirs = []
        for i, (manifests, crd, *extra) in enumerate([
                ("e2e-cnpg/manifests", "clusters.postgresql.cnpg.io"),
                # its storage version is named v1Stored, not a valid version name: kratix asks for --version
                ("operator", "postgresqls.acid.zalan.do", "--version", "v1")]):
            d = f"operator{i}"
            self.kratix_ok("init", "operator-promise", "postgresql", "--group", f"op{i}.syntasso.io", "--kind",
                           "Database", "--operator-manifests", os.path.join(KRATIX_CLI, manifests),
                           "--api-schema-from", crd, "--dir", d, *extra)
            dirs.append(self.path(d))
        for i, xrd in enumerate(sorted(glob.glob(os.path.join(KRATIX_CLI, "crossplane", "xrd*.yaml")))):
            d = f"crossplane{i}"
            self.kratix_ok("init", "crossplane-promise", "s3buckets", "--group", f"xp{i}.syntasso.io", "--kind",
                           "S3Bucket", "--xrd", xrd, "--dir", d)
            dirs.append(self.path(d))
        self.assertGreaterEqual(len(dirs), 5)
        found = self.submit(dirs)
        # Known generator bug (lib/promise/example.cpp, not validate's): a
        # required string is filled with "", which the zalando CRD's
        # spec.volume.size pattern rejects. Both the API server and kratix
        # validate say so; when the example generator is fixed, drop this.
        known = {self.path("operator1"): "spec.volume.size in body should match"}
        rejected = {d: " ".join(p) for d, p in found.items() if p}
        self.assertEqual(sorted(rejected), sorted(known), rejected)
        for d, why in known.items():
            self.assertIn(why, rejected[d])
        r = self.run_kratix("validate", "--dir", self.path("operator1"), "-o", "json")
        self.assertEqual([e["path"] for e in yaml.safe_load(r.out)["errors"]], ["spec.volume.size"])

    @unittest.skipUnless(CHARTS, "../shared is absent")
    def test_init_helm_from_every_real_world_chart(self):
        charts = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(CHARTS, "**", "Chart.yaml"),
                                                                recursive=True))
        self.assertGreater(len(charts), 100)
        dirs, names, init_failed = [], {}, {}
        for i, chart in enumerate(charts):
            name = os.path.relpath(chart, CHARTS)
            d = self.path(f"helm{i}")
            r = self.run_kratix("init", "helm-promise", "app", "--group", f"c{i}.charts.test", "--kind", "App",
                                "--chart-url", chart, "--dir", d)
            if r.code != 0:
                init_failed[name] = r.err.strip()[-300:]
                continue
            dirs.append(d)
            names[d] = name
        found = self.submit(dirs)
        rejected = {names[d]: p for d, p in found.items() if p}
        rejected.update({n: ["kratix init failed: " + e] for n, e in init_failed.items()})
        if os.environ.get("KRATIX_PRINT_REJECTED"):
            for n, p in sorted(rejected.items()):
                why = re.sub(r"\s+", " ", " ".join(p))[-230:]
                print(f"    {n!r}: {why!r},")
        unexpected = {n: p for n, p in rejected.items() if n not in HELM_KNOWN_REJECTED}
        fixed = sorted(set(HELM_KNOWN_REJECTED) - set(rejected))
        self.assertEqual(unexpected, {}, "charts rejected that are not on HELM_KNOWN_REJECTED")
        self.assertEqual(fixed, [], "charts on HELM_KNOWN_REJECTED now pass: take them off the list")


if __name__ == "__main__":
    unittest.main()
