"""Open an HTML file in headless Chromium and report what happened: console errors, requests, a screenshot.

Drives Debian's ``chromium`` over the DevTools protocol on 127.0.0.1 with the
``websocket-client`` package (imported lazily). Used by the report's browser test
and by ``scripts/report_screenshot.py``; not needed to build a report.

Example:
    >>> find_chromium() is None or find_chromium().endswith("chromium")
    True
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
)


@dataclass(frozen=True, slots=True)
class PageCheck:
    """What a page did while it loaded in Chromium."""

    url: str
    console_errors: tuple[str, ...]
    """Uncaught exceptions, console.error calls, and browser log errors (CSP violations among them)."""
    requests: tuple[str, ...]
    """Every URL the page asked for, except the page itself and ``data:`` URLs (which never leave it)."""
    screenshot: Path | None
    values: tuple[Any, ...]
    """Results of the ``evaluate`` expressions, in order."""


def find_chromium() -> str | None:
    """The path of a Chromium executable on PATH, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class _DevTools:
    """A minimal DevTools-protocol session over one websocket."""

    def __init__(self, ws_url: str, timeout: float) -> None:
        import websocket  # websocket-client

        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_for(self, method: str, deadline: float) -> bool:
        if any(e["method"] == method for e in self.events):
            return True
        while time.monotonic() < deadline:
            try:
                msg = json.loads(self.ws.recv())
            except Exception:  # timeout of one recv: keep waiting until the deadline
                continue
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    return True
        return False

    def close(self) -> None:
        self.ws.close()


def _wait_port(profile: Path, proc: subprocess.Popen[bytes], deadline: float) -> int:
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if marker.is_file():
            first = marker.read_text(encoding="utf-8").split("\n", 1)[0].strip()
            if first.isdigit():
                return int(first)
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with status {proc.returncode} before it was ready")
        time.sleep(0.05)
    raise RuntimeError("chromium did not open its DevTools port in time")


def _page_ws(port: int, deadline: float) -> str:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as resp:
                targets = json.loads(resp.read().decode("utf-8"))
            for t in targets:
                if t.get("type") == "page" and t.get("webSocketDebuggerUrl"):
                    return str(t["webSocketDebuggerUrl"])
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("chromium shows no page target")


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    out = []
    for e in events:
        p = e.get("params", {})
        if e["method"] == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("exception: " + str(d.get("exception", {}).get("description") or d.get("text")))
        elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in {"error", "assert"}:
            out.append(
                "console."
                + p["type"]
                + ": "
                + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))
            )
        elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            entry = p["entry"]
            out.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url') or ''}".strip())
    return out


def check_page(
    path: Path,
    *,
    screenshot: Path | None = None,
    evaluate: Sequence[str] = (),
    width: int = 1400,
    height: int = 1000,
    settle_s: float = 0.5,
    timeout_s: float = 60.0,
    full_page: bool = False,
) -> PageCheck:
    """Load ``path`` in headless Chromium; collect console errors and requests; optionally take a screenshot.

    ``evaluate`` holds JavaScript expressions run after the load (their values are
    returned); they may change the page before the screenshot.

    Raises:
        RuntimeError: Chromium or websocket-client is missing, or Chromium fails to start.
    """
    exe = find_chromium()
    if exe is None:
        raise RuntimeError("no chromium on PATH (apt-get install -y chromium)")
    url = path.resolve().as_uri()
    deadline = time.monotonic() + timeout_s
    profile = Path(tempfile.mkdtemp(prefix="claimx-chromium-"))
    proc = subprocess.Popen(
        [
            exe,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            f"--window-size={width},{height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LANG": "en_US.UTF-8"},
    )
    try:
        port = _wait_port(profile, proc, deadline)
        dt = _DevTools(_page_ws(port, deadline), timeout=max(1.0, deadline - time.monotonic()))
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                dt.send(f"{domain}.enable")
            dt.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            dt.send("Page.navigate", url=url)
            if not dt.wait_for("Page.loadEventFired", deadline):
                raise RuntimeError(f"{url} did not finish loading in {timeout_s:.0f} s")
            time.sleep(settle_s)
            values = []
            for expr in evaluate:
                res = dt.send("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
                values.append(res.get("result", {}).get("value"))
            time.sleep(0.2 if evaluate else 0)
            shot = None
            if screenshot is not None:
                params: dict[str, Any] = {"format": "png"}
                if full_page:
                    params["captureBeyondViewport"] = True
                data = dt.send("Page.captureScreenshot", **params)["data"]
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                screenshot.write_bytes(base64.b64decode(data))
                shot = screenshot
            dt.send("Runtime.evaluate", expression="0")  # drain events queued so far
            requests = [
                e["params"]["request"]["url"]
                for e in dt.events
                if e["method"] == "Network.requestWillBeSent"
                and e["params"]["request"]["url"] != url
                and not e["params"]["request"]["url"].startswith("data:")
            ]
            return PageCheck(url, tuple(_console_errors(dt.events)), tuple(requests), shot, tuple(values))
        finally:
            dt.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
