"""The batch report in a real browser: headless Chromium, driven over the DevTools
protocol. The page must load with no console error (a blocked load would be one,
under the page's Content-Security-Policy), each chart must draw the expected
number of marks for a known table, and the ranking must sort.

With ``UPDATE_SCREENSHOTS=1`` the test also writes the screenshots of the docs
(docs/img/, 1280 px wide). Without Chromium (``.ci/run`` installs it) it is skipped.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from engine.cli import app
from tests.conftest import hang_guard

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HANG = 60  # seconds: a guard against a hung browser, never a measure of speed
WIDTH = 1280

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


class Browser:
    """One page of a headless Chromium, over its DevTools websocket."""

    def __init__(self, profile: Path):
        import websocket

        assert CHROMIUM is not None
        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                f"--window-size={WIDTH},900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + HANG
        while not port_file.exists() or not port_file.read_text().strip():
            hang_guard(deadline, "chromium did not start")
            assert self.proc.poll() is None, "chromium exited"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        self.ws = websocket.create_connection(self._page_socket(port), timeout=HANG)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    @staticmethod
    def _page_socket(port: str) -> str:
        from urllib.request import urlopen

        deadline = time.monotonic() + HANG
        while True:
            with urlopen(f"http://127.0.0.1:{port}/json/list", timeout=HANG) as fh:
                pages = [t for t in json.load(fh) if t.get("type") == "page"]
            if pages:
                return str(pages[0]["webSocketDebuggerUrl"])
            hang_guard(deadline, "no page target")
            time.sleep(0.1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        n = next(self.ids)
        self.ws.send(json.dumps({"id": n, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == n:
                assert "error" not in message, message
                return dict(message.get("result", {}))
            self.events.append(message)

    def wait_for(self, event: str) -> None:
        while not any(e.get("method") == event for e in self.events):
            self.events.append(json.loads(self.ws.recv()))

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        self.call("Runtime.evaluate", expression="0")  # drain what has arrived
        found = []
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.exceptionThrown":
                found.append(json.dumps(p["exceptionDetails"], ensure_ascii=False))
            elif e.get("method") == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                found.append(json.dumps(p["args"], ensure_ascii=False))
            elif e.get("method") == "Log.entryAdded" and p["entry"]["level"] == "error":
                found.append(p["entry"]["text"])
        return found

    def close(self) -> None:
        self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=HANG)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    b = Browser(tmp_path / "profile")
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(autouse=True)
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the page names the files as given: relative paths


def report(tmp_path: Path, table: str, lang: str = "en") -> Path:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["batch", "specs/gz-dept-overall-2021.yaml", table, "-o", str(out), "--lang", lang]
    )
    assert out.exists(), result.stderr
    return out


def open_page(b: Browser, page: Path) -> None:
    for domain in ("Page", "Runtime", "Log"):
        b.call(f"{domain}.enable")
    b.call(
        "Emulation.setDeviceMetricsOverride",
        width=WIDTH,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    b.call("Page.navigate", url=page.as_uri())
    b.wait_for("Page.loadEventFired")


def marks(b: Browser, chart: str) -> int:
    return int(b.js(f"document.querySelectorAll('#chart-{chart} svg .mark').length"))


def test_the_report_loads_cleanly_and_draws_every_mark(browser: Browser, tmp_path: Path) -> None:
    open_page(browser, report(tmp_path, "examples/docs/streets.csv"))
    assert browser.errors() == []
    # 24 units: totals in 4 non-empty bars, 4 grades, 2 bars for each of 26 indicators
    assert (marks(browser, "totals"), marks(browser, "grades"), marks(browser, "indicators")) == (
        4,
        4,
        52,
    )
    # each mark is drawn: it has a size on the page (a bar of 0 units is 0 high)
    sizes = browser.js(
        "Array.from(document.querySelectorAll('#chart-indicators svg .mark'))"
        ".map(r => r.getBoundingClientRect().height > 0)"
    )
    assert sizes == [True] * 52
    assert browser.js("document.querySelectorAll('#ranking-table tbody tr').length") == 24
    if os.environ.get("UPDATE_SCREENSHOTS"):
        shoot(browser, ROOT / "docs/img/batch-report.png")


#: the other shipped tables of the seed spec: (table, language) → the marks of the
#: totals (non-empty bars), grades and indicators charts, the ranking's rows, the
#: error lines of rows that failed, and the screenshot of the docs it makes
SHIPPED = {
    ("examples/docs/units.csv", "en"): ((2, 4, 52), 3, 1, "batch-report-units.png"),
    ("examples/docs/units-claimed.csv", "en"): ((2, 4, 52), 3, 0, None),
    ("examples/docs/units-wu.csv", "en"): ((2, 4, 52), 2, 2, None),
    ("examples/docs/streets.csv", "zh"): ((4, 4, 52), 24, 0, "batch-report.zh.png"),
}


@pytest.mark.parametrize(("table", "lang"), sorted(SHIPPED))
def test_every_shipped_table_makes_a_clean_page(
    browser: Browser, tmp_path: Path, table: str, lang: str
) -> None:
    charts, ranked, failed, shot = SHIPPED[table, lang]
    open_page(browser, report(tmp_path, table, lang))
    assert browser.errors() == []
    got = (marks(browser, "totals"), marks(browser, "grades"), marks(browser, "indicators"))
    assert got == charts
    assert browser.js("document.querySelectorAll('#ranking-table tbody tr').length") == ranked
    assert browser.js("document.querySelectorAll('#failed li').length") == failed
    if shot and os.environ.get("UPDATE_SCREENSHOTS"):
        shoot(browser, ROOT / "docs/img" / shot)


def test_the_ranking_sorts_and_a_unit_opens_its_derivation(
    browser: Browser, tmp_path: Path
) -> None:
    open_page(browser, report(tmp_path, "examples/docs/streets.csv"))
    browser.js("document.querySelector('#ranking-table tbody details').open = true")
    text = browser.js("document.querySelector('#ranking-table tbody details pre').innerText")
    assert "Total 90.09 / 100.00   Grade 优" in text
    if os.environ.get("UPDATE_SCREENSHOTS"):
        browser.js("document.getElementById('ranking').scrollIntoView()")
        shoot(browser, ROOT / "docs/img/batch-report-ranking.png", full=False)
    first = "document.querySelector('#ranking-table tbody tr').getAttribute('data-entity')"
    assert browser.js(first) == "福和街道"  # rank 1
    click = "document.querySelector('th[data-key=total] button').click()"
    browser.js(click)  # ascending: the lowest total first
    assert browser.js(first) == "正果街道"
    browser.js(click)  # and back
    assert browser.js(first) == "福和街道"
    assert browser.errors() == []


def shoot(b: Browser, path: Path, full: bool = True) -> None:
    """A PNG of the page (the whole page, or what the window shows), 1280 px wide."""
    params: dict[str, Any] = {"format": "png"}
    if full:
        height = int(b.js("document.documentElement.scrollHeight"))
        params.update(
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
        )
    data = b.call("Page.captureScreenshot", **params)["data"]
    path.write_bytes(base64.b64decode(data))


def test_a_load_the_policy_blocks_is_seen_as_an_error(browser: Browser, tmp_path: Path) -> None:
    """The check above would catch a page that tries to load from elsewhere."""
    page = report(tmp_path, "examples/docs/units.csv")
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("</body>", '<img src="https://example.invalid/x.png"></body>'),
        encoding="utf-8",
    )
    open_page(browser, page)
    assert any("Content Security Policy" in e for e in browser.errors())


def test_the_comparison_page_loads_cleanly_and_draws_a_dot_per_unit(
    browser: Browser, tmp_path: Path
) -> None:
    out = tmp_path / "compare.html"
    rehab = "indicators.rehab.method={threshold: {partial: 0.5}}"
    files = ["specs/gz-dept-overall-2021.yaml", "examples/docs/streets.csv"]
    CliRunner().invoke(app, ["compare", *files, "--set", rehab, "-o", str(out)])
    open_page(browser, out)
    assert browser.errors() == []
    assert (marks(browser, "scatter"), marks(browser, "grade-pairs")) == (24, 8)
    first = "document.querySelector('#moves-table tbody tr').getAttribute('data-entity')"
    assert browser.js(first) == "宁西街道"  # the largest move
    browser.js("document.querySelector('th[data-key=change] button').click()")
    assert browser.js(first) == "宁西街道"  # ascending: the most negative change first
    browser.js("document.querySelector('th[data-key=change] button').click()")
    assert browser.js(first) != "宁西街道"
    if os.environ.get("UPDATE_SCREENSHOTS"):
        shoot(browser, ROOT / "docs/img/compare-report.png")
