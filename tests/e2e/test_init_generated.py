"""What every generated Promise (init helm-promise, operator-promise,
crossplane-promise) gets right beyond its schema: warnings for what would make
Kratix or the API server refuse it. Inputs are written here; nothing from
../shared."""
import unittest

from harness import KratixTestCase

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
