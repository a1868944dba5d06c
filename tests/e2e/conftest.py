"""Browser tests: Playwright drives Debian's Chromium (no browser download); axe-core checks pages.

They run in ``make test`` when Chromium is installed and are skipped with a
clear message otherwise. Run only them with ``make e2e``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
from tests.factories import TOTP_SECRET  # noqa: E402

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make to arrange data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append("axe-core not installed (npm install)")
    if not missing:
        return
    skip = pytest.mark.skip(reason="browser tests skipped: " + "; ".join(missing))
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


AXE_PATH = "/__e2e__/axe.min.js"


@pytest.fixture
def page(browser, live_server):
    """A German browser tab under the portal's real Content Security Policy.

    axe-core is served from the portal's own origin by the test (never by the
    portal), so it runs under ``script-src 'self'``. Any CSP violation of a page
    fails the test: inline scripts or styles would break in production.
    """
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.route(
        f"**{AXE_PATH}",
        lambda route: route.fulfill(body=AXE_JS.read_bytes(), content_type="text/javascript"),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    # axe-core itself sets inline styles while it measures some pages: the test's
    # instrument, not the portal, so its own messages do not count.
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text and AXE_PATH not in msg.location.get("url", "")
            else None
        ),
    )
    yield page
    context.close()
    assert violations == [], f"the page broke its Content Security Policy: {violations}"


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page and return the grave violations."""
    page.add_script_tag(url=AXE_PATH)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=False).first.fill(password)
    page.get_by_role("button", name="Anmeldung").click()


def current_totp(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app would show now for ``secret``."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def login_staff(page, email: str, password: str) -> None:
    """Sign in a staff member whose TOTP is active (``tests.factories.staff_user``).

    A code is valid for one period and only once. On a busy machine a code typed in
    the last seconds of its period reaches the server in the next one, so the code is
    typed early in a period, and once more in the next period if it was refused.
    """
    import time

    from allauth.mfa import app_settings

    login(page, email, password)
    period = app_settings.TOTP_PERIOD
    for attempt in range(2):
        left = period - time.time() % period
        if attempt or left < 8:
            time.sleep(left + 0.5)
        page.get_by_label("Code").fill(current_totp())
        page.locator("main").get_by_role("button", name="Anmeldung").click()
        page.wait_for_load_state()
        if "/2fa/authenticate/" not in page.url:
            return
    raise AssertionError(f"{email} could not sign in with the second factor")
