"""Second implementations for the tests to check laaeval against, written from the README's
rules with PyYAML and fractions.Fraction, and sharing no code with laaeval."""

from __future__ import annotations

import hashlib
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fingerprint(path: Path) -> str:
    """A framework's fingerprint as the README defines it: SHA-256 of its content as JSON
    with sorted keys, so blind to comments, layout and key order."""
    canonical = json.dumps(load(path), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# -- scoring, from the README's "How scores are worked out" ---------------------------------


def half_up(value: Fraction) -> float:
    """One decimal place, halves upwards, on the exact value."""
    whole = math.floor(value * 10 + Fraction(1, 2))
    return whole / 10


def mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    weight = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / weight if pairs else None


def decimal(value: Any) -> Fraction:
    return Fraction(str(value))


def band(framework: dict, score: float | None) -> dict | None:
    if score is None:
        return None
    for b in framework["bands"]:  # highest min first
        if Fraction(str(score)) >= decimal(b["min"]):
            return {"id": b["id"], "label": b["label"]}
    return None


def applies(owner: dict, pilot: dict) -> bool:
    """Whom a criterion or indicator applies to; a detail not recorded, or "mixed" in a
    group of pilots, rules nothing out."""
    for attribute, allowed in (owner.get("applies_to") or {}).items():
        value = pilot.get(attribute)
        if value is not None and value != "mixed" and value not in allowed:
            return False
    return True


def sources_of(item: dict) -> list[str]:
    return item.get("sources") or ([item["source"]] if "source" in item else [])


def same_source(item: dict) -> tuple:
    """Two items are one source when they cite the same reference (and paragraph or page)
    for the same perspective, organisation and speaker; with no reference, when they repeat
    the same summary."""
    named = (item.get("organisation") or item.get("speaker") or "").casefold()
    fold = " ".join
    if item.get("reference"):
        return ("ref", item.get("perspective"), fold(named.split()),
                fold(item["reference"].casefold().split()), item.get("paragraph"),
                item.get("page"))  # fmt: skip
    return ("text", item.get("perspective"), fold(named.split()),
            fold(item["summary"].casefold().split()))


def strength(links: list[dict], kinds: dict[str, str]) -> tuple[str, int]:
    """Independent primary sources: none, one, two or more, and two or more with both
    people's views and documents."""
    primary = [link for link in links if link["basis"] == "primary"]
    independent = {link["source_key"] for link in primary}
    found_kinds = {kinds[t] for link in primary for t in link["sources"]}
    if not independent:
        return "none", 0
    if len(independent) == 1:
        return "single source", 1
    both = found_kinds == {"views", "documentation"}
    return ("triangulated" if both else "corroborated"), len(independent)


def disputed(links: list[dict], kinds: dict[str, str]) -> bool:
    """People's views (primary, from a source of the kind views) for and against one point,
    from two perspectives, or two named bodies within one."""
    views = [link for link in links if link["basis"] == "primary" and link["perspective"]
             and any(kinds[t] == "views" for t in link["sources"])]  # fmt: skip
    for s in (v for v in views if v["stance"] == "supports"):
        for c in (v for v in views if v["stance"] == "challenges"):
            if s["perspective"] != c["perspective"]:
                return True
            if s["named"] and c["named"] and s["named"] != c["named"]:
                return True
    return False


def criteria_of(framework: dict) -> list[tuple[dict, str, str | None]]:
    out = []
    for aspect in framework["aspects"]:
        for level in aspect.get("levels", []):
            out += [(c, aspect["id"], level["id"]) for c in level["criteria"]]
        out += [(c, aspect["id"], None) for c in aspect.get("criteria", [])]
    return out


def _links(evidence: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for item in evidence.get("evidence") or []:
        named = (item.get("organisation") or item.get("speaker") or "").casefold()
        for point, stance in item["bears_on"].items():
            out.setdefault(point, []).append({
                "item": item["id"], "sources": sources_of(item), "stance": stance,
                "basis": item.get("basis", "primary"), "perspective": item.get("perspective"),
                "named": " ".join(named.split()) or None, "source_key": same_source(item),
            })  # fmt: skip
    return out


def _verdict(rating: Any) -> bool:
    return isinstance(rating, str) and rating != "n/a"


def _percent(value: Fraction, scale_max: int) -> float:
    return half_up(value * 100 / scale_max)


def score(framework: dict, evidence: dict) -> dict:
    """An evidence file scored as the README says, in the shape of ``laaeval score --format
    json`` (the fields the tests compare)."""
    scale_max = max(p["value"] for p in framework["scale"])
    labels = {p["value"]: p["label"] for p in framework["scale"]}
    kinds = {s["id"]: s["kind"] for s in framework["source_types"]}
    below = decimal(framework.get("provisional_below", 50))
    verdicts = {v["id"]: {"id": v["id"], "label": v["label"]} for v in framework.get(
        "verdicts", [{"id": "too-early", "label": "Too early to say"},
                     {"id": "insufficient-evidence", "label": "Insufficient evidence"}])}
    pilot = evidence["pilot"]
    judgements = evidence.get("judgements") or {}
    links = _links(evidence)

    def banded(value: float | None, scored: int, total: int) -> tuple[Any, bool]:
        if value is None or not total:
            return band(framework, value), False
        if Fraction(100 * scored, total) < below:
            return None, True
        return band(framework, value), False

    criteria = []
    for c, aspect_id, level_id in criteria_of(framework):
        units = c["indicators"] or [{"id": c["id"], "text": c["text"]}]
        whole = judgements.get(c["id"], {}) if c["indicators"] else {}
        if c.get("judge", framework.get("judge", "either")) == "indicators":
            whole = {}
        indicators = []
        for u in units:
            j = judgements.get(u["id"], {})
            rating = j.get("rating")
            if not (applies(c, pilot) and applies(u, pilot)) or rating == "n/a":
                status, rating = "not applicable", None
            elif rating is None:
                status = "no judgement yet"
            elif _verdict(rating):
                status, rating = "verdict", None
            else:
                status = "rated"
            mine = links.get(u["id"], [])
            grade, count = strength(mine, kinds)
            indicators.append({
                "id": u["id"], "direct": not c["indicators"], "status": status, "rating": rating,
                "rating_label": labels.get(rating), "weight": decimal(u.get("weight", 1)),
                "verdict": verdicts.get(j.get("rating")) if status == "verdict" else None,
                "score": None if rating is None else half_up(Fraction(rating * 100, scale_max)),
                "strength": grade if status in ("rated", "verdict") else None,
                "primary_sources": count,
                "contested": disputed(mine, kinds)
                and judgements.get(c["id"], {}).get("contested") is not False,
                "unsupported": rating is not None
                and not any(link["basis"] == "primary" for link in mine), "evidence": mine,
            })  # fmt: skip
        live = [i for i in indicators if i["status"] != "not applicable"]
        own_rating = whole.get("rating")
        applicable = applies(c, pilot) and own_rating != "n/a" and bool(live or own_rating)
        rated = [i for i in live if i["status"] == "rated"]
        m = mean([(Fraction(i["rating"]), i["weight"]) for i in rated])
        from_indicators = None if m is None else _percent(m, scale_max)
        total = len(live) or 1
        beside, judged_as, verdict = None, None, None
        if not applicable:
            value, judged, scored, total = None, 0, 0, 0
            status = "not applicable"
        elif own_rating is not None:
            # Judged as a whole: that is the score, and every indicator is covered.
            value = None if _verdict(own_rating) else _percent(Fraction(own_rating), scale_max)
            judged, scored = total, (total if value is not None else 0)
            status = "scored" if value is not None else "verdict"
            beside, judged_as = from_indicators, "criterion"
            verdict = verdicts[own_rating] if _verdict(own_rating) else None
        elif c.get("judge", framework.get("judge", "either")) == "criterion" and c["indicators"]:
            value, scored, beside = None, 0, from_indicators
            judged = sum(1 for i in live if i["status"] in ("rated", "verdict"))
            status = "not yet judged"
        else:
            value, scored = from_indicators, len(rated)
            judged = sum(1 for i in live if i["status"] in ("rated", "verdict"))
            given = [i for i in live if i["status"] == "verdict"]
            status = ("scored" if value is not None
                      else "verdict" if given and len(given) == len(live) else "not yet judged")
            judged_as = "indicators" if value is not None else None
            if status == "verdict":  # the verdict most of its indicators were given
                ids = [judgements[i["id"]]["rating"] for i in given]
                verdict = verdicts[max(dict.fromkeys(ids), key=ids.count)]
        points = {c["id"]: links.get(c["id"], []) if c["indicators"] else []}
        points.update({i["id"]: i["evidence"] for i in live})
        every = [link for point in points.values() for link in point]
        consulted = {t for link in every for t in link["sources"]}
        grade, count = strength(every, kinds)
        finding = judgements.get(c["id"], {}).get("contested")
        people = any(disputed(point, kinds) for point in points.values())
        is_contested = applicable and (people if finding is None else finding)
        stances = {link["stance"] for link in every}
        shown_band, provisional = banded(value, scored, total)
        criteria.append({
            "id": c["id"], "aspect": aspect_id, "level": level_id,
            "weight": decimal(c.get("weight", 1)), "applicable": applicable, "status": status,
            "judged_as": judged_as, "verdict": verdict,
            "rating": own_rating if judged_as == "criterion" and not verdict else None,
            "rating_label": labels.get(own_rating) if judged_as == "criterion" else None,
            "score": value, "band": shown_band, "provisional": provisional,
            "judged": judged, "applicable_indicators": total, "scored": scored,
            "coverage": half_up(Fraction(100 * judged, total)) if total else None,
            "indicator_score": beside,
            "strength": grade if status in ("scored", "verdict") else None,
            "primary_sources": count, "contested": is_contested,
            "mixed": applicable and not is_contested and {"supports", "challenges"} <= stances,
            "unsupported": sum(i["unsupported"] for i in live)
            + int(own_rating is not None and not _verdict(own_rating)
                  and not any(link["basis"] == "primary" for link in every)),
            "evidence_items": list(dict.fromkeys(link["item"] for link in every)),
            "gaps": [s["text"] for s in c.get("sources", [])
                     if applicable and not consulted & set(s["types"])],
            "indicators": indicators,
        })  # fmt: skip
    by_id = {c["id"]: c for c in criteria}

    def group(kind: str, ident: str, members: list[str]) -> dict:
        live = [by_id[m] for m in members if by_id[m]["applicable"]]
        scored = [c for c in live if c["score"] is not None]
        m = mean([(decimal(c["score"]), c["weight"]) for c in scored])
        value = None if m is None else half_up(m)
        judged = sum(c["judged"] for c in live)
        total = sum(c["applicable_indicators"] for c in live)
        shown_band, provisional = banded(value, sum(c["scored"] for c in live), total)
        kinds_of = ("none", "single source", "corroborated", "triangulated")
        return {
            "kind": kind, "id": ident, "score": value, "band": shown_band,
            "provisional": provisional, "judged": judged, "applicable": total,
            "coverage": half_up(Fraction(100 * judged, total)) if total else None,
            "criteria": members, "criteria_applicable": len(live), "criteria_scored": len(scored),
            "strength": {s: sum(1 for c in live if c["strength"] == s) for s in kinds_of},
            "contested": sum(1 for c in live if c["contested"]),
            "mixed": sum(1 for c in live if c["mixed"]),
            "unsupported": sum(c["unsupported"] for c in live),
        }  # fmt: skip

    aspects = []
    for aspect in framework["aspects"]:
        members = [c["id"] for c, a, _ in criteria_of(framework) if a == aspect["id"]]
        entry = group("aspect", aspect["id"], members)
        entry["levels"] = [group("level", lv["id"], [c["id"] for c in lv["criteria"]])
                           for lv in aspect.get("levels", [])]  # fmt: skip
        aspects.append(entry)
    overall = group("overall", framework["id"], [c["id"] for c in criteria])
    return {"pilot": dict(pilot), "overall": overall, "aspects": aspects, "criteria": criteria}
