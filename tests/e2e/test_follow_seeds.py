"""Issue 4's acceptance checks, through the CLI, on the five real seed documents.

The seeds are ingested into a temporary SQLite ledger with `luoshi ingest`,
linked with `luoshi link`, and every check reads `track/timeline/thread --json`
(ids as `luoshi list --json` gives them). Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from luoshi.cli import app
from luoshi.follow.schema import validate

pytestmark = pytest.mark.seeds

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
PREFIXES = ("000", "001", "002", "003", "004")
AS_OF = "2016-12-31"


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cli_json(*args: str) -> Any:
    return json.loads(cli(*args, "--json"))


def _ids(db: str) -> dict[str, str]:
    """Seed prefix → ledger document id, from `luoshi list --json`."""
    out = {}
    for d in cli_json("list", "--db", db):
        for s in d["sources"]:
            out[Path(s["path"]).name[:3]] = d["id"]
    return out


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    db = f"sqlite:///{tmp_path_factory.mktemp('follow') / 'seeds.db'}"
    cli("ingest", "--no-link", "--db", db, str(SEEDS))  # link below, on its own
    summary = cli_json("link", "--db", db)
    validate("linkSummary", summary)
    assert summary["documents"] == 5 and not summary["skipped"]
    yield db, _ids(db)


def timeline(db: str, name: str) -> dict[str, Any]:
    tl = cli_json("timeline", name, "--db", db, "--as-of", AS_OF)
    validate("timeline", tl)
    return tl


def occ(tl: dict[str, Any], n: int) -> dict[str, Any]:
    (o,) = [o for o in tl["occurrences"] if o["ordinal"] == n]
    return o


def docs(o: dict[str, Any], role: str) -> set[str]:
    return {s["doc"] for s in o["sources"] if s["role"] == role}


def iv(start: str | None, end: str | None) -> dict[str, str | None]:
    return {"start": start, "end": end}


def test_strategic_security_dialogue_held(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    tl = timeline(db, "中美战略安全对话")
    assert tl == timeline(db, "U.S.-China Strategic Security Dialogue")  # English name too
    for n, day, prefix in ((4, "2014-07-08", "001"), (5, "2015-06-22", "003"),
                           (6, "2016-06-05", "000")):
        o = occ(tl, n)
        assert o["status"] == "held" and o["date"] == iv(day, day)
        assert ids[prefix] in docs(o, "held")
        held = next(s for s in o["sources"] if s["role"] == "held" and s["doc"] == ids[prefix])
        assert "战略安全对话" in held["text"].replace(" ", "")


def test_jlg_plenaries(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    tl = timeline(db, "中美执法合作联合联络小组全体会议")
    twelfth, thirteenth, fourteenth = occ(tl, 12), occ(tl, 13), occ(tl, 14)
    assert twelfth["planned"] == iv("2014-09-01", "2014-11-30") and twelfth["place"] == "中国"
    assert ids["001"] in docs(twelfth, "planned")
    assert twelfth["status"] == "held" and ids["003"] in docs(twelfth, "held")
    assert thirteenth["planned"] == iv("2015-09-01", "2015-11-30")
    assert thirteenth["place"] == "美国" and ids["003"] in docs(thirteenth, "planned")
    assert thirteenth["status"] == "held" and ids["000"] in docs(thirteenth, "held")
    # planned for 2016 by the 8th round, restated for autumn 2016 by the Hangzhou list
    assert docs(fourteenth, "planned") == {ids["000"], ids["002"]}
    assert fourteenth["planned"] == iv("2016-09-01", "2016-11-30")
    assert fourteenth["place"] == "中国"
    early = cli_json("timeline", tl["series"]["id"], "--db", db, "--as-of", "2016-09-03")
    assert occ(early, 14)["status"] == "planned" and occ(tl, 14)["status"] == "overdue"
    rows = cli_json("track", "--db", db, "--as-of", AS_OF)
    restated = [r for r in rows if r["doc"] == ids["000"] and "第十四次" in r["text"]]
    assert [r["status"] for r in restated] == ["superseded"]
    assert restated[0]["evidence"][0]["doc"] == ids["002"]


def test_legal_advisers_consultations(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    tl = timeline(db, "法律顾问磋商")
    for n, planned, place, prefix in (
        (1, iv("2014-10-01", "2014-10-31"), "华盛顿", "001"),
        (2, iv("2015-10-01", "2015-10-31"), "北京", "003"),
        (3, iv("2016-10-01", "2016-12-31"), "华盛顿", "000"),
    ):
        o = occ(tl, n)
        assert (o["planned"], o["place"]) == (planned, place)
        assert ids[prefix] in docs(o, "planned")


def test_disability_affairs_meeting(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    tl = timeline(db, "残疾人事务协调会")
    first = occ(tl, 1)
    assert first["planned"] == iv("2014-12-01", "2015-01-31")
    assert first["date"] == iv("2015-04-14", "2015-04-15")
    assert first["status"] == "held-late"
    assert ids["001"] in docs(first, "planned") and ids["003"] in docs(first, "held")
    second, third = occ(tl, 2), occ(tl, 3)
    assert second["planned"] == iv("2016-04-01", "2016-04-30") and second["place"] == "北京"
    assert ids["003"] in docs(second, "planned")
    assert third["planned"] == iv("2017-04-01", "2017-04-30")
    assert ids["000"] in docs(third, "planned")
    rows = cli_json("track", "--db", db, "--as-of", AS_OF)
    (planned,) = [r for r in rows if r["doc"] == ids["001"] and "残障人士协调会议" in r["text"]]
    assert planned["status"] == "fulfilled-late" and planned["score"] == 0
    assert planned["evidence"][0]["doc"] == ids["003"]
    assert planned["evidence"][0]["date"] == iv("2015-04-14", "2015-04-15")


def test_china_garden_construction_start_moves(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    rows = cli_json("track", "--db", db, "--as-of", AS_OF, "--topic", "23")
    validate("trackerRows", rows)

    def find(prefix: str, *needles: str) -> dict[str, Any]:
        (hit,) = [r for r in rows if r["doc"] == ids[prefix]
                  and all(n in r["text"].replace(" ", "") for n in needles)]
        return hit

    first = find("001", "2016年6月底前", "中国园开工建设")
    later = find("003", "2016年10月30日前", "中国园项目开工建设")
    assert first["due"] == iv(None, "2016-06-30")
    assert first["status"] == "superseded" and first["superseded_by"] == later["id"]
    assert first["evidence"][0]["doc"] == ids["003"]
    assert later["due"] == iv(None, "2016-10-30") and later["status"] != "superseded"
    before = cli_json("track", "--db", db, "--as-of", "2016-07-01", "--status", "pending")
    assert later["id"] in {r["id"] for r in before}
    th = cli_json("thread", ids["001"], "18", "--db", db)
    validate("thread", th)
    assert [(i["doc"], i["item"]) for i in th["items"]] == [
        (ids["001"], 18), (ids["003"], 21), (ids["000"], 21)]
    moved = [c for c in th["diffs"][0]["deadlines"] if c["kind"] == "moved"]
    assert [(c["from"]["due"]["end"], c["to"]["due"]["end"]) for c in moved] == [
        ("2016-06-30", "2016-10-30")]


def test_joint_verifications_317_387_437(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    th = cli_json("thread", ids["001"], "12", "--db", db)
    validate("thread", th)
    assert [(i["doc"], i["item"]) for i in th["items"]][:3] == [
        (ids["001"], 12), (ids["003"], 15), (ids["000"], 19)]
    assert all(i["score"] > 0 for i in th["items"][1:])
    values = [(q["from"]["value"], q["to"]["value"]) for d in th["diffs"][:2]
              for q in d["quantities"] if q["measure"] == "联合验证"]
    assert values == [(317, 387), (387, 437)]
    # the same thread is found from its middle item
    assert cli_json("thread", ids["003"], "15", "--db", db) == th


def test_every_output_cites_ledger_ids(ledger: tuple[str, dict[str, str]]) -> None:
    db, ids = ledger
    known = set(ids.values())
    rows = cli_json("track", "--db", db, "--as-of", AS_OF)
    assert len(rows) > 400
    text = json.dumps(rows) + json.dumps(cli_json("diff", ids["001"], ids["003"], "--db", db))
    assert set(re.findall(r'"doc": "([^"]+)"', text)) <= known


def test_relinking_is_a_no_op(ledger: tuple[str, dict[str, str]]) -> None:
    db, _ = ledger
    before = cli("track", "--db", db, "--as-of", AS_OF, "--json")
    again = cli_json("link", "--db", db)
    assert again["skipped"]
    assert cli("track", "--db", db, "--as-of", AS_OF, "--json") == before


def test_adding_documents_one_by_one_gives_the_same_result(
    ledger: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = ledger
    steps = f"sqlite:///{tmp_path / 'steps.db'}"
    for path in sorted(SEEDS.iterdir(), reverse=True):  # newest round last is not assumed
        cli("ingest", "--db", steps, str(path))
        cli("link", "--db", steps)

    def outputs(url: str) -> list[str]:
        out = [cli("track", "--db", url, "--as-of", day, "--json")
               for day in ("2015-01-01", "2016-06-30", AS_OF)]
        series = cli_json("series", "--db", url, "--as-of", AS_OF)
        out += [cli("timeline", s["id"], "--db", url, "--as-of", AS_OF, "--json")
                for s in series]
        return out

    assert outputs(steps) == outputs(db)
