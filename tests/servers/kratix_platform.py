"""Kratix's side of a platform cluster, on the real API server of apiserver.py:
the Promise CRD (../shared/kratix-api), Promises with the CRD Kratix makes
from each one's spec.api (labelled kratix.io/promise-name, with the status
subresource), requests created many at a time, and statuses written the way
Kratix writes them. There is no Kratix controller: the tests set what it would.

    with ApiServer() as api:
        kp = KratixPlatform(api, promise_crd_path)
        kp.promise("app", "example.com", "App")              # the Promise and its API
        kp.create([kp.request("app", "a", "default")])       # concurrent POSTs
        kp.set_status("app", "default", "a", {"message": "Resource requested"})
"""
import http.client
import json
import ssl
import threading
import urllib.parse


class KratixPlatform:
    def __init__(self, api, promise_crd_path):
        self.api = api
        self.apis = {}  # promise -> (group, version, kind, plural)
        cert, key = api.client_cert("kratix-fixture", groups=["system:masters"])
        self.ssl = ssl.create_default_context(cafile=api.server_ca)
        self.ssl.load_cert_chain(cert, key)
        self.host = urllib.parse.urlsplit(api.url).netloc
        if promise_crd_path:
            with open(promise_crd_path) as fh:
                api.install_crd(fh.read())

    # -- HTTP ------------------------------------------------------------
    def _connection(self):
        return http.client.HTTPSConnection(self.host, context=self.ssl, timeout=120)

    def call(self, method, path, body=None, content_type="application/json", conn=None):
        """One request; returns the parsed answer. Raises on a non-2xx status."""
        own = conn is None
        conn = conn or self._connection()
        try:
            data = None if body is None else json.dumps(body).encode()
            conn.request(method, path, body=data, headers={"Content-Type": content_type, "Accept": "application/json"})
            response = conn.getresponse()
            text = response.read().decode()
            if response.status >= 300:
                raise RuntimeError(f"{method} {path}: {response.status} {text}")
            return json.loads(text) if text else None
        finally:
            if own:
                conn.close()

    # -- Kratix objects --------------------------------------------------
    @staticmethod
    def api_crd(group, kind, plural, version="v1alpha1", promise=None):
        crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
               "metadata": {"name": f"{plural}.{group}"},
               "spec": {"group": group, "scope": "Namespaced",
                        "names": {"kind": kind, "plural": plural, "singular": kind.lower()},
                        "versions": [{"name": version, "served": True, "storage": True,
                                      "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                                          "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}}}]}}
        if promise:
            crd["metadata"]["labels"] = {"kratix.io/promise-name": promise}
        return crd

    def promise(self, name, group=None, kind=None, plural=None, version="v1alpha1", promise_version="v0.1.0",
                install_api=True):
        """Creates the Promise (no spec.api when kind is None) and, as Kratix does when it reconciles it, its
        API's CRD with the kratix.io/promise-name label, the status subresource and Kratix's printer columns."""
        promise = {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Promise",
                   "metadata": {"name": name, "labels": {"kratix.io/promise-version": promise_version}},
                   "spec": {}}
        if kind:
            plural = plural or kind.lower() + "s"
            promise["spec"]["api"] = self.api_crd(group, kind, plural, version)
            self.apis[name] = (group, version, kind, plural)
            if install_api:
                crd = self.api_crd(group, kind, plural, version, promise=name)
                v = crd["spec"]["versions"][0]
                v["subresources"] = {"status": {}}
                v["schema"]["openAPIV3Schema"]["properties"]["status"] = {
                    "type": "object", "x-kubernetes-preserve-unknown-fields": True}
                v["additionalPrinterColumns"] = [
                    {"name": "message", "type": "string", "jsonPath": ".status.message"},
                    {"name": "status", "type": "string",
                     "jsonPath": '.status.conditions[?(@.type=="Reconciled")].message'}]
                self.api.install_crd(json.dumps(crd))
        self.call("POST", "/apis/platform.kratix.io/v1alpha1/promises", promise)
        return promise

    def request(self, promise, name, namespace="default", parent=None, spec=None):
        """A request of promise's API; parent=(promise, name, namespace) labels it as a compound Promise's
        workflow labels the sub-requests it emits."""
        group, version, kind, _ = self.apis[promise]
        obj = {"apiVersion": f"{group}/{version}", "kind": kind,
               "metadata": {"name": name, "namespace": namespace}, "spec": spec or {}}
        if parent:
            labels = {"kratix.io/parent-promise-name": parent[0], "kratix.io/parent-resource-name": parent[1]}
            if len(parent) > 2:
                labels["kratix.io/parent-resource-namespace"] = parent[2]
            obj["metadata"]["labels"] = labels
        return obj

    def path(self, promise, namespace, name=""):
        group, version, _, plural = self.apis[promise]
        return f"/apis/{group}/{version}/namespaces/{namespace}/{plural}" + (f"/{name}" if name else "")

    def create(self, objects, workers=8):
        """Creates the requests with `workers` connections in parallel (the API server is the bottleneck)."""
        by_promise = {}
        for promise, (group, version, kind, _) in self.apis.items():
            by_promise[(f"{group}/{version}", kind)] = promise
        jobs = [(self.path(by_promise[(o["apiVersion"], o["kind"])], o["metadata"]["namespace"]), o) for o in objects]
        errors = []
        lock = threading.Lock()

        def work(chunk):
            conn = self._connection()
            try:
                for path, obj in chunk:
                    self.call("POST", path, obj, conn=conn)
            except Exception as e:  # noqa: BLE001 (reported below)
                with lock:
                    errors.append(e)
            finally:
                conn.close()

        threads = [threading.Thread(target=work, args=(jobs[i::workers],)) for i in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]

    def set_status(self, promise, namespace, name, status):
        """Writes status (merged) through the status subresource, as Kratix does."""
        self.call("PATCH", self.path(promise, namespace, name) + "/status", {"status": status},
                  content_type="application/merge-patch+json")

    def set_promise_status(self, name, status):
        self.call("PATCH", f"/apis/platform.kratix.io/v1alpha1/promises/{name}/status", {"status": status},
                  content_type="application/merge-patch+json")


def condition(type_, status, reason="", message=""):
    return {"type": type_, "status": status, "reason": reason or type_, "message": message,
            "lastTransitionTime": "2024-01-01T00:00:00Z"}
