"""The live preview: serve, edit a record, see the new page and the reload signal."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from tornado.websocket import websocket_connect

from conftest import make_site, record


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""


def wait_until(predicate, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def server(tmp_path):
    root = make_site(tmp_path, {"2021/05/a.md": record("Bài thứ nhất", body="Phiên bản đầu.")})
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "luutru", "serve", "--port", str(port)],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"

    def up():
        try:
            return fetch(base)[0] == 200
        except OSError:
            return False

    try:
        wait_until(up)
        yield root, base, port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_async(coroutine):
    """asyncio.run in a thread of its own: Playwright (the browser tests, in the
    same session) keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def reload_after(port: int, edit, done) -> dict:
    """Edit, then wait for the reload message after which `done()` holds."""
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await ws.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    hello = json.loads(await ws.read_message())
    assert hello["command"] == "hello"
    await ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    await asyncio.sleep(0.3)
    edit()
    while True:
        message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=20))
        if message.get("command") == "reload" and done():
            ws.close()
            return message


def test_an_edit_is_rebuilt_served_and_the_browser_told_to_reload(server):
    root, base, port = server
    page = base + "bai-viet/2021/05/bai-thu-nhat/"
    status, html = fetch(page)
    assert status == 200 and "Phiên bản đầu." in html
    assert "livereload.js" in html  # the preview injects the reload script

    path = root / "content" / "articles" / "2021" / "05" / "a.md"
    message = run_async(
        reload_after(
            port,
            edit=lambda: path.write_text(record("Bài thứ nhất", body="Phiên bản sửa.")),
            done=lambda: "Phiên bản sửa." in fetch(page)[1],
        )
    )
    assert message["command"] == "reload"


def test_settings_saved_as_editors_do_are_seen_every_time(server):
    # Editors save by writing a new file and renaming it over the old one.
    root, base, port = server

    def save_settings(title: str) -> None:
        tmp = root / ".luutru.yaml.swp"
        tmp.write_text(f"title: {title}\n", encoding="utf-8")
        os.replace(tmp, root / "luutru.yaml")

    for title in ("Kho lưu trữ thứ nhất", "Kho lưu trữ đổi tên"):
        run_async(reload_after(port, edit=lambda t=title: save_settings(t), done=lambda t=title: t in fetch(base)[1]))
        assert title in fetch(base)[1]
    save_settings("[hỏng")  # not YAML: said so, and the last good site stays
    time.sleep(1.5)
    assert "Kho lưu trữ đổi tên" in fetch(base)[1]


def test_a_failed_rebuild_keeps_serving_the_last_good_site(server):
    root, base, port = server
    (root / "content" / "articles" / "2021" / "05" / "a.md").write_text("---\ntitle: [hỏng\n---\n")
    time.sleep(1.5)
    status, html = fetch(base + "bai-viet/2021/05/bai-thu-nhat/")
    assert status == 200 and "Phiên bản đầu." in html


def test_the_preview_serves_nothing_outside_the_site(server):
    root, base, port = server
    (root / "secret.txt").write_text("bí mật")
    for path in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt"):
        status, body = fetch(base + path)
        assert "bí mật" not in body
