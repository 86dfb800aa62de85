"""How a result is put into words, the same way in every format: the terminal table, the
Markdown, the HTML and the spreadsheets all call these, so a criterion never reads
"provisional" in one place and "Amber" in another."""

from __future__ import annotations

from collections.abc import Callable

from ..model.framework import Criterion, Framework
from ..scoring.counts import judged_of_applicable
from ..scoring.result import (
    NONE,
    NOT_APPLICABLE,
    RATED,
    VERDICT,
    CriterionScore,
    GroupScore,
    IndicatorScore,
)
from ..text import fmt_score, plural

PROVISIONAL = "provisional"


def band_text(x: CriterionScore | GroupScore) -> str:
    """The band, or why there is none: "Amber", "provisional", "Too early to say", "–"."""
    if x.band is not None:
        return x.band.label
    if x.provisional:
        return PROVISIONAL
    verdict = getattr(x, "verdict", None)
    return verdict.label if verdict is not None else "–"


def strength_text(c: CriterionScore | IndicatorScore) -> str:
    """The strength of the evidence, once judged; before that, only how much there is, so
    that a grade never reads like a verdict."""
    if c.strength is not None:
        return "no evidence" if c.strength == NONE else c.strength
    items = len(c.evidence_items) if isinstance(c, CriterionScore) else len(c.evidence)
    return f"{plural(items, 'item')}, not judged" if items else "no evidence"


def short_strength(c: CriterionScore) -> str:
    """The strength once judged; before that, how many items there are (for a narrow cell)."""
    if c.strength is not None:
        return c.strength
    return plural(len(c.evidence_items), "item") if c.evidence_items else "none"


def flags(c: CriterionScore) -> str:
    out = []
    if c.contested:
        out.append("contested")
    elif c.mixed:
        out.append("mixed")
    if c.differs:
        out.append("differs from its indicators")
    if c.unsupported:
        out.append(f"{c.unsupported} unsupported")
    if c.met_by is not None:
        out.append(MET_BY_FLAG[c.met_by])
    return ", ".join(out)


# A criterion counted as met though its answer is not (the badge's rule for SHOULD and
# SUGGESTED, and for an allowed N/A), flagged wherever its score is shown: its 100 rests on
# that, not on the answer.
MET_BY_FLAG = {"justified": "met on justification", "always": "counts though unmet",
               "not_applicable": "n/a, counted as met"}  # fmt: skip
MET_BY_SENTENCE = {
    "justified": "Not met, but counted as met because the judgement is justified, as its "
                 "importance allows",
    "always": "Not met, but counted as met, as its importance allows",
    "not_applicable": "Not applicable, and counted as met, as the framework's scoring rule "
                      "says",
}  # fmt: skip
MET_BY_GAPS = {"justified": "Not met but counted as met, on a justification",
               "always": "Not met but counted as met, as its importance allows",
               "not_applicable": "Not applicable, and counted as met by the framework's "
                                 "scoring rule"}  # fmt: skip


def group_flags(g: GroupScore, framework: Framework) -> str:
    parts = [verdict_counts(g, framework)] if g.criteria_verdicts else []
    if g.contested:
        parts.append(f"{g.contested} contested")
    return ", ".join(parts)


def verdict_counts(g: GroupScore, framework: Framework) -> str:
    """ "3 too early to say, 1 insufficient evidence" """
    labels = {v.id: v.label.lower() for v in framework.verdicts}
    return ", ".join(f"{n} {labels.get(v, v)}" for v, n in g.criteria_verdicts.items())


def criteria_counts(g: GroupScore, framework: Framework) -> str:
    """ "4 of 7 criteria scored; 3 too early to say" """
    parts = [f"{g.criteria_scored} of {plural(g.criteria_applicable, 'criterion', 'criteria')} "
             "scored"]  # fmt: skip
    if g.criteria_verdicts:
        parts.append(verdict_counts(g, framework))
    if g.criteria_unjudged:
        parts.append(f"{g.criteria_unjudged} not yet judged")
    return "; ".join(parts)


def judged_text(x: CriterionScore | GroupScore) -> str:
    """ "96 of 136 applicable indicators judged (70.6%)": said as everywhere else."""
    return judged_of_applicable(x)


def score_sentence(x: CriterionScore | GroupScore, framework: Framework) -> str:
    """The score and its band in a sentence, saying when the band is withheld and why."""
    if x.score is None:
        verdict = getattr(x, "verdict", None)
        return verdict.label if verdict is not None else "No score yet"
    if x.provisional:
        return (f"Score {fmt_score(x.score)}, provisional: it rests on {x.scored} of "
                f"{plural(x.total, 'applicable indicator')}, less than the "
                f"{framework.provisional_below:g}% needed for a band")  # fmt: skip
    if not framework.bands:
        return f"Score {fmt_score(x.score)}{_units(x)}"
    return f"Score {fmt_score(x.score)}{_units(x)}, band {band_text(x)}"


def score_units(x: CriterionScore | GroupScore) -> str:
    """A score with its value in the framework's own units where it has them, for a table
    cell: "37.5 (1.13 of 3)"; otherwise the score alone: "62.5", "–"."""
    return fmt_score(x.score) + (_units(x) if x.score is not None else "")


# Indents a group within a level in a summary table: an em space survives where ordinary
# spaces are trimmed (a Markdown cell, a spreadsheet cell read back).
INDENT = "\u2003\u2003"


