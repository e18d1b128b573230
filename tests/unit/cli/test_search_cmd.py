"""`luoshi search`: the ledger's full-text search from the shell."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from luoshi.cli import app

# fictional: no such round was ever held
LIST = """第九十九轮中美虚构对话具体成果清单

1、海关合作：中国海关总署与美国海关和边境保护局决定于2099年举行第三次虚构磋商。
2、文化交流：双方将继续推动青年交流。
"""


def _ingest(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--no-link", "--db", db, str(path)])
    assert result.exit_code == 0, result.stderr


def test_two_character_word_inside_a_longer_one_in_either_script(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    _ingest(runner, db, tmp_path)
    for query in ("海关", "海關"):
        result = runner.invoke(app, ["search", "--db", db, "--json", query])
        assert result.exit_code == 0, result.stderr
        found = json.loads(result.stdout)
        assert found["total"] == 1
        [hit] = found["hits"]
        assert hit["item"] == 1
        # 海关合作, 海关总署, 美国海关
        assert [hit["text"][a:b] for a, b in hit["marks"]] == ["海关"] * 3


def test_plain_output_names_the_item_and_blank_query_is_one_error_line(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    _ingest(runner, db, tmp_path)
    result = runner.invoke(app, ["search", "--db", db, "青年 交流"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1 items match")
    assert "item 2" in result.stdout
    blank = runner.invoke(app, ["search", "--db", db, "  "])
    assert blank.exit_code == 1
    assert blank.stderr.count("\n") == 1 and blank.stderr.startswith("error: search: empty query")
