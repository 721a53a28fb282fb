"""A minimal Chrome DevTools Protocol client (standard library only) for the browser tests: open a
page, run a line of JavaScript (fill a form, click a button), wait for the next page, take a
screenshot. Just enough WebSocket (RFC 6455: masked text frames out, text and continuation
frames in) to talk to headless Chromium on 127.0.0.1."""
from __future__ import annotations

import base64
import json
import os
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path


class Browser:
    """Headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, chromium: str, width: int = 1280, height: int = 1400):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        # Chromium's helper processes may still write to the profile as it exits: cleanup must not fail
        self.profile = tempfile.TemporaryDirectory(prefix="cdp-profile-", ignore_cleanup_errors=True)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--hide-scrollbars", f"--remote-debugging-port={self.port}", f"--user-data-dir={self.profile.name}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = self._page_target()
        host, path = target["webSocketDebuggerUrl"].removeprefix("ws://").split("/", 1)
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert b" 101 " in head.split(b"\r\n", 1)[0], head
        self.next_id = 0

    def _page_target(self) -> dict:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=1) as r:
                    pages = [t for t in json.load(r) if t.get("type") == "page"]
                if pages:
                    return pages[0]
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("Chromium's DevTools endpoint did not come up")

    # ---- WebSocket frames
    def _send(self, text: str) -> None:
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("DevTools connection closed")
            out += chunk
        return out

    def _receive(self) -> str:
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if b0 & 0x0F in (0x1, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()

    # ---- the protocol
    def call(self, method: str, **params) -> dict:
        """Send one command and return its result (events in between are skipped)."""
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self._receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_loaded(self, previous_url: str | None = None, timeout: float = 30) -> None:
        """Until the document is complete (and, after a click, is a new document)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.evaluate("document.readyState + ' ' + (window.__cdp_mark || '')")
            if state and state.startswith("complete") and (previous_url is None or "old" not in state):
                return
            time.sleep(0.1)
        raise TimeoutError("page did not load")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        time.sleep(0.2)
        self.wait_loaded()

    def click_and_wait(self, expression: str) -> None:
        """Run ``expression`` (which submits a form or follows a link) and wait for the next page."""
        self.evaluate("window.__cdp_mark = 'old'")
        self.evaluate(expression)
        time.sleep(0.3)
        self.wait_loaded(previous_url="")

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.sock.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.profile.cleanup()
