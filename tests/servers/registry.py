"""Starts Debian's docker-registry (the CNCF distribution registry) on
127.0.0.1 for a test, with its storage in a temporary directory."""
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Registry:
    """Use as a context manager; .host is "127.0.0.1:PORT"."""

    def __init__(self, htpasswd=None, tls=None):
        """tls: {"cert": PEM, "key": PEM} (charts.make_pki) to serve HTTPS."""
        self.binary = shutil.which("docker-registry")
        self.htpasswd = htpasswd
        self.tls = tls
        self.proc = None

    @classmethod
    def available(cls):
        return shutil.which("docker-registry") is not None

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="kratix-registry-")
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        auth = ""
        if self.htpasswd:
            auth = f"auth:\n  htpasswd:\n    realm: kratix-test\n    path: {self.htpasswd}\n"
        tls = f"  tls:\n    certificate: {self.tls['cert']}\n    key: {self.tls['key']}\n" if self.tls else ""
        config = os.path.join(self.dir, "config.yml")
        with open(config, "w") as fh:
            fh.write("version: 0.1\nlog:\n  level: error\n"
                     f"storage:\n  filesystem:\n    rootdirectory: {self.dir}/data\n"
                     f"{auth}http:\n  addr: {self.host}\n{tls}")
        self.log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen([self.binary, "serve", config], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                if self.tls:
                    ctx = ssl.create_default_context(cafile=self.tls["ca"])
                    urllib.request.urlopen(f"https://{self.host}/v2/", timeout=1, context=ctx)
                else:
                    urllib.request.urlopen(f"http://{self.host}/v2/", timeout=1)
                return self
            except urllib.error.HTTPError:
                return self  # 401 with auth: it is up
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError(f"docker-registry did not start on {self.host}")

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
