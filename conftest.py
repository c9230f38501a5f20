"""Test-run policy shared by every test of the repository.

A skipped test is a failure here: Odoo skips browser tests when Chromium or
websocket-client is missing and would otherwise report a green run that
tested nothing in the browser.
"""

import pytest

from odoo import http
from odoo.service import server as odoo_server


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped tests count as failures in this project: {reason}"


@pytest.fixture(scope="session", autouse=True)
def odoo_http_server():
    """Serve Odoo over HTTP for the whole session, for HttpCase and browser tests.

    pytest-odoo starts the server in test mode and closes its HTTP socket right
    away (its own --odoo-http restarts a server per module, which fails on
    Odoo 18): open it again, once.
    """
    running = odoo_server.server
    if running is None:
        pytest.fail("pytest-odoo did not start Odoo: run the tests through `make test`.")
    # Read every manifest now, in one thread: the first static requests would
    # otherwise parse them concurrently, and ast.parse is not thread-safe on
    # Debian's Python 3.11.2 ("AST constructor recursion depth mismatch").
    http.root.statics  # noqa: B018
    running.http_spawn()
    yield
    running.httpd.shutdown()
