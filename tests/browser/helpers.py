"""What every journey needs: log in as a person would, and check each page with axe-core."""

import base64
import os
import time

from django_otp.oath import totp

from tests.browser.conftest import AXE, SCREENSHOTS

SERIOUS = {"serious", "critical"}


def check_accessibility(page) -> None:
    """axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
              .map(v => ({id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, f"axe-core on {page.url}: {serious}"


def visit(page, url: str) -> None:
    page.goto(url)
    check_accessibility(page)


def screenshot(page, name: str) -> None:
    """Saved to docs/screenshots/ when DOORBRAAK_SCREENSHOTS=1 (see `make screenshots`)."""
    if os.environ.get("DOORBRAAK_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def current_code(secret_base32: str) -> str:
    secret = secret_base32.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def code_for_device(device) -> str:
    # Wait for a fresh 30-second window if this one was used already (TOTP codes are single-use).
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wait_for_next_window() -> None:
    time.sleep(30 - time.time() % 30 + 0.5)


def log_in_with_password(page, base_url: str, username: str, password: str) -> None:
    visit(page, f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
