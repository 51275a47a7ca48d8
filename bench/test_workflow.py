"""The `kratix test` benchmark (bench/run test): the same workflow, two
pipelines of three containers in podman, run side by side in one run by

  - `kratix test workflow resource/configure --engine podman`, and
  - a hand-written shell script doing the same `podman run`s with the same
    mounts and environment, the way people test pipelines today.

Targets: kratix at most 1.1x the script's time, and under 20 ms of its own
work (its wall time minus the time of the engine commands it ran, which it
reports in its JSON output). The images are built here from a busybox-static
root filesystem, as the tests do; nothing is pulled."""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import tarfile
import time
import uuid

CONTAINERS_CONF = '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n\n[containers]\ndefault_ulimits = []\n'
BUSYBOX = next((p for p in ("/bin/busybox", "/usr/bin/busybox") if os.path.exists(p)), None)
SCRIPTS = {
    ("instance", "create"): """name=$(sed -n 's/^  name: //p' /kratix/input/object.yaml)
printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\n' "$name" > /kratix/output/app.yaml
echo handover > /kratix/metadata/handover
""",
    ("instance", "notify"): "printf 'message: %s\\n' \"$(cat /kratix/metadata/handover)\" > /kratix/metadata/status.yaml\n",
    ("report", "report"): "printf 'conditions:\\n- type: Reported\\n  status: \"True\"\\n' > /kratix/metadata/status.yaml\n",
}


def missing():
    if not BUSYBOX or not shutil.which("podman"):
        return "needs podman and busybox-static (bash .ci/setup bench)"
    if not (shutil.which("runc") or os.path.exists("/usr/sbin/runc")):
        return "needs runc (bash .ci/setup bench)"
    return None


def sh(argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw)


def hand_written_script(commands):
    """What a user writes today: fresh directories, the object copied in, then
    each container's podman run with the three mounts and the variables."""
    lines = ["#!/bin/sh", "set -e", 'w=$(mktemp -d)']
    pipelines = []
    for argv in commands:
        mount = next(a for a in argv if a.endswith(":/kratix/input:ro"))
        pipeline = os.path.basename(os.path.dirname(mount.split(":")[0]))
        if pipeline not in pipelines:
            pipelines.append(pipeline)
            lines.append(f'mkdir -p "$w/{pipeline}/input" "$w/{pipeline}/output" "$w/{pipeline}/metadata"')
            lines.append(f'cp example-resource.yaml "$w/{pipeline}/input/object.yaml"')
        words, skip = [], False
        for i, a in enumerate(argv):
            if skip:
                skip = False
                continue
            if a == "--name":  # podman names it
                skip = True
                continue
            if i > 0 and argv[i - 1] == "-v":
                host, target = a.split(":", 1)
                rest = os.path.relpath(host, os.path.dirname(os.path.dirname(host)))
                words.append(f'"$w/{rest}":{target}')
                continue
            words.append(shlex.quote(a))
        lines.append(" ".join(words) + " >/dev/null")
    lines.append('rm -rf "$w"')
    return "\n".join(lines) + "\n"


