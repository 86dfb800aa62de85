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
    """Whom a criterion or indicator applies to; a detail not recorded rules nothing out."""
    for attribute, allowed in (owner.get("applies_to") or {}).items():
        if attribute in pilot and pilot[attribute] not in allowed:
            return False
    return True


def strength(links: list[dict], kinds: dict[str, str]) -> str:
    types = {link["source"] for link in links}
    if not types:
        return "none"
    if len(types) == 1:
        return "single source"
    return "triangulated" if len({kinds[t] for t in types}) == 2 else "corroborated"


def contested(links: list[dict]) -> bool:
    supporters = {link["perspective"] for link in links if link["stance"] == "supports"}
    challengers = {link["perspective"] for link in links if link["stance"] == "challenges"}
    return any(s != c for s in supporters for c in challengers)


def criteria_of(framework: dict) -> list[tuple[dict, str, str | None]]:
    out = []
    for aspect in framework["aspects"]:
        for level in aspect.get("levels", []):
            out += [(c, aspect["id"], level["id"]) for c in level["criteria"]]
        out += [(c, aspect["id"], None) for c in aspect.get("criteria", [])]
    return out


def score(framework: dict, evidence: dict) -> dict:
    """An evidence file scored as the README says, in the shape of ``laaeval score --format
    json`` (the fields the tests compare)."""
    scale_max = max(p["value"] for p in framework["scale"])
    labels = {p["value"]: p["label"] for p in framework["scale"]}
    kinds = {s["id"]: s["kind"] for s in framework["source_types"]}
    pilot = evidence["pilot"]
    judgements = evidence.get("judgements") or {}
    links: dict[str, list[dict]] = {}
    for item in evidence.get("evidence") or []:
        for unit, stance in item["bears_on"].items():
            links.setdefault(unit, []).append({"item": item["id"], "source": item["source"],
                                               "kind": kinds[item["source"]],
                                               "perspective": item["perspective"],
                                               "stance": stance})  # fmt: skip
    criteria = []
    for c, aspect_id, level_id in criteria_of(framework):
        units = c["indicators"] or [{"id": c["id"], "text": c["text"]}]
        indicators = []
        for u in units:
            j = judgements.get(u["id"], {})
            rating = j.get("rating")
            if not (applies(c, pilot) and applies(u, pilot)) or rating == "n/a":
                status, rating = "not applicable", None
            elif rating is None:
                status = "no judgement yet"
            else:
                status = "rated"
            mine = links.get(u["id"], [])
            indicators.append({
                "id": u["id"], "status": status, "rating": rating,
                "rating_label": labels.get(rating), "weight": decimal(u.get("weight", 1)),
                "score": None if rating is None else half_up(Fraction(rating * 100, scale_max)),
                "strength": strength(mine, kinds), "contested": contested(mine),
                "unsupported": rating is not None and not mine, "evidence": mine,
            })  # fmt: skip
        live = [i for i in indicators if i["status"] != "not applicable"]
        rated = [i for i in live if i["status"] == "rated"]
        m = mean([(Fraction(i["rating"]), i["weight"]) for i in rated])
        value = None if m is None else half_up(m * 100 / scale_max)
        every = [link for i in live for link in i["evidence"]]
        consulted = {link["source"] for link in every}
        criteria.append({
            "id": c["id"], "aspect": aspect_id, "level": level_id,
            "weight": decimal(c.get("weight", 1)), "applicable": bool(live),
            "score": value, "band": band(framework, value), "judged": len(rated),
            "applicable_indicators": len(live),
            "coverage": half_up(Fraction(100 * len(rated), len(live))) if live else None,
            "strength": strength(every, kinds), "contested": any(i["contested"] for i in live),
            "unsupported": sum(i["unsupported"] for i in live),
            "evidence_items": list(dict.fromkeys(link["item"] for link in every)),
            "gaps": [s["text"] for s in c.get("sources", [])
                     if live and not consulted & set(s["types"])],
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
        kinds_of = ("none", "single source", "corroborated", "triangulated")
        return {
            "kind": kind, "id": ident, "score": value, "band": band(framework, value),
            "judged": judged, "applicable": total,
            "coverage": half_up(Fraction(100 * judged, total)) if total else None,
            "criteria": members, "criteria_applicable": len(live), "criteria_scored": len(scored),
            "strength": {s: sum(1 for c in live if c["strength"] == s) for s in kinds_of},
            "contested": sum(1 for c in live if c["contested"]),
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
