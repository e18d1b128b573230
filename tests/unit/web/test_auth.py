"""Writing needs a login (forms, with CSRF tokens) or a bearer token (API); every
write leaves an audit row with who, when, before and after."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from webfixtures import PASSWORD, USER, csrf_of, first_commitment, login

from luoshi.web.passwords import hash_password, verify_password

Web = tuple[TestClient, dict[str, Any]]


def _audit(client: TestClient) -> list[dict[str, Any]]:
    return client.get("/audit.json").json()["entries"]


def _writes(client: TestClient) -> list[dict[str, Any]]:
    return [e for e in _audit(client) if e["action"] in ("override", "correction")]


def test_passwords_are_salted_scrypt_hashes() -> None:
    stored = hash_password("fictional secret")
    assert stored.startswith("scrypt$") and "fictional secret" not in stored
    assert stored != hash_password("fictional secret")  # salted
    assert verify_password("fictional secret", stored)
    assert not verify_password("fictional secreT", stored)
    assert not verify_password("x", "not a hash")


def test_login_and_logout(web: Web) -> None:
    client, _ = web
    token = csrf_of(client.get("/login").text)
    bad = client.post("/login", data={"name": USER, "password": "wrong", "csrf": token})
    assert bad.status_code == 401 and 'id="login-failed"' in bad.text
    login(client)
    page = client.get("/documents").text
    assert f'<strong id="current-user">{USER}</strong>' in page
    client.post("/logout", data={"csrf": csrf_of(page)})
    assert 'id="current-user"' not in client.get("/documents").text


def test_login_redirects_only_to_local_pages(web: Web) -> None:
    client, _ = web
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": USER, "password": PASSWORD, "csrf": token,
                                    "next": "//evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_login_form_without_csrf_token_is_refused(web: Web) -> None:
    client, _ = web
    client.get("/login")
    r = client.post("/login", data={"name": USER, "password": PASSWORD})
    assert r.status_code == 403
    assert 'id="current-user"' not in client.get("/documents").text


def test_writing_needs_a_login(web: Web) -> None:
    client, _ = web
    row = first_commitment(client)
    page = client.get(f"/commitments/{row['id']}")
    assert "override-form" not in page.text  # no form for anonymous readers
    r = client.post(f"/commitments/{row['id']}/override",
                    data={"status": "fulfilled", "note": "n", "csrf": "x"})
    assert r.status_code == 401
    doc_item = row["item_url"].rsplit("/", 1)[1]
    r = client.post(f"/items/{doc_item}/correct", data={"title": "x", "csrf": "x"})
    assert r.status_code == 401
    assert _writes(client) == []


def test_form_write_with_a_wrong_csrf_token_is_rejected(web: Web) -> None:
    client, _ = web
    row = first_commitment(client)
    login(client)
    r = client.post(f"/commitments/{row['id']}/override",
                    data={"status": "fulfilled", "note": "n", "csrf": "forged"})
    assert r.status_code == 403 and "security token" in r.text
    after = client.get(f"/commitments/{row['id']}.json",
                       params={"as_of": "2034-12-31"}).json()["commitment"]
    assert after["overrides"] == []
    assert _writes(client) == []


def test_override_through_the_form_is_stored_and_audited(web: Web) -> None:
    client, _ = web
    row = first_commitment(client)
    login(client)
    page = client.get(f"/commitments/{row['id']}", params={"as_of": "2034-12-31"}).text
    assert 'name="as_of" value="2034-12-31"' in page  # the form says which day was shown
    new = "superseded" if row["status"] != "superseded" else "ongoing"
    r = client.post(f"/commitments/{row['id']}/override",
                    data={"status": new, "note": "fictional evidence", "as_of": "2034-12-31",
                          "source": "https://example.org/evidence", "csrf": csrf_of(page)},
                    follow_redirects=False)
    assert r.status_code == 303
    got = client.get(f"/commitments/{row['id']}.json",
                     params={"as_of": "2034-12-31"}).json()["commitment"]
    assert got["status"] == new and got["overrides"][-1]["author"] == USER
    entry = _writes(client)[0]
    assert entry["actor"] == USER and entry["via"] == "session"
    assert entry["action"] == "override" and entry["target"] == row["id"]
    assert entry["before"]["status"] == row["status"] and entry["after"]["status"] == new
    assert entry["at"]
    assert "fictional evidence" in client.get("/audit").text


def test_override_needs_a_valid_status_note_and_url(web: Web) -> None:
    client, _ = web
    row = first_commitment(client)
    login(client)
    token = csrf_of(client.get("/documents").text)
    for data, words in [({"status": "done", "note": "n"}, "status must be"),
                        ({"status": "fulfilled", "note": " "}, "note is required"),
                        ({"status": "fulfilled", "note": "n", "source": "javascript:alert(1)"},
                         "http(s) URL")]:
        r = client.post(f"/commitments/{row['id']}/override", data={**data, "csrf": token})
        assert r.status_code == 400 and words in r.text
    assert _writes(client) == []


def test_correction_of_item_metadata(web: Web) -> None:
    client, ids = web
    key = f"{ids['round2-zh']}-3"
    login(client)
    token = csrf_of(client.get(f"/items/{key}").text)
    r = client.post(f"/items/{key}/correct",
                    data={"title": "青年交流（更正）", "topic": "19.1", "csrf": token},
                    follow_redirects=False)
    assert r.status_code == 303
    item = client.get(f"/items/{key}.json").json()["item"]
    assert item["title"] == "青年交流（更正）" and item["topic"]["code"] == "19.1"
    assert sorted(item["corrected"]) == ["title", "topic"]
    doc = client.get(f"/documents/{ids['round2-zh']}.json").json()
    assert doc["items"][2]["title"] == "青年交流（更正）"
    entry = _writes(client)[0]
    assert entry["action"] == "correction" and entry["target"] == key
    assert entry["before"]["title"] == "青年交流" and entry["after"]["title"] == "青年交流（更正）"
    bad = client.post(f"/items/{key}/correct", data={"topic": "77.7", "csrf": token})
    assert bad.status_code == 400 and "unknown topic" in bad.text


def test_api_writes_need_a_bearer_token(web: Web) -> None:
    client, ids = web
    row = first_commitment(client)
    url = f"/api/commitments/{row['id']}/overrides"
    body = {"status": "ongoing", "note": "from the API"}
    missing = client.post(url, json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["status"] == 401
    wrong = client.post(url, json=body, headers={"Authorization": "Bearer lsk_forged"})
    assert wrong.status_code == 401
    login(client)  # a session cookie is not enough for the API
    assert client.post(url, json=body).status_code == 401
    ok = client.post(url, json=body, headers={"Authorization": f"Bearer {ids['token']}"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["audit"]["via"] == "token" and ok.json()["audit"]["actor"] == USER
    fix = client.post(f"/api/items/{ids['round2-zh']}-1/corrections", json={"title": "新标题"},
                      headers={"Authorization": f"Bearer {ids['token']}"})
    assert fix.status_code == 201 and fix.json()["row"] == {"title": "新标题"}
    bad = client.post(url, json={"status": "ongoing"},
                      headers={"Authorization": f"Bearer {ids['token']}"})
    assert bad.status_code == 400 and "note" in bad.json()["error"]["detail"]
    assert [e["action"] for e in _writes(client)] == ["correction", "override"]


def test_unknown_commitment_override_is_404(web: Web) -> None:
    client, ids = web
    r = client.post("/api/commitments/cnothing/overrides", json={"status": "ongoing",
                                                                "note": "n"},
                    headers={"Authorization": f"Bearer {ids['token']}"})
    assert r.status_code == 404
    assert _writes(client) == []


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def test_user_add_and_token_create_commands(cli: CliRunner, tmp_path) -> None:
    from luoshi.cli import app
    from luoshi.store import Ledger
    from luoshi.web.accounts import authenticate, user_for_token

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    added = cli.invoke(app, ["user", "add", "reviewer", "--db", db, "--password-stdin"],
                       input="long enough pw\n")
    assert added.exit_code == 0, added.output
    again = cli.invoke(app, ["user", "add", "reviewer", "--db", db, "--password-stdin"],
                       input="long enough pw\n")
    assert again.exit_code == 1 and "already exists" in again.output
    short = cli.invoke(app, ["user", "add", "other", "--db", db, "--password-stdin"],
                       input="short\n")
    assert short.exit_code == 1 and "at least 8" in short.output
    made = cli.invoke(app, ["token", "create", "reviewer", "--db", db])
    assert made.exit_code == 0
    token = made.output.strip().splitlines()[-1]
    nobody = cli.invoke(app, ["token", "create", "nobody", "--db", db])
    assert nobody.exit_code == 1 and "no user" in nobody.output
    with Ledger.open(db) as ledger, ledger.engine.begin() as conn:
        assert authenticate(conn, "reviewer", "long enough pw") is not None
        assert authenticate(conn, "reviewer", "wrong") is None
        who = user_for_token(conn, token)
        assert who is not None and who.name == "reviewer"
