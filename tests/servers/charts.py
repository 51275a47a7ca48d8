"""Real servers for chart-fetching tests, all on 127.0.0.1: a chart repository
(Python's http.server, HTTP or HTTPS with an openssl-made CA, optional basic
auth and injected faults), a forwarding HTTP proxy, and an auth front for
docker-registry (bearer-token challenge or basic auth). Also makers of chart
archives, repository indexes and OCI pushes through the registry API."""
import base64
import hashlib
import http.client
import http.server
import io
import json
import os
import select
import socket
import ssl
import subprocess
import tarfile
import threading
import urllib.parse
import urllib.request

import yaml


# ---------------------------------------------------------------- certificates

def make_pki(directory):
    """A CA, a server certificate for 127.0.0.1/localhost and a client
    certificate, made with the openssl command. Returns a dict of paths."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kratix test CA",
        "-keyout", "ca.key", "-out", "ca.pem")
    with open(os.path.join(directory, "san.ext"), "w") as fh:
        fh.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, subject in (("server", "/CN=127.0.0.1"), ("client", "/CN=kratix-client")):
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", f"{name}.key", "-out", f"{name}.csr")
        extra = ["-extfile", "san.ext"] if name == "server" else []
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-out", f"{name}.pem", *extra)
    return {k: os.path.join(directory, v) for k, v in
            {"ca": "ca.pem", "cert": "server.pem", "key": "server.key",
             "client_cert": "client.pem", "client_key": "client.key"}.items()}


# ---------------------------------------------------------------- servers

class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Base:
    """Runs a handler class in a thread; use as a context manager."""
    handler = None

    def __init__(self, tls=None, client_ca=None):
        self.tls = tls
        self.client_ca = client_ca
        self.requests = []  # (method, path, Authorization header, all headers)
        self.lock = threading.Lock()
        self.closing = threading.Event()  # set on exit: stalled handlers hang up then

    def __enter__(self):
        self.httpd = _Server(("127.0.0.1", 0), self.handler)
        self.httpd.owner = self
        if self.tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.tls["cert"], self.tls["key"])
            if self.client_ca:
                ctx.verify_mode = ssl.CERT_REQUIRED
                ctx.load_verify_locations(self.client_ca)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        # The poll interval is only how soon shutdown() is noticed.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self):
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def record(self, handler):
        with self.lock:
            self.requests.append((handler.command, handler.path, handler.headers.get("Authorization"),
                                  dict(handler.headers)))

    def paths(self):
        with self.lock:
            return [r[1] for r in self.requests]


class _QuietHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm the
    # body would wait for the client's delayed ACK (40 ms) on every response.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send_body(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _RepoHandler(_QuietHandler):
    def do_GET(self):
        owner = self.server.owner
        owner.record(self)
        path = urllib.parse.urlparse(self.path).path
        with owner.lock:
            queue = owner.faults.get(path)
            fault = queue.pop(0) if queue else None
        if fault == "503":
            return self.send_body(503, b"busy\n")
        if isinstance(fault, tuple) and fault[0] == "redirect":
            return self.send_body(302, b"", {"Location": fault[1]})
        if owner.basic and self.headers.get("Authorization") != "Basic " + owner.basic:
            return self.send_body(401, b"who are you?\n", {"WWW-Authenticate": 'Basic realm="charts"'})
        file = os.path.normpath(os.path.join(owner.root, path.lstrip("/")))
        if not file.startswith(owner.root) or not os.path.isfile(file):
            return self.send_body(404, b"not found\n")
        with open(file, "rb") as fh:
            body = fh.read()
        if fault == "stall":  # say nothing until the server closes, then hang up
            owner.closing.wait()
            self.close_connection = True
            return
        if fault == "truncate":  # promise more than is sent, then hang up
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_body(200, body, {"Content-Type": "application/octet-stream"})


class ChartRepo(_Base):
    """Serves the files of `root`. basic=(user, password) demands basic auth.
    faults[path] is a list of what the next requests of path get instead:
    "503", "truncate", "stall" or ("redirect", url)."""
    handler = _RepoHandler

    def __init__(self, root, tls=None, basic=None, client_ca=None):
        super().__init__(tls, client_ca)
        self.root = os.path.abspath(root)
        self.basic = base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode() if basic else None
        self.faults = {}


class _ProxyHandler(_QuietHandler):
    def do_GET(self):
        self.server.owner.record(self)
        url = urllib.parse.urlparse(self.path)
        if not url.scheme:
            return self.send_body(400, b"absolute URI expected\n")
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "host")}
        try:
            conn.request("GET", url.path + ("?" + url.query if url.query else ""), headers=headers)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        self.send_body(resp.status, body, {"Content-Type": resp.getheader("Content-Type", "application/octet-stream")})

    def do_CONNECT(self):
        """A tunnel for https:// URLs: bytes both ways until either side closes."""
        self.server.owner.record(self)
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=60)
        except OSError:
            return self.send_body(502, b"cannot connect\n")
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                # No idle limit: the tunnel lasts until either side closes it.
                readable, _, _ = select.select(sockets, [], [])
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    (upstream if s is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


class Proxy(_Base):
    """A forwarding proxy: GET for http:// URLs, CONNECT tunnels for https://;
    .requests records what went through it."""
    handler = _ProxyHandler


class _AuthFrontHandler(_QuietHandler):
    def _forward(self):
        owner = self.server.owner
        owner.record(self)
        path = urllib.parse.urlparse(self.path).path
        auth = self.headers.get("Authorization", "")
        if path == "/token":
            if owner.token_credentials and auth != "Basic " + owner.token_credentials:
                return self.send_body(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}', {"Content-Type": "application/json"})
            return self.send_body(200, json.dumps({"token": owner.token}).encode(), {"Content-Type": "application/json"})
        if owner.mode == "basic":
            ok = auth == "Basic " + owner.basic
            challenge = 'Basic realm="registry"'
        else:
            ok = auth == "Bearer " + owner.token
            repo = path[len("/v2/"):].rsplit("/", 2)[0] if path.startswith("/v2/") and path.count("/") > 3 else ""
            challenge = (f'Bearer realm="http://{owner.realm_host}:{owner.port}/token",service="kratix-test"' +
                         (f',scope="repository:{repo}:pull"' if repo else ""))
        if not ok:
            return self.send_body(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}',
                                  {"WWW-Authenticate": challenge, "Content-Type": "application/json"})
        if owner.redirect_blobs and "/blobs/" in path:
            return self.send_body(307, b"", {"Location": owner.redirect_blobs + path})
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else None
        conn = http.client.HTTPConnection("127.0.0.1", owner.registry_port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("authorization", "host")}
        try:
            conn.request(self.command, self.path, body=data, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        keep = {k: v for k, v in resp.getheaders() if k.lower() not in ("content-length", "connection", "transfer-encoding")}
        if owner.tags_link and path.endswith("/tags/list"):
            keep["Link"] = owner.tags_link
        self.send_body(resp.status, body, keep)

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = _forward


class AuthFront(_Base):
    """In front of a docker-registry on registry_port. mode "bearer": the
    registry's token challenge (anonymous tokens unless token_credentials are
    given); mode "basic": basic auth with `basic`=(user, password).
    realm_host: the host name the challenge's token realm uses ("localhost"
    makes the token service another host than 127.0.0.1). tags_link: a Link
    header added to tags/list answers. redirect_blobs: a base URL that blob
    requests are redirected to (307), path kept."""
    handler = _AuthFrontHandler

    def __init__(self, registry_port, mode="bearer", basic=None, token_credentials=None, realm_host="127.0.0.1",
                 tags_link=None, redirect_blobs=None):
        super().__init__()
        self.registry_port = registry_port
        self.mode = mode
        self.realm_host = realm_host
        self.tags_link = tags_link
        self.redirect_blobs = redirect_blobs
        self.token = "kratix-test-token-" + os.urandom(6).hex()
        enc = lambda c: base64.b64encode(f"{c[0]}:{c[1]}".encode()).decode() if c else None
        self.basic = enc(basic)
        self.token_credentials = enc(token_credentials)

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"


# ---------------------------------------------------------------- charts

def tgz(entries):
    """A .tgz from [(name, bytes_or_TarInfo-modifier)]. Each entry is
    (name, data) for a file or (TarInfo, None) for anything else."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in entries:
            if isinstance(name, tarfile.TarInfo):
                tar.addfile(name)
            else:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def chart_tgz(name, version, values="", schema=None, extra=()):
    chart = f"apiVersion: v2\nname: {name}\nversion: {version}\ndescription: a test chart\n"
    entries = [(f"{name}/Chart.yaml", chart.encode()), (f"{name}/values.yaml", values.encode())]
    if schema is not None:
        entries.append((f"{name}/values.schema.json", json.dumps(schema).encode()))
    entries.append((f"{name}/templates/configmap.yaml", b"apiVersion: v1\nkind: ConfigMap\n"))
    entries.extend(extra)
    return tgz(entries)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def write_repo(root, charts, base_url=None):
    """Writes each (name, version, tgz bytes) under root and an index.yaml
    listing them (relative URLs unless base_url is given)."""
    entries = {}
    for name, version, data in charts:
        file = f"{name}-{version}.tgz"
        with open(os.path.join(root, file), "wb") as fh:
            fh.write(data)
        entries.setdefault(name, []).append({
            "apiVersion": "v2", "name": name, "version": version, "digest": sha256(data),
            "created": "2026-11-25T00:00:00Z",
            "urls": [f"{base_url}/{file}" if base_url else file]})
    with open(os.path.join(root, "index.yaml"), "w") as fh:
        yaml.safe_dump({"apiVersion": "v1", "entries": entries, "generated": "2026-11-25T00:00:00Z"}, fh)


DATADOG_VERSION = "3.240.0"
DATADOG_REAL_URL = f"https://github.com/DataDog/helm-charts/releases/download/datadog-{DATADOG_VERSION}/datadog-{DATADOG_VERSION}.tgz"


def datadog_repository(root, chart_dir, real_index):
    """A copy of the real Datadog chart repository under root: the real index
    byte for byte, except that datadog 3.240.0 points at a .tgz made here from
    the corpus chart (relative URL) with that tarball's digest. Returns the
    tarball's bytes."""
    entries = []
    for name in sorted(os.listdir(chart_dir)):
        with open(os.path.join(chart_dir, name), "rb") as fh:
            entries.append((f"datadog/{name}", fh.read()))
    data = tgz(entries)
    with open(os.path.join(root, f"datadog-{DATADOG_VERSION}.tgz"), "wb") as fh:
        fh.write(data)
    with open(real_index) as fh:
        lines = fh.read().split("\n")
    url_line = next(i for i, line in enumerate(lines) if line.strip() == "- " + DATADOG_REAL_URL)
    lines[url_line] = lines[url_line].replace(DATADOG_REAL_URL, f"datadog-{DATADOG_VERSION}.tgz")
    # The digest line belongs to the same entry: the nearest one above the URL.
    digest_line = max(i for i in range(url_line) if lines[i].strip().startswith("digest: "))
    lines[digest_line] = lines[digest_line].split("digest: ")[0] + "digest: " + sha256(data)
    with open(os.path.join(root, "index.yaml"), "w") as fh:
        fh.write("\n".join(lines))
    return data


# ---------------------------------------------------------------- OCI pushes

def _request(method, url, data=None, headers=None, ca=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    context = ssl.create_default_context(cafile=ca) if ca else None
    with urllib.request.urlopen(req, timeout=60, context=context) as resp:
        return resp.status, dict(resp.headers), resp.read()


def push_blob(host, repo, data, ca=None):
    """ca: the registry serves HTTPS with a certificate from this CA."""
    base = f"{'https' if ca else 'http'}://{host}"
    digest = "sha256:" + sha256(data)
    _, headers, _ = _request("POST", f"{base}/v2/{repo}/blobs/uploads/", ca=ca)
    location = headers["Location"]
    if location.startswith("/"):
        location = base + location
    sep = "&" if "?" in location else "?"
    _request("PUT", f"{location}{sep}digest={urllib.parse.quote(digest)}", data,
             {"Content-Type": "application/octet-stream"}, ca=ca)
    return digest


def push_chart(host, repo, tag, chart_bytes, layer_type="application/vnd.cncf.helm.chart.content.v1.tar+gzip", ca=None):
    """Pushes a chart as helm push does (config + one chart layer) with the
    registry API, straight to the registry at host (over HTTPS trusting ca,
    when given). Returns the digests of the chart layer and of the manifest."""
    config = json.dumps({"name": repo.rsplit("/", 1)[-1], "version": tag.replace("_", "+"), "apiVersion": "v2"}).encode()
    config_digest = push_blob(host, repo, config, ca)
    layer_digest = push_blob(host, repo, chart_bytes, ca)
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.cncf.helm.config.v1+json", "digest": config_digest,
                   "size": len(config)},
        "layers": [{"mediaType": layer_type, "digest": layer_digest, "size": len(chart_bytes)}],
    }
    body = json.dumps(manifest).encode()
    _request("PUT", f"{'https' if ca else 'http'}://{host}/v2/{repo}/manifests/{tag}", body,
             {"Content-Type": "application/vnd.oci.image.manifest.v1+json"}, ca=ca)
    return layer_digest, "sha256:" + sha256(body)


_reserved = []


def closed_port():
    """A port on 127.0.0.1 that refuses connections: bound here (so nothing
    else can listen on it while the tests run) but never listening."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    _reserved.append(s)
    return s.getsockname()[1]