def run(kratix, work, runs):
    why = missing()
    if why:
        print(f"test: {why}; skipped")
        return
    runs = max(3, min(runs, 15))  # each run starts six containers
    root = os.path.join(work, "test-workflow")
    os.makedirs(root)
    conf = os.path.join(root, "containers.conf")
    with open(conf, "w") as fh:
        fh.write(CONTAINERS_CONF)
    env = {**os.environ, "CONTAINERS_CONF": conf, "BUILDAH_ISOLATION": "chroot", "KRATIX_CONTAINER_ENGINE": "podman"}
    tag = uuid.uuid4().hex[:8]
    base = f"localhost/kratix-bench-base:{tag}"
    images = [base]
    rootfs = os.path.join(root, "rootfs.tar")
    with tarfile.open(rootfs, "w") as tar:
        tar.add(BUSYBOX, arcname="bin/busybox")
        for tool in ("sh", "sed", "cat", "printf", "echo", "chmod"):
            info = tarfile.TarInfo(f"bin/{tool}")
            info.type = tarfile.SYMTYPE
            info.linkname = "busybox"
            tar.addfile(info)
    try:
        sh(["podman", "import", rootfs, base], env=env)
        promise = os.path.join(root, "pg")
        sh([kratix, "init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "--dir", promise])
        for (pipeline, container), script in SCRIPTS.items():
            image = f"localhost/kratix-bench/{container}:{tag}"
            images.append(image)
            sh([kratix, "add", "container", f"resource/configure/{pipeline}", "--image", image, "--name", container,
                "--dir", promise])
            d = os.path.join(promise, "workflows", "resource", "configure", pipeline, container)
            with open(os.path.join(d, "Dockerfile"), "w") as fh:
                fh.write(f"FROM {base}\nCOPY scripts/pipeline.sh /pipeline.sh\nENTRYPOINT [\"/bin/sh\", \"/pipeline.sh\"]\n")
            with open(os.path.join(d, "scripts", "pipeline.sh"), "w") as fh:
                fh.write("set -eu\n" + script)
        sh([kratix, "build", "container", "--all", "--engine", "podman", "--dir", promise], env=env)
        test = [kratix, "test", "workflow", "resource/configure", "--engine", "podman", "--dir", promise, "-o", "json"]
        warm = json.loads(sh(test, env=env).stdout)
        commands = [c["command"] for p in warm["pipelines"] for c in p["containers"]]
        script = os.path.join(root, "by-hand.sh")
        with open(script, "w") as fh:
            fh.write(hand_written_script(commands))
        sh(["sh", script], env=env, cwd=promise)  # warm too

        script_ms, kratix_ms, own_ms, cpu_ms = [], [], [], []
        for i in range(runs):
            order = ("script", "kratix") if i % 2 == 0 else ("kratix", "script")
            for what in order:
                start = time.perf_counter()
                if what == "script":
                    sh(["sh", script], env=env, cwd=promise)
                    script_ms.append((time.perf_counter() - start) * 1000)
                else:
                    out = json.loads(sh(test, env=env).stdout)
                    wall = (time.perf_counter() - start) * 1000
                    engine = sum(c["seconds"] for p in out["pipelines"] for c in p["containers"]) * 1000
                    kratix_ms.append(wall)
                    own_ms.append(wall - engine)
                    cpu_ms.append(out["kratixCpuSeconds"] * 1000)
        s, k, own = statistics.median(script_ms), statistics.median(kratix_ms), statistics.median(own_ms)
        cpu = statistics.median(cpu_ms)
        # The same run with an engine that does nothing: kratix's own wall time
        # without podman's helper processes competing for the CPUs.
        noop = os.path.join(root, "noop-bin")
        os.makedirs(noop)
        with open(os.path.join(noop, "podman"), "w") as fh:
            fh.write("#!/bin/sh\nexit 0\n")
        os.chmod(os.path.join(noop, "podman"), 0o755)
        noop_env = {**env, "PATH": noop + os.pathsep + env.get("PATH", "/usr/bin:/bin")}
        noop_ms = []
        for _ in range(max(runs, 21)):
            start = time.perf_counter()
            out = json.loads(sh(test, env=noop_env).stdout)
            wall = (time.perf_counter() - start) * 1000
            noop_ms.append(wall - sum(c["seconds"] for p in out["pipelines"] for c in p["containers"]) * 1000)
        noop_own = statistics.median(noop_ms)
        ratio = k / s
        print(f"{'case':<10} {'command':<62} {'median ms':>10}  target")
        print(f"{'test':<10} {'hand-written script: 3 podman runs, 2 pipelines':<62} {s:>10.1f}")
        print(f"{'test':<10} {'kratix test workflow resource/configure':<62} {k:>10.1f}  "
              f"{ratio:.3f}x the script (<= 1.1x {'ok' if ratio <= 1.1 else 'MISSED'})")
        print(f"{'test':<10} {'  kratix own work (wall - engine commands)':<62} {own:>10.1f}  "
              f"< 20 ms {'ok' if own < 20 else 'MISSED'} (best {min(own_ms):.1f})")
        print(f"{'test':<10} {'  the same with an engine that does nothing':<62} {noop_own:>10.1f}  "
              f"< 20 ms {'ok' if noop_own < 20 else 'MISSED'} (best {min(noop_ms):.1f})")
        print(f"{'test':<10} {'  kratix own CPU time (user + system, not the engines)':<62} {cpu:>10.1f}")
        load = os.getloadavg()[0]
        print(f"test: {runs} runs of each, alternating; load average {load:.1f} on {os.cpu_count()} CPUs "
              "(own wall time grows with the load: every engine command is a wait for the scheduler)")
    finally:
        subprocess.run(["podman", "rmi", "-f", *images], capture_output=True, env=env)
