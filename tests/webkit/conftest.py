"""Fixtures of the WebKit tier (marker ``webkit``): a virtual display for the session, a fresh WebKit
session a test, the built site served by the project's server."""

from __future__ import annotations

import contextlib

import pytest

from build_scripts.server import static as static_server

from .webkit_support import display, new_driver


@pytest.fixture(scope="session")
def screen():
    with display() as name:
        yield name


@pytest.fixture
def webkit(screen):
    """``webkit() -> WebDriver``: a new WebKit session (its own ephemeral profile), closed after the test."""
    drivers = []

    def make():
        drivers.append(new_driver(screen))
        return drivers[-1]

    yield make
    for driver in drivers:
        with contextlib.suppress(Exception):
            driver.quit()


@pytest.fixture
def site(built_site):
    """The built site served by the project's server: its base URL."""
    with static_server.serve(built_site) as base:
        yield base
