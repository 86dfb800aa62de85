"""The complete scoring result as JSON: the document scripts read (``score/1``).

Its shape is published as ``laaeval schema score``; every other renderer shows a subset
of these same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model.framework import Band
from ..scoring.score import Assessment, CriterionScore, GroupScore, IndicatorScore
from ..text import coverage_pct

FORMAT = "score/1"


def render(assessments: Sequence[Assessment]) -> str:
    document = {"laaeval": FORMAT, "assessments": [to_dict(a) for a in assessments]}
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_dict(a: Assessment) -> dict[str, Any]:
    record, framework = a.record, a.framework
    pilot: dict[str, Any] = {"name": record.pilot.name, "round": record.pilot.round}
    pilot["region"] = record.pilot.region
    pilot.update(record.pilot.attributes)
    return {
        "file": record.path,
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "hash": framework.hash,
            "title": framework.title,
        },
        "pilot": pilot,
        "assessor": record.assessor,
        "created": record.created,
        "updated": record.updated,
        "scale": [{"value": p.value, "label": p.label} for p in framework.scale],
        "bands": [
            {"id": b.id, "label": b.label, "min": b.min, "colour": b.colour}
            for b in framework.bands
        ],
        "overall": _group(a.overall),
        "aspects": [_group(g) for g in a.aspects],
        "criteria": [_criterion(c) for c in a.criteria],
        "evidence": [
            {
                "id": e.id,
                "source": e.source,
                "perspective": e.perspective,
                "summary": e.summary,
                "quote": e.quote,
                "reference": e.reference,
                "link": e.link,
                "date": e.date,
                "bears_on": dict(e.bears_on),
            }
            for e in record.evidence
        ],
    }


def _band(band: Band | None) -> dict[str, str] | None:
    return None if band is None else {"id": band.id, "label": band.label}


def scored(
    score: float | None, band: object, judged: int, total: int, total_key: str = "applicable"
) -> dict[str, Any]:
    """The fields every scored thing has, in the order every JSON document gives them
    (this one, and the comparison's cells)."""
    return {"score": score, "band": band, "judged": judged, total_key: total,
            "coverage": coverage_pct(judged, total)}  # fmt: skip


def _group(g: GroupScore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": g.kind,
        "id": g.id,
        "title": g.title,
        **scored(g.score, _band(g.band), g.judged, g.total),
        "criteria": list(g.criteria),
        "criteria_applicable": g.criteria_applicable,
        "criteria_scored": g.criteria_scored,
        "strength": dict(g.strength),
        "contested": g.contested,
        "unsupported": g.unsupported,
    }
    if g.kind == "aspect":
        out["levels"] = [_group(lv) for lv in g.levels]
    return out


def _criterion(c: CriterionScore) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "aspect": c.aspect_id,
        "level": c.level_id,
        "weight": c.weight,
        "applicable": c.applicable,
        "not_applicable_reason": c.not_applicable_reason,
        **scored(c.score, _band(c.band), c.judged, c.total, "applicable_indicators"),
        "strength": c.strength,
        "contested": c.contested,
        "unsupported": c.unsupported,
        "evidence_items": list(c.evidence_items),
        "source_types": list(c.source_types),
        "gaps": [{"text": s.text, "types": list(s.types)} for s in c.gaps],
        "indicators": [_indicator(i) for i in c.indicators],
    }


def _indicator(i: IndicatorScore) -> dict[str, Any]:
    return {
        "id": i.id,
        "text": i.text,
        "direct": i.direct,
        "weight": i.weight,
        "status": i.status,
        "rating": i.rating,
        "rating_label": i.rating_label,
        "rationale": i.rationale,
        "not_applicable_reason": i.not_applicable_reason,
        "score": i.score,
        "strength": i.strength,
        "contested": i.contested,
        "unsupported": i.unsupported,
        "evidence": [
            {
                "item": e.item_id,
                "source": e.source,
                "kind": e.kind,
                "perspective": e.perspective,
                "stance": e.stance,
            }
            for e in i.evidence
        ],
    }
