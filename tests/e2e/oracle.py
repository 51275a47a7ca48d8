"""The test oracles of tests/oracle/ (built by `.ci/setup test`): kratix-oracle,
Kubernetes' and Kratix's own verdict on a Promise, and the real API server
(tests/servers/apiserver.py). Suites that need them call need_oracle() or
need_apiserver() in setUpClass: a skip when they are absent, a failure under CI=true."""
import json
import os
import subprocess
import unittest

from harness import shared_path  # noqa: I001 (puts tests/servers on the path)
import apiserver

ORACLE = os.path.join(apiserver.ORACLE_BIN, "kratix-oracle")
PROMISE_CRD = shared_path("kratix-api", "platform.kratix.io_promises.yaml")


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        raise AssertionError(f"under CI=true this suite must run: {reason}")
    raise unittest.SkipTest(reason)


def need_oracle():
    if not os.access(ORACLE, os.X_OK):
        _unavailable(f"{ORACLE} is not built (run .ci/setup test or tests/oracle/build)")
    if not PROMISE_CRD:
        _unavailable("../shared is absent (the real Promise CRD)")


def need_apiserver():
    need_oracle()
    reason = apiserver.missing()
    if reason:
        _unavailable(reason)


def judge(cases):
    """Verdicts for [(promise_yaml, [request_yaml, ...]), ...], in one run of kratix-oracle."""
    payload = json.dumps([{"promise": p, "requests": list(r)} for p, r in cases])
    proc = subprocess.run([ORACLE, "--promise-crd", PROMISE_CRD, "--batch"], input=payload, capture_output=True,
                          text=True, timeout=600, check=True)
    return json.loads(proc.stdout)


def judge_crd(path, requests=()):
    """The verdict on a CRD file alone (strict decoding, as `kubectl create`)."""
    proc = subprocess.run([ORACLE, "--crd", path, *requests], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)
