"""Take a logged-in screenshot of a running Odoo with headless Chromium.

    python tools/screenshot.py URL_PATH OUTPUT.png [--base http://localhost:8069] [--click CSS]...

Used for the README and static/description images. Talks to Chromium over the
DevTools protocol with websocket-client (already in requirements-dev.txt).
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time

import requests
import websocket

DEBUG_PORT = 9333


def login(base, db, user, password):
    response = requests.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": db, "login": user, "password": password}},
        timeout=30,
    )
    response.raise_for_status()
    return response.cookies["session_id"]


def start_chromium(profile):
    return subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--remote-debugging-port={DEBUG_PORT}",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class DevTools:
    def __init__(self):
        for _attempt in range(50):
            try:
                targets = requests.get(f"http://127.0.0.1:{DEBUG_PORT}/json", timeout=2).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("output")
    parser.add_argument("--base", default="http://localhost:8069")
    parser.add_argument("--db", default="credit_collection_demo")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=6.0)
    parser.add_argument(
        "--click", action="append", default=[], help="CSS selector to click before the shot"
    )
    args = parser.parse_args()

    session = login(args.base, args.db, args.login, args.password)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = start_chromium(profile)
        try:
            tools = DevTools()
            tools.call("Network.enable")
            tools.call("Network.setCookie", name="session_id", value=session, url=args.base)
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=args.width,
                height=args.height,
                deviceScaleFactor=1,
                mobile=False,
            )
            tools.call("Page.navigate", url=args.base + args.path)
            time.sleep(args.wait)
            for selector in args.click:
                tools.call(
                    "Runtime.evaluate",
                    expression=f"document.querySelector({json.dumps(selector)}).click()",
                )
                time.sleep(2)
            shot = tools.call("Page.captureScreenshot", format="png")
            with open(args.output, "wb") as output:
                output.write(base64.b64decode(shot["data"]))
        finally:
            browser.terminate()
            browser.wait(timeout=10)


if __name__ == "__main__":
    main()
