"""What every generated Promise (init helm-promise, operator-promise,
crossplane-promise) gets right beyond its schema: pipeline names whose Kratix
pipeline id fits in 60 characters, and warnings for what would make Kratix,
the API server or kubectl refuse it. Inputs are written here; nothing from ../shared."""
import json
import unittest

import yaml

from harness import KratixTestCase

CHART = "apiVersion: v2\nname: {name}\nversion: 0.1.0\n"
VALUES = "replicaCount: 1\nimage:\n  repository: nginx\n"

OPERATOR_CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  names: {kind: Thing, plural: things}
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
              size: {type: integer}
              tags:
                type: array
                items: {type: string}
"""


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def pipelines(promise):
    return [p["metadata"]["name"] for p in promise["spec"]["workflows"]["resource"]["configure"]]


class PipelineNamesTest(KratixTestCase):
    """Kratix's webhook refuses a pipeline id <promise>-resource-configure-<pipeline>
    over 60 characters; instance-configure leaves 22 for the promise name."""

    def helm(self, name, *extra, code=0):
        self.write("chart/Chart.yaml", CHART.format(name=name))
        self.write("chart/values.yaml", VALUES)
        args = ("init", "helm-promise", name, "--group", "myorg.com", "--kind", "Web", "--chart-url", "chart", *extra)
        return self.kratix_ok(*args) if code == 0 else self.kratix_fails(code, *args)

    def test_a_short_name_keeps_kratix_clis_pipeline_name(self):
        self.helm("a" * 22)
        self.assertEqual(pipelines(load(self.path("promise.yaml"))), ["instance-configure"])
        self.kratix_ok("validate")

    def test_a_chart_name_of_23_or_more_characters_gets_a_pipeline_name_that_fits(self):
        for name, pipeline in (("kube-prometheus-stack-x", "instance"),      # 23: one past the old limit
                               ("opentelemetry-operator-crds-and-more", "main")):  # 36: the longest possible
            with self.subTest(name=name):
                self.helm(name, "--dir", name, "--force")
                promise = load(self.path(name, "promise.yaml"))
                self.assertEqual(pipelines(promise), [pipeline])
                self.assertLessEqual(len(f"{name}-resource-configure-{pipeline}"), 60)
                self.assertIn(f"through the `{pipeline}` pipeline", self.read(name, "README.md"))
                r = self.kratix_ok("validate", "--dir", name)
                self.assertNotIn("pipeline-id", r.out)

    def test_a_name_that_leaves_no_room_is_refused_before_the_chart_is_read(self):
        name = "a" * 37
        r = self.kratix_fails(2, "init", "helm-promise", name, "--group", "myorg.com", "--kind", "Web",
                              "--chart-url", "no-such-chart")
        self.assertIn(f"promise name '{name}' is 37 characters", r.err)
        self.assertIn("at most 36", r.err)

    def test_split_layout_and_the_operator_init_choose_the_same_way(self):
        name = "a-long-operator-promise-name"
        self.helm(name, "--split", "--dir", "split")
        workflow = load(self.path("split", "workflows", "resource", "configure", "workflow.yaml"))
        self.assertEqual([p["metadata"]["name"] for p in workflow], ["instance"])
        self.kratix_ok("validate", "--dir", "split")
        self.write("ops/crd.yaml", OPERATOR_CRD)
        self.kratix_ok("init", "operator-promise", name, "--group", "myorg.com", "--kind", "Thing",
                       "--operator-manifests", "ops", "--api-schema-from", "things.example.com", "--dir", "op")
        self.assertEqual(pipelines(load(self.path("op", "promise.yaml"))), ["instance"])
        self.kratix_ok("validate", "--dir", "op")


class ForeignSchemaWarningsTest(KratixTestCase):
    """The schema of an operator's CRD or a Crossplane XRD becomes the API as it is;
    one the API server would refuse is named on stderr, with the place."""

    def test_an_operator_crd_schema_the_api_server_refuses_is_warned_about(self):
        self.write("ops/crd.yaml", OPERATOR_CRD.replace("items: {type: string}", "items: {type: string}\n"
                                                        "                uniqueItems: true"))
        r = self.kratix_ok("init", "operator-promise", "things", "--group", "myorg.com", "--kind", "Thing",
                           "--operator-manifests", "ops", "--api-schema-from", "things.example.com")
        warnings = [line for line in r.err.splitlines() if line.startswith("Warning: ")]
        self.assertEqual(len(warnings), 1, r.err)
        self.assertIn("CRD 'things.example.com': openAPIV3Schema.properties.spec.properties.tags.uniqueItems",
                      warnings[0])
        self.assertIn("x-kubernetes-list-type: set", warnings[0])
        self.assertNotEqual(self.run_kratix("validate").code, 0)

    def test_a_structural_operator_crd_gives_no_warning(self):
        self.write("ops/crd.yaml", OPERATOR_CRD)
        r = self.kratix_ok("init", "operator-promise", "things", "--group", "myorg.com", "--kind", "Thing",
                           "--operator-manifests", "ops", "--api-schema-from", "things.example.com")
        self.assertNotIn("Warning:", r.err)

    def test_an_xrd_schema_without_types_is_warned_about(self):
        self.write("xrd.yaml", """\
apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata: {name: xbuckets.example.com}
spec:
  group: example.com
  names: {kind: XBucket, plural: xbuckets}
  versions:
  - name: v1
    served: true
    referenceable: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            properties:
              region: {description: no type here}
""")
        r = self.kratix_ok("init", "crossplane-promise", "buckets", "--group", "myorg.com", "--kind", "Bucket",
                           "--xrd", "xrd.yaml")
        self.assertIn("Warning: the XRD's version v1: openAPIV3Schema.properties.spec.properties.region: ", r.err)
        self.assertIn("has no type", r.err)


if __name__ == "__main__":
    unittest.main()


def big_chart(keys):
    """values.yaml with `keys` documented settings: about 152 bytes of Promise JSON each."""
    lines = []
    for i in range(keys):
        lines.append(f"# -- Setting number {i} of the big chart, described at some length so that it counts")
        lines.append(f"setting{i}: value-{i}")
    return "\n".join(lines) + "\n"


def json_size(path):
    with open(path) as fh:
        docs = [d for d in yaml.load_all(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if d is not None]
    return sum(len(json.dumps(d, separators=(",", ":"), ensure_ascii=False).encode()) for d in docs)


class TooBigForClientSideApplyTest(KratixTestCase):
    """kubectl apply (client-side) keeps the whole object in an annotation, and the
    API server refuses annotations over 256 KiB (262144 bytes) in all."""

    LIMIT = 262144

    def helm(self, keys, *extra):
        self.write("chart/Chart.yaml", CHART.format(name="big"))
        self.write("chart/values.yaml", big_chart(keys))
        return self.kratix_ok("init", "helm-promise", "big", "--group", "myorg.com", "--kind", "Big",
                              "--chart-url", "chart", "--chart-url-for-pipeline", "https://charts.example.com",
                              "--force", *extra)

    def test_a_promise_just_over_the_limit_is_warned_about_and_one_just_under_is_not(self):
        under = self.helm(1735)
        size_under = json_size(self.path("promise.yaml"))
        over = self.helm(1760)
        size_over = json_size(self.path("promise.yaml"))
        self.assertLess(size_under, self.LIMIT)
        self.assertGreater(size_over, self.LIMIT)
        self.assertNotIn("Warning:", under.err)
        warnings = [line for line in over.err.splitlines() if line.startswith("Warning: ")]
        self.assertEqual(len(warnings), 1, over.err)
        self.assertIn(f"promise.yaml is about {(size_over + 1023) // 1024} KiB as JSON, over the 256 KiB", warnings[0])
        self.assertIn("`kubectl apply --server-side -f promise.yaml` or `kubectl create -f promise.yaml`", warnings[0])
        self.assertIn("big promise bootstrapped", over.out)

    def test_far_over_the_limit_the_size_is_estimated_closely(self):
        r = self.helm(4000, "--dir", "out")
        size = json_size(self.path("out", "promise.yaml"))
        said = int(r.err.split(" is about ")[1].split(" KiB")[0]) * 1024
        self.assertLess(abs(said - size) / size, 0.05, (said, size))
        self.assertIn("-f out/promise.yaml", r.err)

    def test_split_layout_and_build_promise_say_it_too(self):
        r = self.helm(2500, "--split", "--dir", "s")
        self.assertIn("Warning: the Promise built from s is about ", r.err)
        self.assertIn("(after kratix build promise NAME --dir s)", r.err)
        b = self.kratix_ok("build", "promise", "big", "--dir", "s", "-o", "built.yaml")
        self.assertIn("Warning: built.yaml is about ", b.err)
        self.assertIn("kubectl apply --server-side -f built.yaml", b.err)
        b = self.kratix_ok("build", "promise", "big", "--dir", "s")
        self.assertIn("Warning: the Promise is about ", b.err)
        self.assertIn("kubectl apply --server-side -f -", b.err)
        self.assertTrue(b.out.startswith("apiVersion: platform.kratix.io/v1alpha1"), b.out[:80])

    def test_small_promises_and_kratix_build_of_them_are_quiet(self):
        self.helm(10, "--split", "--dir", "s")
        b = self.kratix_ok("build", "promise", "big", "--dir", "s")
        self.assertEqual(b.err, "")


class LocalChartPipelineTest(KratixTestCase):
    """The helm-resource-configure container runs `helm template` inside the
    cluster: a local chart's path in CHART_URL means nothing there."""

    def chart(self, sources=True):
        meta = "apiVersion: v2\nname: web\nversion: 1.2.3\n"
        if sources:
            meta += "sources:\n  - https://github.com/example/web-chart\n"
        self.write("chart/Chart.yaml", meta)
        self.write("chart/values.yaml", VALUES)

    def init(self, *extra):
        return self.kratix_ok("init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                              "--chart-url", "chart", "--force", *extra)

    def env(self):
        pipeline = load(self.path("promise.yaml"))["spec"]["workflows"]["resource"]["configure"][0]
        return {e["name"]: e["value"] for e in pipeline["spec"]["containers"][0]["env"]}

    def test_a_local_chart_without_a_pipeline_url_is_warned_about(self):
        self.chart()
        r = self.init()
        warnings = [line for line in r.err.splitlines() if line.startswith("Warning: ")]
        self.assertEqual(len(warnings), 1, r.err)
        self.assertIn("the chart is local (chart), so the pipeline's CHART_URL is that path", warnings[0])
        self.assertIn("Pass --chart-url-for-pipeline", warnings[0])
        self.assertIn("Chart.yaml names its sources: https://github.com/example/web-chart", warnings[0])
        self.assertEqual(self.env(), {"CHART_URL": "chart"})
        self.chart(sources=False)
        self.assertNotIn("sources", self.init().err)

    def test_a_local_tgz_is_local_too(self):
        self.chart()
        import tarfile
        with tarfile.open(self.path("web-1.2.3.tgz"), "w:gz") as tar:
            tar.add(self.path("chart"), arcname="web")
        r = self.kratix_ok("init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                           "--chart-url", "web-1.2.3.tgz")
        self.assertIn("the chart is local (web-1.2.3.tgz)", r.err)

    def test_a_repository_for_the_pipeline_gets_the_charts_name_and_the_version_the_api_was_made_from(self):
        self.chart()
        r = self.init("--chart-url-for-pipeline", "https://charts.example.com")
        self.assertNotIn("Warning:", r.err)
        self.assertEqual(self.env(), {"CHART_URL": "https://charts.example.com", "CHART_NAME": "web",
                                      "CHART_VERSION": "1.2.3"})
        self.assertIn("--chart-url chart --chart-url-for-pipeline https://charts.example.com", self.read("README.md"))
        self.assertIn("Each request installs the chart (https://charts.example.com, chart web, version 1.2.3)",
                      self.read("README.md"))
        self.kratix_ok("validate")

    def test_oci_and_tgz_urls_need_no_chart_name_and_flags_win(self):
        self.chart()
        self.init("--chart-url-for-pipeline", "oci://registry.example.com/charts/web")
        self.assertEqual(self.env(), {"CHART_URL": "oci://registry.example.com/charts/web", "CHART_VERSION": "1.2.3"})
        self.init("--chart-url-for-pipeline", "https://example.com/web-1.2.3.tgz")
        self.assertEqual(self.env(), {"CHART_URL": "https://example.com/web-1.2.3.tgz"})
        self.init("--chart-url-for-pipeline", "https://charts.example.com", "--chart-name", "web",
                  "--chart-version", "^1.2")
        self.assertEqual(self.env(), {"CHART_URL": "https://charts.example.com", "CHART_NAME": "web",
                                      "CHART_VERSION": "^1.2"})

    def test_a_local_path_for_the_pipeline_is_refused_before_the_chart_is_read(self):
        r = self.kratix_fails(2, "init", "helm-promise", "web", "--group", "myorg.com", "--kind", "Web",
                              "--chart-url", "no-such-chart", "--chart-url-for-pipeline", "./charts/web")
        self.assertIn("--chart-url-for-pipeline ./charts/web: give the chart as the pipeline's container can fetch it",
                      r.err)
