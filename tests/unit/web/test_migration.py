"""Migration branch 0003_web: its tables come and go with it, nothing else moves."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from luoshi.store import Ledger
from luoshi.store.migrate import current_revisions, downgrade, upgrade

WEB_TABLES = {"users", "tokens", "audit", "corrections"}


def test_branch_downgrades_and_upgrades_alone(tmp_path: Path) -> None:
    with Ledger.open(f"sqlite:///{tmp_path / 'm.db'}") as ledger:
        assert "0003_web" in current_revisions(ledger.engine)
        before = set(sa.inspect(ledger.engine).get_table_names())
        assert before >= WEB_TABLES
        downgrade(ledger.engine, "0003_web@-1")
        assert "0003_web" not in current_revisions(ledger.engine)
        after = set(sa.inspect(ledger.engine).get_table_names())
        assert after == before - WEB_TABLES
        upgrade(ledger.engine)
        assert set(sa.inspect(ledger.engine).get_table_names()) == before
