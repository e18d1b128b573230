"""What changed between two consecutive items of a thread.

``diff_items(a, b)`` compares the facts the extract stage found in each item:
commitments (matched by action, verb and object), their deadlines, quantities of
the same measure, series ordinals, the heading, and the wording of the core
sentence. Every fact it reports cites its document, item number, text and source
span, so the ledger can show each change beside the words it was read from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from luoshi.clean.common import simplified
from luoshi.link.chardiff import char_changes
from luoshi.link.config import DiffRules, LinkRules, rules
from luoshi.link.refs import ItemRef, norm_range
from luoshi.link.text import bigrams, dice

Fact = dict[str, Any]


def diff_items(a: ItemRef, b: ItemRef, link_rules: LinkRules | None = None) -> dict[str, Any]:
    """JSON-ready account of how item ``b`` (later) differs from item ``a``."""
    r = (link_rules or rules()).diff
    kept, added, dropped = match_commitments(a, b, r)
    out: dict[str, Any] = {
        "from": a.cite(),
        "to": b.cite(),
        "title": {"from": _heading(a), "to": _heading(b),
                  "changed": _norm(a.item.title) != _norm(b.item.title)},
        "deadlines": deadline_changes(a, b, kept, r),
        "quantities": quantity_changes(a, b),
        "commitments": {
            "kept": [{"from": _commitment(a, ca), "to": _commitment(b, cb),
                      "similarity": round(s, 3)} for ca, cb, s in kept],
            "added": [_commitment(b, c) for c in added],
            "dropped": [_commitment(a, c) for c in dropped],
        },
        "series": series_changes(a, b),
        "wording": wording_change(a, b),
    }
    out["summary"] = _summary(out)
    return out


# -- commitments --------------------------------------------------------------------------

def _heading(ref: ItemRef) -> dict[str, Any]:
    span = ref.item.title_span
    return {"doc": ref.doc.source.sha256, "item": ref.item.number, "text": ref.item.title,
            "span": list(span) if span else None}


def _norm(s: str | None) -> str:
    return simplified(s).strip() if s else ""


def commitment_similarity(ca: Fact, cb: Fact, r: DiffRules) -> float:
    same_action = ca.get("action") == cb.get("action") and ca.get("action") not in (None, "other")
    same_verb = bool(ca.get("verb")) and ca.get("verb") == cb.get("verb")
    obj = dice(bigrams(_norm(ca.get("object"))), bigrams(_norm(cb.get("object"))))
    return r.action_weight * same_action + r.verb_weight * same_verb + r.object_weight * obj


def match_commitments(a: ItemRef, b: ItemRef, r: DiffRules
                      ) -> tuple[list[tuple[Fact, Fact, float]], list[Fact], list[Fact]]:
    """(kept pairs, added in b, dropped from a): one-to-one, best pairs first,
    ties to the earlier commitments."""
    ca = a.item.facts.get("commitments", [])
    cb = b.item.facts.get("commitments", [])
    scored = sorted(
        ((-commitment_similarity(x, y, r), i, j) for i, x in enumerate(ca)
         for j, y in enumerate(cb)),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept: list[tuple[int, int, float]] = []
    for neg, i, j in scored:
        if -neg < r.commitment_match:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        kept.append((i, j, -neg))
    kept.sort()
    return ([(ca[i], cb[j], s) for i, j, s in kept],
            [c for j, c in enumerate(cb) if j not in used_b],
            [c for i, c in enumerate(ca) if i not in used_a])


def _cite_span(ref: ItemRef, span: list[int] | tuple[int, int]) -> dict[str, Any]:
    return ref.cite_range(*norm_range(ref.doc, ref.item, span))


def _commitment(ref: ItemRef, c: Fact) -> dict[str, Any]:
    out = _cite_span(ref, c["span"])
    out.update({"action": c.get("action"), "verb": c.get("verb"), "object": c.get("object"),
                "modality": c.get("modality"), "due": c.get("due"),
                "sentence": c.get("text")})
    return out


# -- deadlines ------------------------------------------------------------------------------

def due_of(ref: ItemRef, c: Fact) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(due interval, cited evidence) of a commitment.

    The commitment's own ``due`` when the extractor attached one, else a dated time
    expression inside the commitment's clause ("计划于2016年6月底前力争实现…"),
    which the extractor sometimes leaves unattached.
    """
    due = c.get("due")
    if due and (due.get("start") or due.get("end")):
        ev = _cite_span(ref, c["span"])
        ev["text_of_due"] = c.get("due_text")
        return due, ev
    s, e = c["span"]
    for t in ref.item.facts.get("times", []):
        ts, te = t["span"]
        if s <= ts and te <= e and (t.get("start") or t.get("end")):
            start = None if t.get("kind") == "deadline" else t.get("start")
            return {"start": start, "end": t.get("end")}, ref.cite_fact(t, inferred=True)
    return None, None


