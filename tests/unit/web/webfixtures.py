"""Helpers of the web tests (a plain module: imported by name, unlike conftest).

A small fictional ledger for the web app: the bundled demo samples and a
hostile document (markup and attribute-breaking quotes in its title, section
and items), linked when the follow layer is there, with one analyst and a token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from luoshi.store import Ledger

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
DOCS = (
    REPO / "samples" / "round1-zh.txt",
    REPO / "samples" / "round1-en.md",
    REPO / "samples" / "round2-zh.txt",
    HERE / "fixtures" / "hostile.txt",
)
USER, PASSWORD = "analyst", "fictional-passw0rd"


@cache
def _parsed(path: str) -> Any:
    from luoshi.pipeline import parse

    return parse(path)


def build_ledger(url: str) -> dict[str, Any]:
    """Ingest the fixtures into ``url``, link, add the analyst; ids for the tests."""
    from luoshi.web.accounts import add_user, create_token

    ids: dict[str, Any] = {}
    with Ledger.open(url) as ledger:
        for path in DOCS:
            result = ledger.ingest(_parsed(str(path)), str(path))
            ids[path.stem] = result.document_id
        try:
            from luoshi.follow import link_ledger

            link_ledger(ledger)
            ids["linked"] = True
        except (ImportError, NotImplementedError):
            ids["linked"] = False
        with ledger.engine.begin() as conn:
            add_user(conn, USER, PASSWORD)
            ids["token"] = create_token(conn, USER)
    return ids


@contextmanager
def web_client(url: str) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    """(client, ids) over a fresh ledger at ``url``."""
    from luoshi.web import create_app

    ids = build_ledger(url)
    with TestClient(create_app(url, secret="test-secret")) as client:
        yield client, ids


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: TestClient, name: str = USER, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": name, "password": password, "csrf": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def first_commitment(client: TestClient) -> dict[str, Any]:
    rows = client.get("/commitments.json", params={"as_of": "2034-12-31"}).json()["rows"]
    if not rows:
        pytest.skip("linking (luoshi.follow) produced no commitments")
    return rows[0]
