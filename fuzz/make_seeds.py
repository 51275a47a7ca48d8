#!/usr/bin/env python3
"""Writes the generated seeds of one fuzz target into OUT: inputs that are
binary or assembled (chart archives, version lists), and the files of the
shared corpus (SHARED, ../shared/corpus) the target reads, copied, never
kept in the project.
    make_seeds.py TARGET OUT [SHARED]"""
import glob
import io
import os
import re
import sys
import tarfile
import gzip

EDIT = b"# edit-bytes-000"  # 16 bytes: the edit of fuzz_yaml_document


def write(out, name, data):
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(data)


def tar_of(entries, compress=True, fmt=tarfile.USTAR_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz" if compress else "w", format=fmt) as tar:
        for name, data, kind, link in entries:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = link
            info.mtime = 0
            if kind == tarfile.REGTYPE:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return buf.getvalue()


def f(name, data=b""):
    return (name, data, tarfile.REGTYPE, "")


def crafted_archives(out):
    chart = [f("web/Chart.yaml", b"apiVersion: v2\nname: web\nversion: 1.0.0\n"), f("web/values.yaml", b"a: 1\n"),
             f("web/values.schema.json", b'{"properties": {"a": {"type": "integer"}}}'),
             f("web/templates/cm.yaml", b"kind: ConfigMap\n")]
    write(out, "honest.tgz", tar_of(chart))
    write(out, "plain.tar", tar_of(chart, compress=False))
    write(out, "pax.tgz", tar_of(chart, fmt=tarfile.PAX_FORMAT))
    write(out, "gnu.tgz", tar_of(chart, fmt=tarfile.GNU_FORMAT))
    write(out, "dir-and-links.tgz", tar_of(chart + [("web/templates", b"", tarfile.DIRTYPE, ""),
                                                    ("web/l", b"", tarfile.SYMTYPE, "values.yaml"),
                                                    ("web/h", b"", tarfile.LNKTYPE, "web/values.yaml")]))
    write(out, "symlink-out.tgz", tar_of(chart + [("web/l", b"", tarfile.SYMTYPE, "../../etc/passwd")]))
    write(out, "device.tgz", tar_of(chart + [("web/dev", b"", tarfile.CHRTYPE, "")]))
    write(out, "dotdot.tgz", tar_of(chart + [f("web/../x", b"x")]))
    write(out, "two-roots.tgz", tar_of(chart + [f("other/Chart.yaml", b"x")]))
    write(out, "no-chart.tgz", tar_of([f("web/values.yaml", b"a: 1\n")]))
    write(out, "gzip-of-gzip.tgz", gzip.compress(tar_of(chart), mtime=0))
    write(out, "truncated.tgz", tar_of(chart)[:120])
    write(out, "bzip2.tbz", b"BZh91AY&SY" + bytes(64))
    write(out, "lrzip.tgz", b"LRZI\x00\x06" + bytes(64))
    write(out, "zero-bomb.tgz", tar_of([f("web/Chart.yaml", b"name: web\n"), f("web/zeros", bytes(200000))]))


def shared_archives(out, shared):
    for i, chart in enumerate(sorted(glob.glob(os.path.join(shared, "real-world", "charts", "**", "Chart.yaml"),
                                               recursive=True))[:40]):
        d = os.path.dirname(chart)
        name = os.path.basename(d)
        entries = []
        for part in ("Chart.yaml", "values.yaml", "values.schema.json"):
            p = os.path.join(d, part)
            if os.path.isfile(p):
                with open(p, "rb") as fh:
                    entries.append(f(f"{name}/{part}", fh.read()[:20000]))
        write(out, f"shared-{i:03}.tgz", tar_of(entries))


def versions_of(shared):
    index = os.path.join(shared, "helm-repos", "datadog-index.yaml")
    with open(index, encoding="utf-8") as fh:
        found = re.findall(r"^\s*version: *['\"]?([^'\"\s]+)", fh.read(), re.M)
    return list(dict.fromkeys(found))


def copy_shared(out, shared, patterns, limit=200, tail=b""):
    files = []
    for pattern in patterns:
        files += glob.glob(os.path.join(shared, pattern), recursive=True)
    for i, path in enumerate(sorted(set(files))[:limit]):
        with open(path, "rb") as fh:
            data = fh.read()
        write(out, f"shared-{i:03}-{os.path.basename(path)}", data + tail)


def main():
    target, out = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else None
    os.makedirs(out, exist_ok=True)
    if target == "fuzz_chart_archive":
        crafted_archives(out)
        if shared:
            shared_archives(out, shared)
    if not shared:
        return
    if target == "fuzz_yaml_document":
        copy_shared(out, shared, ["promises/*.yaml", "seed-demo/*.yaml", "real-world/promises/**/*.yaml"], tail=EDIT)
    elif target == "fuzz_values_schema":
        copy_shared(out, shared, ["charts/datadog/values.yaml", "real-world/charts/**/values.yaml"])
    elif target == "fuzz_values_schema_json":
        copy_shared(out, shared, ["charts/datadog/values.schema.json", "real-world/charts/**/values.schema.json"])
    elif target == "fuzz_repo_index":
        # The index is 1.5 MB: slices of it, each a complete index of some charts' versions.
        with open(os.path.join(shared, "helm-repos", "datadog-index.yaml"), "rb") as fh:
            lines = fh.read().split(b"\n")
        header = b"apiVersion: v1\nentries:\n"
        body = [l for l in lines if l.startswith(b"  ")]
        for i in range(0, min(len(body), 12000), 400):
            write(out, f"shared-index-{i:05}.yaml", b"\x07" + header + b"\n".join(body[i:i + 400]) + b"\n")
    elif target == "fuzz_semver":
        versions = versions_of(shared)
        for i, constraint in enumerate(["^3.0", ">=1.0 <2", "~3.2", "3.x", "*", ">=3.1.0-0", "!=3.2.1", "1.2 - 3.4"]):
            chunk = versions[i * 40:(i + 1) * 40] or versions[:40]
            write(out, f"shared-{i:02}.txt", ("\n".join([constraint] + chunk) + "\n").encode())


if __name__ == "__main__":
    main()
