"""The complete scoring result as JSON: the document scripts read (``score/2``).

Its shape is published as ``laaeval schema score``; every other renderer shows a subset
of these same numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..model.evidence import item_data
from ..model.framework import Band, Verdict
from ..scoring.result import (
    Assessment,
    CriterionScore,
    EvidenceLink,
    GroupScore,
    IndicatorScore,
)
from ..text import coverage_pct

FORMAT = "score/2"


def render(assessments: Sequence[Assessment]) -> str:
    return "".join(chunks(assessments))


def chunks(assessments: Iterable[Assessment]) -> Iterator[str]:
    """The document a piece at a time, an assessment each, so that ``score`` keeps only
    the one it is printing: the same bytes as ``json.dumps`` of the whole document with
    ``indent=2`` (an assessment sits two levels in, and JSON text has no line breaks inside
    its strings, so indenting each line of it by four spaces is exact)."""
    yield f'{{\n  "laaeval": {json.dumps(FORMAT)},\n  "assessments": ['
    first = True
    for a in assessments:
        text = dumps_indented(to_dict(a))
        yield ("\n    " if first else ",\n    ") + text.replace("\n", "\n    ")
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


# What orjson writes differently from json.dumps: floats with a negative exponent (orjson
# writes 1e-5 or 0.00001 where Python writes 1e-05). Seen anywhere, even inside a string,
# the document is written again by json.dumps: that is rare, and always right. Both tests
# begin with fixed text, which Python finds at memory speed.
_NEGATIVE_EXPONENT = re.compile(r"e-[0-9]")


def _unlike_python(text: str) -> bool:
    return "0.0000" in text or _NEGATIVE_EXPONENT.search(text) is not None


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)``, byte for byte,
    in a fraction of the time: Python's own encoder indents only in pure Python (8 ms for
    a file of 60 evidence items), orjson in C. Whatever orjson refuses (a lone surrogate,
    a number too large for it) or might write differently goes to json.dumps."""
    try:
        import orjson
    except ImportError:  # a platform orjson has no wheel for: the same text, more slowly
        orjson = None
    if orjson is not None:
        try:
            text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError
            text = None
        if text is not None and not _unlike_python(text):
            return text
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def to_dict(a: Assessment) -> dict[str, Any]:
    record, framework = a.record, a.framework
    pilot: dict[str, Any] = {"name": record.pilot.name, "round": record.pilot.round}
    pilot["region"] = record.pilot.region
    pilot["group"] = record.pilot.group
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
        "notes": record.notes,
        "method": record.method,
        "caveats": list(record.caveats),
        "scale": [{"value": p.value, "label": p.label} for p in framework.scale],
        "verdicts": [{"id": v.id, "label": v.label} for v in framework.verdicts],
        "bands": [
            {"id": b.id, "label": b.label, "min": b.min, "colour": b.colour}
            for b in framework.bands
        ],
        "provisional_below": framework.provisional_below,
        "overall": _group(a.overall),
        "aspects": [_group(g) for g in a.aspects],
        "criteria": [_criterion(c) for c in a.criteria],
        "evidence": [item_data(e) for e in record.evidence],
    }


def _band(band: Band | None) -> dict[str, str] | None:
    return None if band is None else {"id": band.id, "label": band.label}


def _verdict(verdict: Verdict | None) -> dict[str, str] | None:
    return None if verdict is None else {"id": verdict.id, "label": verdict.label}


def scored(
    score: float | None, band: object, judged: int, total: int, total_key: str = "applicable"
) -> dict[str, Any]:
    """The fields every scored thing has, in the order every JSON document gives them
    (this one, and the comparison's cells)."""
    return {"score": score, "band": band, "judged": judged, total_key: total,
            "coverage": coverage_pct(judged, total)}  # fmt: skip


def _provisional(g: GroupScore | CriterionScore) -> dict[str, Any]:
    return {"scored": g.scored, "provisional": g.provisional,
            "provisional_band": _band(g.provisional_band)}  # fmt: skip


def _group(g: GroupScore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": g.kind,
        "id": g.id,
        "title": g.title,
        **scored(g.score, _band(g.band), g.judged, g.total),
        **_provisional(g),
        "criteria": list(g.criteria),
        "criteria_applicable": g.criteria_applicable,
        "criteria_scored": g.criteria_scored,
        "criteria_verdicts": dict(g.criteria_verdicts),
        "criteria_unjudged": g.criteria_unjudged,
        "strength": dict(g.strength),
        "contested": g.contested,
        "mixed": g.mixed,
        "unsupported": g.unsupported,
        "narrative": g.narrative,
    }
    if g.kind == "aspect" or g.levels:
        out["levels"] = [_group(lv) for lv in g.levels]
    return _own_rule(out, g, ("value", "maximum", "passed", "unmet_required", "description",
                              "guidance"))  # fmt: skip


def _own_rule(out: dict[str, Any], x: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """Fields a framework's own scoring rule gives (SAMM's units, a badge's pass), added
    only where they have something to say, so other frameworks' documents are unchanged."""
    for name in names:
        value = getattr(x, name)
        if value is not None and value != ():
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _criterion(c: CriterionScore) -> dict[str, Any]:
    return _own_rule(_criterion_fields(c), c, ("value", "maximum", "importance", "met",
                                               "met_by"))  # fmt: skip


def _criterion_fields(c: CriterionScore) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "aspect": c.aspect_id,
        "level": c.level_id,
        "weight": c.weight,
        "applicable": c.applicable,
        "not_applicable_reason": c.not_applicable_reason,
        "status": c.status,
        "judged_as": c.basis,
        "rating": c.rating,
        "rating_label": c.rating_label,
        "verdict": _verdict(c.verdict),
        "rationale": c.rationale,
        **scored(c.score, _band(c.band), c.judged, c.total, "applicable_indicators"),
        **_provisional(c),
        "indicator_score": c.indicator_score,
        "differs_from_indicators": c.differs,
        "strength": c.strength,
        "primary_sources": c.sources,
        "contested": c.contested,
        "contest_finding": c.contest_finding,
        "contests": [
            {"point": k.point, "supports": list(k.supports), "challenges": list(k.challenges)}
            for k in c.contests
        ],
        "mixed": c.mixed,
        "unsupported": c.unsupported,
        "narrative": c.narrative,
        "evidence": [_link(e) for e in c.evidence],
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
        "verdict": _verdict(i.verdict),
        "rationale": i.rationale,
        "not_applicable_reason": i.not_applicable_reason,
        "score": i.score,
        "strength": i.strength,
        "primary_sources": i.sources,
        "contested": i.contested,
        "unsupported": i.unsupported,
        "evidence": [_link(e) for e in i.evidence],
    }


def _link(e: EvidenceLink) -> dict[str, Any]:
    return {
        "item": e.item_id,
        "basis": e.basis,
        "sources": list(e.sources),
        "kinds": sorted(e.kinds),
        "perspective": e.perspective,
        "stance": e.stance,
    }
