"""The comparison as lines of text: shared by the terminal table, Markdown and HTML."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...report.words import summary_title
from ...text import fmt_score, plural
from ..agreement import Agreement
from ..matrix import Cell, Column, Comparison, is_deep
from ..rounds import Trend
from ..versions import SYMBOLS, legend
from ..views import View, band_code, signed

VERDICT_CODE = "v"  # a verdict, such as too early to say, given instead of a score
ABSENT_CODE = "·"  # no like-for-like column in the version the file was recorded against
PROVISIONAL_CODE = "prov"  # a score over too little of the column for a band
PARTLY_CODE = "~"  # a band on only some of the indicators


def other_views(v: View) -> list[tuple[str, list[str]]]:
    """Everything but the matrix, as lines under a kind of heading each renderer names:
    bands, least evidenced, changes between rounds, agreement, and the files left out."""
    c = v.comparison
    return [
        ("versions", version_lines(c)),
        ("bands", list(band_lines(c))),
        ("least", list(shortfall_lines(v))),
        ("changes", [line for t in v.trends for line in trend_lines(t)]),
        ("agreement", [line for a in v.agreements for line in agreement_lines(a)]),
        ("skipped", [e.one_line() for e in c.skipped]),
    ]


def cell_text(cell: Cell, partly: bool = False) -> str:
    """A cell in a few characters: "66.7 A/G", "33.3 prov", "n/a"; with ``partly`` (the
    criterion columns), a band given on only some of the indicators is marked "~"."""
    if cell.absent:
        return ABSENT_CODE
    if not cell.applicable:
        return "n/a"
    if cell.score is None:
        return VERDICT_CODE if cell.verdict else "–"
    if cell.provisional:  # a number, but too little judged for a band
        return f"{fmt_score(cell.score)} {PROVISIONAL_CODE}"
    if cell.band is None:  # a framework without bands: the score alone
        return fmt_score(cell.score)
    mark = PARTLY_CODE if partly and partly_judged(cell) else ""
    return f"{fmt_score(cell.score)} {band_code(cell.band)}{mark}"


PASSES = "Passes"  # the column saying whether each pilot passes, where there is a pass


def pass_text(passed: bool | None) -> str:
    """Whether a pilot passes, in a word: "yes", "no", or "–" where it has no pass to give
    (a file of a framework version without one, beside others that have)."""
    return "–" if passed is None else "yes" if passed else "no"


def partly_judged(cell: Cell) -> bool:
    """A band given on only some of the column's indicators (one of two, say): enough for
    a band, but not a settled one."""
    return cell.band is not None and cell.judged < cell.total


def version_lines(c: Comparison) -> list[str]:
    """Across versions: which versions, and what each marked column's mark means."""
    if not c.older:
        return []
    older = ", ".join(f"version {f.version}" for f in c.older)
    return [f"Files recorded against {older} are shown on the columns of version "
            f"{c.framework.version}, through its crosswalk. Each file's overall score, and "
            "each band, is worked on the version it was recorded against. The marks:",
            *legend(c.columns)]


def column_label(col: Column) -> str:
    """A column's id, with its mark across versions (PL7+, PA6←)."""
    return col.id + (SYMBOLS[col.mark] if col.mark else "")


