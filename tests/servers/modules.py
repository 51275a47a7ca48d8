"""Real servers for Terraform module and Pulumi schema tests, all on 127.0.0.1:
a git server (Debian's `git http-backend` behind Python's http.server, smart
HTTP protocol), a Terraform module registry speaking the registry protocol
(service discovery, versions, download with X-Terraform-Get) and serving
module archives, and a file server that wants a bearer token. HTTPS with the
openssl-made CA of charts.make_pki. Also makers of git repositories and of
module archives (.tgz, .zip), hostile ones included."""
import io
import json
import os
import subprocess
import tarfile
import urllib.parse
import zipfile

from charts import _Base, _QuietHandler


# ---------------------------------------------------------------- git

def git(*args, cwd=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="kratix", GIT_AUTHOR_EMAIL="kratix@example.com",
               GIT_COMMITTER_NAME="kratix", GIT_COMMITTER_EMAIL="kratix@example.com", GIT_CONFIG_GLOBAL="/dev/null",
               GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def write_files(root, files):
    """files: path -> text, or path -> ("link", target) for a symbolic link."""
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(text, tuple):
            os.symlink(text[1], path)
            continue
        with open(path, "w") as fh:
            fh.write(text)


def make_repo(root, name, commits):
    """A bare repository root/NAME.git whose history is `commits`: a list of
    (files, tag or None); each commit adds or replaces those files. Returns its path."""
    work = os.path.join(root, name + ".work")
    os.makedirs(work)
    git("init", "-q", "-b", "main", work)
    for files, tag in commits:
        write_files(work, files)
        git("add", "-A", cwd=work)
        git("commit", "-q", "-m", "change", cwd=work)
        if tag:
            git("tag", tag, cwd=work)
    bare = os.path.join(root, name + ".git")
    git("clone", "-q", "--bare", work, bare)
    return bare


class _GitHandler(_QuietHandler):
    """CGI in front of git http-backend."""

    def _cgi(self):
        owner = self.server.owner
        owner.record(self)
        url = urllib.parse.urlparse(self.path)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                chunk = self.rfile.read(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        env = {"GIT_PROJECT_ROOT": owner.root, "GIT_HTTP_EXPORT_ALL": "1", "PATH_INFO": url.path,
               "QUERY_STRING": url.query, "REQUEST_METHOD": self.command, "REMOTE_ADDR": "127.0.0.1",
               "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
               "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        proc = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True)
        head, _, payload = proc.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = proc.stdout.partition(b"\n\n")
        status, headers = 200, {}
        for line in head.decode("latin-1").splitlines():
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers[key.strip()] = value.strip()
        self.send_body(status, payload, headers)

    do_GET = do_POST = _cgi


class GitServer(_Base):
    """Serves the bare repositories under `root` at http://127.0.0.1:PORT/NAME.git."""
    handler = _GitHandler

    def __init__(self, root):
        super().__init__()
        self.root = os.path.abspath(root)


# ---------------------------------------------------------------- archives

def module_tgz(files, top=None, extra=()):
    """A gzip tar of `files` (path -> text), under the directory `top` when
    given; `extra` are tarfile.TarInfo entries (links, devices) to add."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for rel, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo((top + "/" if top else "") + rel)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra:
            tar.addfile(info)
    return buf.getvalue()


def module_zip(files, top=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for rel, text in files.items():
            z.writestr((top + "/" if top else "") + rel, text)
    return buf.getvalue()


# ---------------------------------------------------------------- registry

class _RegistryHandler(_QuietHandler):
    def do_GET(self):
        owner = self.server.owner
        owner.record(self)
        path = urllib.parse.urlparse(self.path).path
        if owner.token and self.headers.get("Authorization") != "Bearer " + owner.token:
            return self.send_body(401, b'{"errors":["unauthorized"]}', {"Content-Type": "application/json"})
        if path == "/.well-known/terraform.json":
            return self.send_json({"modules.v1": "/v1/modules/"})
        if path.startswith("/archives/"):
            data = owner.archives.get(path[len("/archives/"):])
            if data is None:
                return self.send_body(404, b"not found\n")
            return self.send_body(200, data, {"Content-Type": "application/octet-stream"})
        parts = path[len("/v1/modules/"):].strip("/").split("/") if path.startswith("/v1/modules/") else []
        if len(parts) == 4 and parts[3] == "versions":
            versions = owner.modules.get(tuple(parts[:3]))
            if versions is None:
                return self.send_body(404, b'{"errors":["Not Found"]}', {"Content-Type": "application/json"})
            return self.send_json({"modules": [{"source": "/".join(parts[:3]),
                                                "versions": [{"version": v} for v in versions]}]})
        if len(parts) == 5 and parts[4] == "download":
            location = owner.modules.get(tuple(parts[:3]), {}).get(parts[3])
            if location is None:
                return self.send_body(404, b'{"errors":["Not Found"]}', {"Content-Type": "application/json"})
            return self.send_body(204, b"", {"X-Terraform-Get": location})
        self.send_body(404, b'{"errors":["Not Found"]}', {"Content-Type": "application/json"})

    def send_json(self, value):
        self.send_body(200, json.dumps(value).encode(), {"Content-Type": "application/json"})


class Registry(_Base):
    """A Terraform module registry (HTTPS: pass tls from charts.make_pki).
    modules[(namespace, name, provider)] = {version: X-Terraform-Get value};
    archives[name] is served at /archives/NAME; token demands a bearer token."""
    handler = _RegistryHandler

    def __init__(self, tls, token=None):
        super().__init__(tls)
        self.modules = {}
        self.archives = {}
        self.token = token

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"


# ---------------------------------------------------------------- bearer files

class _BearerHandler(_QuietHandler):
    def do_GET(self):
        owner = self.server.owner
        owner.record(self)
        if owner.token and self.headers.get("Authorization") != "Bearer " + owner.token:
            return self.send_body(401, b"who are you?\n", {"WWW-Authenticate": "Bearer"})
        data = owner.files.get(urllib.parse.urlparse(self.path).path)
        if data is None:
            return self.send_body(404, b"not found\n")
        self.send_body(200, data, {"Content-Type": "application/json"})


class BearerFiles(_Base):
    """Serves files[path] (bytes) to requests with `Authorization: Bearer TOKEN`."""
    handler = _BearerHandler

    def __init__(self, tls=None, token=None):
        super().__init__(tls)
        self.files = {}
        self.token = token