def _days(x: str | None, y: str | None) -> int | None:
    try:
        return (date.fromisoformat(y[:10]) - date.fromisoformat(x[:10])).days  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def _dated_sibling(ref: ItemRef, c: Fact, r: DiffRules
                   ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The due of the most similar commitment of the same action in the same item.

    "决定…举行一次法律顾问磋商。本次磋商定于2014年10月…" states the meeting and its
    date in two clauses; the date of the second is the deadline of the first.
    """
    best: tuple[float, Fact] | None = None
    for other in ref.item.facts.get("commitments", []):
        if other is c or other.get("action") != c.get("action"):
            continue
        s = commitment_similarity(c, other, r)
        if due_of(ref, other)[0] is not None and (best is None or s > best[0]):
            best = (s, other)
    return due_of(ref, best[1]) if best else (None, None)


def deadline_changes(a: ItemRef, b: ItemRef, kept: list[tuple[Fact, Fact, float]],
                     r: DiffRules | None = None) -> list[dict[str, Any]]:
    r = r or rules().diff
    out = []
    for ca, cb, _s in kept:
        da, ea = due_of(a, ca)
        db, eb = due_of(b, cb)
        if da is None and db is None:
            continue
        if da is None:
            da, ea = _dated_sibling(a, ca, r)
        if db is None:
            db, eb = _dated_sibling(b, cb, r)
        if da is not None and db is not None and da.get("start") == db.get("start") \
                and da.get("end") == db.get("end"):
            continue
        kind = "moved" if da and db else ("set" if db else "dropped")
        change: dict[str, Any] = {
            "kind": kind, "action": cb.get("action"), "object": cb.get("object"),
            "from": {"due": da, "evidence": ea}, "to": {"due": db, "evidence": eb},
        }
        if da and db:
            change["end_days"] = _days(da.get("end"), db.get("end"))
            change["start_days"] = _days(da.get("start"), db.get("start"))
        out.append(change)
    return out


# -- quantities -----------------------------------------------------------------------------

def _measure(q: Fact) -> str | None:
    return q.get("measure") or q.get("counts")


def quantity_changes(a: ItemRef, b: ItemRef) -> list[dict[str, Any]]:
    """Quantities of the same measure whose value (or unit) changed: 317次 → 387次
    联合验证. Within a measure, quantities pair in order of appearance."""
    def by_measure(ref: ItemRef) -> dict[str, list[Fact]]:
        out: dict[str, list[Fact]] = {}
        for q in ref.item.facts.get("quantities", []):
            m = _measure(q)
            if m and q.get("value") is not None:
                out.setdefault(_norm(m), []).append(q)
        return out

    qa, qb = by_measure(a), by_measure(b)
    out = []
    for m in sorted(qa.keys() & qb.keys()):
        for x, y in zip(qa[m], qb[m], strict=False):
            if x["value"] == y["value"] and x.get("unit") == y.get("unit"):
                continue
            delta = y["value"] - x["value"] if _number(x) and _number(y) else None
            out.append({
                "measure": y.get("measure") or m,
                "from": a.cite_fact(x, value=x["value"], unit=x.get("unit")),
                "to": b.cite_fact(y, value=y["value"], unit=y.get("unit")),
                "delta": delta,
                # 317次 (verifications) → 437家 (companies): the count changed kind
                "unit_changed": x.get("unit") != y.get("unit"),
            })
    return out


def _number(q: Fact) -> bool:
    return isinstance(q.get("value"), int | float)


# -- series ---------------------------------------------------------------------------------

def series_changes(a: ItemRef, b: ItemRef) -> list[dict[str, Any]]:
    """Per series both items name: the highest ordinal in each (advanced when b's is
    higher), and the ordinals a planned that b reports as held."""
    def by_id(ref: ItemRef) -> dict[str, list[Fact]]:
        out: dict[str, list[Fact]] = {}
        for s in ref.item.facts.get("series", []):
            if s.get("id"):
                out.setdefault(s["id"], []).append(s)
        return out

    sa, sb = by_id(a), by_id(b)
    out = []
    for sid in sorted(sa.keys() & sb.keys()):
        xa = _top(sa[sid])
        xb = _top(sb[sid])
        oa, ob = xa.get("ordinal"), xb.get("ordinal")
        planned = {s.get("ordinal") for s in sa[sid] if s.get("status") == "planned"}
        held = [s for s in sb[sid] if s.get("status") == "held" and s.get("ordinal") in planned
                and s.get("ordinal") is not None]
        if oa == ob and not held:
            continue
        out.append({
            "id": sid, "name": xb.get("name") or xa.get("name"),
            "from": a.cite_fact(xa, ordinal=oa, status=xa.get("status")),
            "to": b.cite_fact(xb, ordinal=ob, status=xb.get("status")),
            "advanced_by": ob - oa if isinstance(oa, int) and isinstance(ob, int) else None,
            "held_as_planned": [b.cite_fact(s, ordinal=s.get("ordinal"), date=s.get("date"))
                                for s in held],
        })
    return out


def _top(mentions: list[Fact]) -> Fact:
    """The mention with the highest ordinal (the first when none has one)."""
    numbered = [s for s in mentions if isinstance(s.get("ordinal"), int)]
    return max(numbered, key=lambda s: s["ordinal"]) if numbered else mentions[0]


# -- wording --------------------------------------------------------------------------------

def core_sentence(ref: ItemRef) -> Fact | None:
    """The first commitment sentence, else the first sentence after the heading."""
    sents = [s for s in ref.item.facts.get("sentences", []) if not s.get("heading")]
    for s in sents:
        if s.get("class") == "commitment":
            return s
    return sents[0] if sents else None


def wording_change(a: ItemRef, b: ItemRef) -> dict[str, Any] | None:
    """The core sentence of ``a`` against its counterpart in ``b``.

    The counterpart is the sentence of ``b`` most like it, whatever its class: a
    commitment often comes back as a past event ("决定签署…" → "签署了…"), which is
    the change worth showing. Only when no sentence of ``b`` is like it does ``b``'s
    own core sentence stand in.
    """
    sa = core_sentence(a)
    if sa is None:
        return None
    ra = norm_range(a.doc, a.item, sa["span"])
    grams_a = bigrams(a.item.normalized[ra[0]:ra[1]])
    best: tuple[float, Fact, tuple[int, int]] | None = None
    for s in b.item.facts.get("sentences", []):
        if s.get("heading"):
            continue
        rs = norm_range(b.doc, b.item, s["span"])
        sim = dice(grams_a, bigrams(b.item.normalized[rs[0]:rs[1]]))
        if best is None or sim > best[0]:
            best = (sim, s, rs)
    if best is not None and best[0] >= _COUNTERPART:
        sb, rb, how = best[1], best[2], "similar"
    else:
        core_b = core_sentence(b)
        if core_b is None:
            return None
        sb, rb, how = core_b, norm_range(b.doc, b.item, core_b["span"]), "core"
    diff = char_changes(a, ra, b, rb)
    return {"from": a.cite_fact(sa), "to": b.cite_fact(sb), "counterpart": how, **diff}


# Bigram Dice from which a sentence of the later item counts as the same sentence
# reworded rather than another sentence.
_COUNTERPART = 0.3


# -- summary --------------------------------------------------------------------------------

def _summary(d: dict[str, Any]) -> list[str]:
    """One line per change, for a terminal or a log."""
    lines = []
    if d["title"]["changed"]:
        lines.append(f"heading: {d['title']['from']['text']} → {d['title']['to']['text']}")
    for c in d["deadlines"]:
        f, t = (c["from"]["due"] or {}).get("end"), (c["to"]["due"] or {}).get("end")
        days = c.get("end_days")
        shift = f" ({days:+d} days)" if isinstance(days, int) else ""
        lines.append(f"deadline {c['kind']} for {c['object'] or c['action']}: {f} → {t}{shift}")
    for q in d["quantities"]:
        lines.append(f"{q['measure']}: {q['from']['value']}{q['from']['unit'] or ''} → "
                     f"{q['to']['value']}{q['to']['unit'] or ''}")
    for s in d["series"]:
        lines.append(f"series {s['name'] or s['id']}: {s['from']['ordinal']} → "
                     f"{s['to']['ordinal']}")
    cm = d["commitments"]
    if cm["added"] or cm["dropped"]:
        lines.append(f"commitments: {len(cm['added'])} added, {len(cm['dropped'])} dropped, "
                     f"{len(cm['kept'])} kept")
    w = d["wording"]
    if w and w["changes"]:
        lines.append(f"core sentence reworded (similarity {w['similarity']}, "
                     f"{len(w['changes'])} changes)")
    return lines
