"""Starts Debian's docker-registry (the CNCF distribution registry) on
127.0.0.1 for a test, with its storage in a temporary directory."""
import os
import re
import shutil
import subprocess
import tempfile
import threading

# Its own line once it accepts connections, with the port the OS chose.
_LISTENING = re.compile(r'msg="listening on 127\.0\.0\.1:(\d+)')


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
        auth = ""
        if self.htpasswd:
            auth = f"auth:\n  htpasswd:\n    realm: kratix-test\n    path: {self.htpasswd}\n"
        tls = f"  tls:\n    certificate: {self.tls['cert']}\n    key: {self.tls['key']}\n" if self.tls else ""
        config = os.path.join(self.dir, "config.yml")
        # Port 0: the OS picks a free one, and the registry logs which (at level info).
        with open(config, "w") as fh:
            fh.write("version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\n"
                     f"storage:\n  filesystem:\n    rootdirectory: {self.dir}/data\n"
                     f"{auth}http:\n  addr: 127.0.0.1:0\n{tls}")
        self.log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen([self.binary, "serve", config], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.port = None
        ready = threading.Event()

        def read_log():  # until the registry exits, so its pipe never fills
            for line in self.proc.stdout:
                self.log.write(line)
                match = _LISTENING.search(line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    ready.set()
            ready.set()  # it exited
        self.reader = threading.Thread(target=read_log, daemon=True)
        self.reader.start()
        # Waits for the line (or the exit); the limit only keeps a hung registry from hanging the suite.
        ready.wait(300)
        if self.port is None:
            self.log.flush()
            with open(self.log.name) as fh:
                said = fh.read()
            self.__exit__(None, None, None)
            raise RuntimeError(f"docker-registry did not start:\n{said}")
        self.host = f"127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.reader.join()
            self.proc.stdout.close()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
