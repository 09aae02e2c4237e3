"""Real-browser journeys: Playwright drives Debian's Chromium against a live Django server.

Never `playwright install`: the browser is /usr/bin/chromium (package `chromium`). Without it
these tests skip with a message on a developer's machine, and fail in CI (CI=true).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("DOORBRAAK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI needs Chromium at {CHROMIUM} for the browser tests (apt-get install chromium)."
        )
    skip = pytest.mark.skip(
        reason=f"No Chromium at {CHROMIUM}: apt-get install chromium to run the browser tests."
    )
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp only lets the test inject axe-core; the pages themselves run under the real CSP.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "bypass_csp": True,
        "viewport": {"width": 1280, "height": 800},
    }


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real-browser journey")