def summary_title(depth: int, title: str, within: str,
                  escape: Callable[[str], str] = str) -> str:  # fmt: skip
    """A part of the framework as a summary table names it: an aspect by its title, a level
    as "The process › National", and each group within a level indented beneath it.
    ``escape`` is applied to the words, not the indent (Markdown's would fold it away)."""
    if depth <= 1:
        return escape(title)
    if depth == 2:
        return escape(f"{within} › {title}")
    return INDENT * (depth - 2) + escape(title)


def _units(x: CriterionScore | GroupScore) -> str:
    """The score in the framework's own units, where it scores in them: " (1.13 of 3)"."""
    value, top = getattr(x, "value", None), getattr(x, "maximum", None)
    return "" if value is None or top is None else f" ({value:g} of {top:g})"


def group_sentence(g: GroupScore, framework: Framework) -> str:
    """What a level, an aspect or the whole comes to, in one paragraph."""
    if not g.criteria_applicable:
        return "Nothing here applies to this pilot."
    parts = [score_sentence(g, framework), criteria_counts(g, framework), judged_text(g)]
    if g.contested:
        parts.append(plural(g.contested, "contested criterion", "contested criteria"))
    if g.mixed:
        parts.append(f"mixed evidence on {plural(g.mixed, 'criterion', 'criteria')}")
    if g.unsupported:
        n = g.unsupported
        parts.append(f"{plural(n, 'rating')} with no evidence behind {'it' if n == 1 else 'them'}")
    if g.passed is not None:
        parts.append("passes" if g.passed else
                     f"does not pass: not met, and required: {', '.join(g.unmet_required)}")
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def inner_groups(g: GroupScore, framework: Framework,
                 depth: int = 0) -> list[tuple[int, str, str]]:  # fmt: skip
    """The groups within a level, to any depth: (depth, title, what it comes to, then the
    framework's description and guidance of it, run together). An aspect's levels have
    headings of their own, so an aspect gives none."""
    out: list[tuple[int, str, str]] = []
    if g.kind == "aspect":
        return out
    for inner in g.levels:
        about = [" ".join(f"{lead}{text}".split()) for lead, text in about_text(inner)]
        out.append((depth, inner.title, " ".join([group_sentence(inner, framework), *about])))
        out.extend(inner_groups(inner, framework, depth + 1))
    return out


def about_text(g: GroupScore | Criterion) -> list[tuple[str, str]]:
    """The framework's own description and guidance for a group, or its guidance on a
    criterion (SAMM's quality criteria), to show with its score."""
    said = (("", getattr(g, "description", None)), ("Guidance: ", g.guidance))
    return [(lead, text) for lead, text in said if text]


def judgement_text(x: CriterionScore | IndicatorScore, scale_max: int) -> str:
    """A judgement as a reader sees it: "2 of 3 (Largely met)", "Too early to say", …"""
    if isinstance(x, IndicatorScore):
        if x.status == RATED and x.rating is not None:
            return f"{x.rating} of {scale_max} ({x.rating_label})"
        if x.status == VERDICT and x.verdict is not None:
            return x.verdict.label
        return "Not applicable" if x.status == NOT_APPLICABLE else "No judgement yet"
    if x.rating is not None:
        return f"{x.rating} of {scale_max} ({x.rating_label})"
    if x.verdict is not None:
        return x.verdict.label
    return "No judgement of the criterion as a whole"


def criterion_sentence(c: CriterionScore, framework: Framework) -> str:
    """What a criterion comes to: its judgement, score and band, and how it was reached."""
    if not c.applicable:
        return f"Not applicable: {c.not_applicable_reason}."
    parts = []
    if c.basis == "criterion":
        parts.append(f"Judged as a whole: {judgement_text(c, framework.scale_max)}")
    elif c.verdict is not None:
        parts.append(c.verdict.label)
    if c.score is not None:
        parts.append(score_sentence(c, framework))
        if c.basis == "indicators":
            parts.append(f"from {judged_text(c)}")
    elif c.verdict is None:
        parts.append(f"Not yet judged ({judged_text(c)})")
    if c.indicator_score is not None and c.basis == "criterion":
        beside = f"The indicators' own mean is {fmt_score(c.indicator_score)}"
        parts.append(beside + (", more than one band away: worth explaining" if c.differs
                               else ""))  # fmt: skip
    if c.met_by is not None:
        parts.append(MET_BY_SENTENCE[c.met_by] + (f" ({c.importance})" if c.importance else ""))
    parts.append(f"Evidence: {strength_text(c)}")
    if c.contested:
        parts.append("people disagree about it" if c.contest_finding is None
                     else "the assessor finds that people disagree about it")  # fmt: skip
    elif c.mixed:
        parts.append("the evidence is mixed" + (", and the assessor finds no dispute"
                                                if c.contest_finding is False else ""))
    if c.unsupported:
        n = c.unsupported
        parts.append(f"{plural(n, 'rating')} with no evidence behind {'it' if n == 1 else 'them'}")
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def quoted(quote: str) -> str:
    """A quote in curly quotation marks, unless the evaluator typed them already."""
    quote = quote.strip()
    if quote[:1] in "“\"'‘" and quote[-1:] in "”\"'’":
        return quote
    return f"“{quote}”"
