"""A real Kubernetes API server for the tests: the apiextensions-apiserver (the
part of kube-apiserver that serves CustomResourceDefinitions and custom
resources) with an embedded etcd, built from Go modules by `.ci/setup test`
into tests/oracle/bin/ (tests/oracle/build). It listens on 127.0.0.1 on a port
the OS picks; start() returns once the server has printed its readiness line.

    with ApiServer(tokens={"alice": "alice-token"}) as api:
        api.install_crd(crd_text)                      # create, wait until Established
        api.kubectl("create", "-f", path, "--dry-run=server")
        api.kubeconfig                                 # admin (client certificate)
        api.kubeconfig_for("bob", groups=["devs"])     # another client-certificate user
        api.kubeconfig_for("alice", token="alice-token")
        api.kubeconfig_for("carol", exec_token="t")    # an exec credential plugin printing a token

Every authenticated user may do everything; requests without credentials get
401. Only custom resources (and CRDs) exist on this server: there is no core
API, so no namespaces to create (objects go into any namespace)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ORACLE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle")
ORACLE_BIN = os.environ.get("KRATIX_ORACLE_BIN") or os.path.join(ORACLE_DIR, "bin")
KUBECTL = os.environ.get("KRATIX_KUBECTL") or shutil.which("kubectl") or os.path.expanduser(
    "~/.cache/kratix-dev/bin/kubectl")


def server_binary():
    """The built server, or None when `.ci/setup test` has not built it."""
    path = os.path.join(ORACLE_BIN, "oracle-apiserver")
    return path if os.access(path, os.X_OK) else None


def kubectl_binary():
    return KUBECTL if os.access(KUBECTL, os.X_OK) else None


def missing():
    """Why the real API server cannot run here (None when it can)."""
    if not server_binary():
        return f"{ORACLE_BIN}/oracle-apiserver is not built (run .ci/setup test or tests/oracle/build)"
    if not kubectl_binary():
        return "kubectl is absent (../shared/tools/install-helm installs it)"
    if not shutil.which("openssl"):
        return "openssl is absent"
    return None


def _openssl(directory, *args):
    subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)


class ApiServer:
    def __init__(self, tokens=None):
        """tokens: {user: token} accepted as bearer tokens."""
        self.tokens = dict(tokens or {})
        self.dir = None
        self.proc = None
        self._log = None
        self.url = None
        self.kubeconfig = None

    # -- lifecycle -------------------------------------------------------
    def start(self):
        self.dir = tempfile.mkdtemp(prefix="kratix-apiserver-")
        _openssl(self.dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-client-ca",
                 "-keyout", "client-ca.key", "-out", "client-ca.crt")
        self.client_ca = os.path.join(self.dir, "client-ca.crt")
        token_file = os.path.join(self.dir, "tokens.csv")
        with open(token_file, "w") as fh:
            for i, (user, token) in enumerate(sorted(self.tokens.items())):
                fh.write(f'{token},{user},uid-{i},"system:authenticated"\n')
        self._log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(
            [server_binary(), "--data-dir", os.path.join(self.dir, "data"), "--client-ca-file", self.client_ca,
             "--token-auth-file", token_file],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True)
        line = self.proc.stdout.readline()  # the readiness line, or EOF if it died
        if not line.startswith("ready "):
            self.stop()
            raise RuntimeError(f"oracle-apiserver did not start: {line!r}\n{self.log()}")
        self.url = line.split()[1]
        self.server_ca = os.path.join(self.dir, "data", "certs", "apiserver.crt")
        self.kubeconfig = self.kubeconfig_for("admin", groups=["system:masters"])
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()  # the server stops when its stdin closes
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def log(self):
        try:
            with open(os.path.join(self.dir, "server.log")) as fh:
                return fh.read()[-4000:]
        except (OSError, TypeError):
            return ""

    # -- users -----------------------------------------------------------
    def client_cert(self, user, groups=()):
        """A client certificate for user (CN) in groups (O), signed by the server's client CA: (cert, key)."""
        name = f"user-{user}"
        subject = "/CN=" + user + "".join("/O=" + g for g in groups)
        _openssl(self.dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key",
                 "-out", name + ".csr")
        _openssl(self.dir, "x509", "-req", "-in", name + ".csr", "-CA", "client-ca.crt", "-CAkey", "client-ca.key",
                 "-CAcreateserial", "-days", "2", "-out", name + ".crt")
        return os.path.join(self.dir, name + ".crt"), os.path.join(self.dir, name + ".key")

    def kubeconfig_for(self, user, groups=(), token=None, exec_token=None, namespace=None):
        """A kubeconfig file for user: a client certificate (default), a bearer token, or an exec plugin
        (a small script printing an ExecCredential with exec_token). Returns its path."""
        if token is not None:
            creds = {"token": token}
        elif exec_token is not None:
            script = os.path.join(self.dir, f"exec-{user}.py")
            credential = {"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                          "status": {"token": exec_token}}
            with open(script, "w") as fh:
                fh.write(f"import sys\nsys.stdout.write({json.dumps(json.dumps(credential))})\n")
            creds = {"exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": sys.executable,
                              "args": [script], "interactiveMode": "Never"}}
        else:
            cert, key = self.client_cert(user, groups)
            creds = {"client-certificate": cert, "client-key": key}
        context = {"cluster": "oracle", "user": user}
        if namespace:
            context["namespace"] = namespace
        config = {"apiVersion": "v1", "kind": "Config", "current-context": "oracle",
                  "clusters": [{"name": "oracle", "cluster": {"server": self.url, "certificate-authority": self.server_ca}}],
                  "contexts": [{"name": "oracle", "context": context}],
                  "users": [{"name": user, "user": creds}]}
        path = os.path.join(self.dir, f"kubeconfig-{user}")
        with open(path, "w") as fh:
            json.dump(config, fh)  # JSON is YAML
        return path

    # -- kubectl ---------------------------------------------------------
    def kubectl(self, *args, input=None, kubeconfig=None, check=True):
        """Runs the real kubectl against this server; returns the CompletedProcess (text)."""
        proc = subprocess.run([kubectl_binary(), "--kubeconfig", kubeconfig or self.kubeconfig, *args], input=input,
                              capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise RuntimeError(f"kubectl {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
        return proc

    def create(self, text, dry_run=False, check=False):
        """`kubectl create -f -` of YAML/JSON text (server-side dry run when dry_run); returns the CompletedProcess."""
        args = ["create", "-f", "-", "-o", "name"] + (["--dry-run=server"] if dry_run else [])
        return self.kubectl(*args, input=text, check=check)

    def install_crd(self, text):
        """Creates the CRD(s) in text and waits until the server serves them (condition Established)."""
        created = self.create(text, check=True).stdout.split()
        self.kubectl("wait", "--for", "condition=Established", "--timeout=120s", *created)
        return created

    def delete_crds(self):
        self.kubectl("delete", "customresourcedefinitions", "--all", "--wait=true")
