"""Small helpers for scripts/schemathesis.sh (standard library only).

  helpers.py free-port                      print a free TCP port on 127.0.0.1
  helpers.py wait-ready URL SECONDS PID     wait until URL answers 200 (fails early if PID dies)
  helpers.py login BASE EMAIL PASSWORD      print a bearer token from POST /api/auth/login
  helpers.py summarize NDJSON [NDJSON...]   print failures grouped by operation; exit 1 if any
"""

import base64
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from collections import OrderedDict


def free_port() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def wait_ready(url: str, seconds: str, pid: str) -> None:
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except OSError:
            sys.exit(f"server (pid {pid}) exited before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"{url} not ready after {seconds}s")


def login(base: str, email: str, password: str) -> None:
    body = json.dumps({"email": email, "password": password}).encode()
    req = urllib.request.Request(
        base.rstrip("/") + "/api/auth/login",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            print(json.load(r)["token"])
    except urllib.error.HTTPError as e:
        sys.exit(f"sign-in as {email} failed: {e.code} {e.read()[:200]!r}")


def _decode(blob):
    if not blob:
        return ""
    if isinstance(blob, dict) and "$base64" in blob:
        raw = base64.b64decode(blob["$base64"])
    elif isinstance(blob, str):
        raw = blob.encode()
    else:
        raw = json.dumps(blob).encode()
    text = raw.decode("utf-8", "backslashreplace")
    return text if len(text) <= 160 else text[:157] + "..."


def summarize(paths) -> None:
    # (operation, check, status) -> {"count", "phases", "example", "codes"}
    groups = OrderedDict()
    for path in paths:
        label = os.path.basename(os.path.dirname(path)) or path
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                event = json.loads(line)
                finished = event.get("ScenarioFinished")
                if not finished or finished.get("status") != "failure":
                    continue
                rec = finished.get("recorder") or {}
                phase = finished.get("phase") or "?"
                for case_id, checks in (rec.get("checks") or {}).items():
                    for check in checks:
                        if check.get("status") != "failure":
                            continue
                        info = (check.get("failure_info") or {}).get("failure") or {}
                        inter = (rec.get("interactions") or {}).get(case_id) or {}
                        req = inter.get("request") or {}
                        resp = inter.get("response") or {}
                        status = resp.get("status_code", "-")
                        op = info.get("operation") or rec.get("label", "?")
                        key = (op, check.get("name"), status)
                        g = groups.setdefault(
                            key, {"count": 0, "phases": set(), "passes": set(), "example": None, "codes": set()}
                        )
                        g["count"] += 1
                        g["phases"].add(phase)
                        g["passes"].add(label)
                        content = _decode(resp.get("content"))
                        try:
                            g["codes"].add(json.loads(content)["error"]["code"])
                        except Exception:
                            pass
                        if g["example"] is None:
                            hdrs = req.get("headers") or {}
                            auth = "with bearer" if "Authorization" in hdrs else "NO Authorization header"
                            g["example"] = (
                                f"{req.get('method', '?')} {req.get('uri', '?')} [{auth}]"
                                + (f" body={_decode(req.get('body'))}" if req.get("body") else "")
                                + f"\n        -> {status} {content}"
                                + (f"\n        {info.get('message', '').replace(chr(10), '; ')}" if info else "")
                            )
    if not groups:
        print("schemathesis: no failures")
        return
    print(f"schemathesis: {len(groups)} distinct failures (operation, check, status):")
    for (op, check, status), g in sorted(groups.items(), key=lambda kv: (kv[0][0].split(" ", 1)[-1], kv[0][0], str(kv[0][2]))):
        codes = ",".join(sorted(g["codes"])) or "-"
        print(
            f"- {op}  status={status}  check={check}  error.code={codes}  "
            f"seen={g['count']}  phases={','.join(sorted(g['phases']))}  passes={','.join(sorted(g['passes']))}"
        )
        print(f"        e.g. {g['example']}")
    sys.exit(1)


def main() -> None:
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "free-port":
        free_port()
    elif cmd == "wait-ready":
        wait_ready(*args)
    elif cmd == "login":
        login(*args)
    elif cmd == "summarize":
        summarize(args)
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