def column_key(c: Comparison, escape: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """Where each column sits, for a framework grouped deeper than aspects and levels (SAMM,
    compared by level): each column's label and its title as the report's summary names it,
    a practice as "Governance › Strategy and Metrics" and each group within it indented
    beneath. Empty for any other comparison, whose ids need no such key."""
    if not is_deep(c.columns):
        return []
    groups = {g: group for f in (*c.older, c.framework) for g, group in f.groups_by_id.items()}
    return [(column_label(col), summary_title(col.depth, col.title,
                                              groups[col.within].title if col.within else "",
                                              escape)) for col in c.columns]  # fmt: skip


def column_titles(c: Comparison) -> dict[str, str]:
    """Each column's text: a deep framework's as :func:`column_key` names it; any other's,
    its title."""
    key = column_key(c)
    if not key:
        return {col.id: col.title for col in c.columns}
    return {col.id: title for col, (_, title) in zip(c.columns, key, strict=True)}


def key_lines(c: Comparison) -> list[str]:
    """The key of :func:`column_key` as lines of text: the label, then the title."""
    key = column_key(c)
    width = max((len(label) for label, _ in key), default=0)
    return [f"{label:<{width}}  {title}" for label, title in key]


def legend_parts(c: Comparison) -> list[str]:
    """What the marks in the cells mean, each in a few words."""
    bands = " · ".join(f"{band_code(b)} {b.label}" for b in c.framework.bands)
    banded = [  # the marks of a band held back or resting on part: none without bands
        f"{PROVISIONAL_CODE} provisional: too little judged for a band (under "
        f"{c.framework.provisional_below:g}% of the indicators)",
        *([f"{PARTLY_CODE} a band on only some of the criterion's indicators"]
          if c.by == "criterion" else []),
    ] if bands else []  # fmt: skip
    return [
        f"score and band ({bands})" if bands else "score (this framework has no bands)",
        *banded,
        f"{VERDICT_CODE} a verdict such as too early to say",
        "n/a not applicable",
        "– not yet scored",
        *([f"{ABSENT_CODE} no score to compare (see Across versions)"] if c.older else []),
        *([f"{PASSES}: yes when every item of a required importance is met"]
          if c.gated else []),
    ]  # fmt: skip


def mean_rows(c: Comparison, keys: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """The rows under the matrix: each column's mean, how many scores it rests on (and how
    many of those are provisional), and how many assessments have evidence for it. Each is
    (label, the overall column's text, {column: text})."""
    s = c.summaries
    every = [*keys, "overall"]
    rows = [
        ("Mean score", fmt_score(s["overall"].mean), {k: fmt_score(s[k].mean) for k in keys}),
        ("Scores in the mean", str(s["overall"].in_mean), {k: str(s[k].in_mean) for k in keys}),
    ]
    if not c.leave_out_provisional and any(s[k].provisional for k in every):
        rows.append(("of which provisional", str(s["overall"].provisional),
                     {k: str(s[k].provisional) for k in keys}))  # fmt: skip
    rows.append(("Assessments with evidence", "",
                 {k: f"{s[k].evidenced}/{s[k].applicable}" for k in keys}))  # fmt: skip
    return rows


def means_note(c: Comparison) -> str | None:
    """Said under the means when provisional scores were left out of them."""
    if not c.leave_out_provisional:
        return None
    left = sum(s.left_out for key, s in c.summaries.items() if key != "overall")
    overall = c.summaries["overall"].left_out
    return (f"The means leave out provisional scores, and every score of an assessment whose "
            f"overall score is provisional ({plural(overall, 'assessment')}; "
            f"{plural(left, 'score')} in the columns).")  # fmt: skip


def band_lines(c: Comparison) -> Iterator[str]:
    """For each column, how the pilots' bands are spread."""
    labels = [b.label for b in c.framework.bands]
    for col in c.columns:
        s = c.summaries[col.id]
        parts = [f"{label} {s.bands[label]}" for label in labels if s.bands.get(label)]
        without_band = s.scored - s.provisional - sum(s.bands.get(label, 0) for label in labels)
        if without_band > 0:  # a framework without bands: its scores are only counted
            parts.insert(0, f"scored {without_band}")
        if s.provisional:
            parts.append(f"provisional {s.provisional}")
        if s.verdicts:
            parts.append(f"a verdict {s.verdicts}")
        unscored = s.applicable - s.scored - s.verdicts
        if unscored:
            parts.append(f"not yet scored {unscored}")
        yield f"{col.id}: " + (" · ".join(parts) if parts else "applies to no pilot")


def shortfall_lines(v: View) -> Iterator[str]:
    for s in v.shortfalls:
        yield (
            f"{s.column}: {s.unevidenced} of {plural(s.applicable, 'assessment')} "
            f"{'has' if s.unevidenced == 1 else 'have'} no evidence yet — {s.title}"
        )


def trend_lines(t: Trend) -> Iterator[str]:
    rounds = " → ".join(r.round for r in t.rows)
    overall = " → ".join(fmt_score(r.overall.score) for r in t.rows)
    yield f"{t.pilot}: {rounds}; overall {overall} ({signed(t.overall_delta)})"
    changes = t.overall_changes()
    up = [ch for ch in changes if "up" in ch.kinds]
    down = [ch for ch in changes if "down" in ch.kinds]
    newly = [ch.column for ch in changes if "newly judged" in ch.kinds]
    scored = [ch.column for ch in changes if "newly scored" in ch.kinds]
    more = [ch.column for ch in changes if "new evidence" in ch.kinds]
    yield (
        f"  up in {len(up)}, down in {len(down)}, newly judged in {len(newly)}, "
        f"newly scored in {len(scored)}, new evidence in {len(more)}"
    )
    if t.most_improved():
        yield "  most improved: " + ", ".join(
            f"{ch.column} {signed(ch.delta)}" for ch in t.most_improved()
        )
    if t.most_declined():
        yield "  most declined: " + ", ".join(
            f"{ch.column} {signed(ch.delta)}" for ch in t.most_declined()
        )
    if newly:
        yield "  newly judged: " + ", ".join(newly)
    if scored:  # a verdict such as too early to say, or no score, and now a score
        yield "  newly scored: " + ", ".join(scored)


def agreement_lines(a: Agreement) -> Iterator[str]:
    alpha = "not defined" if a.alpha is None else f"{a.alpha:.2f}"
    yield (
        f"{a.pilot} — {a.round}: {', '.join(a.assessors)} agree on {a.agreed} of "
        f"{plural(a.units, 'indicator')} rated by more than one; Krippendorff's alpha "
        f"(ordinal) {alpha}"
    )
    if a.disagreements:
        shown = ", ".join(
            f"{u} ({'/'.join('–' if r is None else str(r) for r in rs)})"
            for u, rs in a.disagreements[:12]
        )
        more = f" and {len(a.disagreements) - 12} more" if len(a.disagreements) > 12 else ""
        yield f"  disagree on {shown}{more}"
