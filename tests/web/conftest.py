"""The desk in a real browser: Debian's Chromium under Playwright (skipped where there is none)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import hostile_copy, start_server, write_store

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Where screenshots go when asked for (KG_SCREENSHOTS=docs/screenshots); none are written otherwise.
SHOTS = os.environ.get("KG_SCREENSHOTS")
HOSTILE = "Officials said <script>window.hacked=1</script> & denied\x0b all\x1b talks <b>now</b>."


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set KG_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def serve(folder: Path) -> tuple[object, str]:
    return start_server(["kg", "serve", "--store", str(folder), "--port", "{port}"], "/static/desk.css")


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Iterator[str]:
    """``kg serve`` over the seed and its hostile copy."""
    folder = write_store(tmp_path_factory.mktemp("desk-seed"), [seed_gold, hostile_copy(seed_gold, HOSTILE)])
    proc, url = serve(folder)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("dialog", lambda dialog: pytest.fail(f"a page script opened a dialog: {dialog.message}"))
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    """A full-page PNG under $KG_SCREENSHOTS, when set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)
