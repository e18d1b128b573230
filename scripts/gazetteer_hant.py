"""Fill the Traditional-script columns of the gazetteer from the Simplified ones.

    .venv/bin/python scripts/gazetteer_hant.py            # fill empty cells, rewrite files
    .venv/bin/python scripts/gazetteer_hant.py --check    # exit 1 if anything would change
    .venv/bin/python scripts/gazetteer_hant.py --review   # list cells worth a human look

Editors write the Simplified columns only (zh, zh_aliases, zh_short, title_zh,
form) and leave the Traditional ones empty; this script converts them with
OpenCC ``s2tw`` and writes the result back, so the data shows both scripts.

* A non-empty Traditional cell is never overwritten: that is how a human fix of
  an OpenCC mistake is kept. A multi-valued cell is regenerated only when its
  item count no longer matches the Simplified one (an alias was added).
* Known OpenCC mistakes for names are corrected by ``FIXES`` below, so a
  regenerated cell comes out right too.
* A missing Traditional column is inserted after its Simplified column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "luoshi" / "data" / "gazetteer"
SEP = "|"

# (Simplified column, Traditional column) pairs per kind of file.
PAIRS = {
    "entity": (("zh", "zh_hant"), ("zh_aliases", "zh_hant_aliases"), ("zh_short", "zh_hant_short")),
    "roles.tsv": (("title_zh", "title_zh_hant"),),
    "ambiguous.tsv": (("form", "form_hant"),),
}
MULTI = {"zh_aliases", "zh_short", "title_zh"}

# Where s2t picks the wrong character for a name. Applied to the converted text,
# so a fix for a word also fixes every longer name containing it.
FIXES: dict[str, str] = {
    "臺灣": "台灣",  # the seeds (and most current sources) write 台灣
    "馬裡": "馬里",  # Mali: 里 is phonetic here, not 裡 "inside"
    "伙伴": "夥伴",  # OpenCC leaves 伙伴 in some compounds (合作伙伴關係)
}
# Characters whose Simplified form stands for several Traditional ones; a cell
# containing one is listed by --review so a human can confirm the choice.
REVIEW_CHARS = set("干后发里系台制面范余准历钟松征注云复汇尽冲丑卜朴斗谷叶只于")


class Converter:
    def __init__(self) -> None:
        # s2tw: standard Traditional glyphs as used in Taiwan and by the seeds (為, 峰,
        # 秘), without s2twp's vocabulary changes, which would rename agencies.
        self._cc = opencc.OpenCC("s2tw")

    def __call__(self, text: str) -> str:
        out = self._cc.convert(text)
        for wrong, right in FIXES.items():
            out = out.replace(wrong, right)
        return out


def _kind(path: Path) -> str:
    return path.name if path.name in ("roles.tsv", "ambiguous.tsv") else "entity"


def process(path: Path, convert: Converter, review: bool) -> tuple[list[str], list[str]]:
    """Return (new lines, notes) for one file."""
    pairs = PAIRS[_kind(path)]
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    notes: list[str] = []
    header: list[str] | None = None
    insert_at: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            for simp, trad in pairs:
                if simp in header and trad not in header:
                    header.insert(header.index(simp) + 1, trad)
                    insert_at[trad] = header.index(trad)
                    notes.append(f"{path.name}: added column {trad}")
            out.append("\t".join(header))
            continue
        for idx in sorted(insert_at.values()):
            if len(cells) >= idx:
                cells.insert(idx, "")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells, strict=False))
        for simp, trad in pairs:
            if simp not in header:
                continue
            src = row[simp].strip()
            cur = row[trad].strip()
            if simp in MULTI:
                items = [p.strip() for p in src.split(SEP) if p.strip()]
                have = [p.strip() for p in cur.split(SEP) if p.strip()]
                if len(have) != len(items):
                    new = SEP.join(convert(i) for i in items)
                    if cur:
                        notes.append(f"{path.name}:{lineno}: regenerated {trad} (count changed)")
                    row[trad] = new
            elif src and not cur:
                row[trad] = convert(src)
            elif src and cur != convert(src):
                notes.append(
                    f"{path.name}:{lineno}: kept manual {trad} {cur!r} (s2t: {convert(src)!r})"
                )
            if review and set(src) & REVIEW_CHARS:
                notes.append(f"{path.name}:{lineno}: review {simp}={src!r} -> {row[trad]!r}")
        new_cells = [row[c] for c in header]
        # trailing empty cells are noise in a hand-edited file
        while new_cells and not new_cells[-1].strip():
            new_cells.pop()
        out.append("\t".join(new_cells))
    return out, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="report, do not write; exit 1 on changes")
    ap.add_argument("--review", action="store_true", help="list cells with ambiguous characters")
    ap.add_argument("--dir", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)
    convert = Converter()
    changed = 0
    for path in sorted(args.dir.glob("*.tsv")):
        new_lines, notes = process(path, convert, args.review)
        for note in notes:
            print(note)
        text = "\n".join(new_lines) + "\n"
        if text != path.read_text(encoding="utf-8"):
            changed += 1
            if args.check:
                print(f"{path.name}: Traditional columns out of date")
            else:
                path.write_text(text, encoding="utf-8")
                print(f"{path.name}: updated")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
