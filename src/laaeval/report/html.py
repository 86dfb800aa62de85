"""The report as one self-contained HTML page: open it in any browser, print it, send it.

Nothing is fetched (styles are inline, charts are inline SVG, there is no script), and a
Content-Security-Policy forbids the page from fetching or running anything, as a second
line of defence behind escaping. Every user string is escaped by Jinja's autoescaping,
and control and bidirectional-override characters are replaced on output, so evidence
text cannot change what the page shows or does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model.framework import Band
from ..scoring.result import Assessment
from ..text import fmt_coverage, fmt_score, terminal_safe
from . import svg
from .rows import gaps_summary
from .views import MET_BY_HEADING, PilotView, pilot_views, report_date, report_title
from .words import (
    MET_BY_FLAG,
    about_text,
    band_text,
    criterion_sentence,
    flags,
    group_sentence,
    inner_groups,
    judgement_text,
    quoted,
    score_units,
    short_strength,
    strength_text,
)

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class PilotPage:
    view: PilotView
    charts: tuple[tuple[str, Markup], ...]  # (heading, chart)
    missing: tuple[str, ...]  # plain sentences on what is still missing


def render(assessments: Sequence[Assessment], generated: str | None = None) -> str:
    pages = [_page(view) for view in pilot_views(assessments)]
    context: dict[str, Any] = {
        "title": report_title(assessments),
        "generated": generated or report_date(),
        "pages": pages,
        "several": len(pages) > 1,
        # Headings go one level deeper when each pilot needs a heading of its own.
        "d": 1 if len(pages) > 1 else 0,
        "heatmap": svg.heatmap(assessments) if len(pages) > 1 else None,
    }
    return environment().get_template(TEMPLATE).render(context)


def _page(view: PilotView) -> PilotPage:
    a = view.assessment
    charts = (
        # A chart of scores with no score in it would be a page of "not yet judged".
        *((("Score by criterion", svg.score_by_criterion(a)),)
          if any(c.score is not None for c in a.criteria) else ()),
        ("Coverage: how much has been judged", svg.coverage_chart(a)),
        ("Strength of evidence", svg.strength_chart(a)),
    )  # fmt: skip
    return PilotPage(view, charts, tuple(gaps_summary(a)))


def band_style(band: Band | None) -> str:
    """Dark text on a light tint of the band colour, with a solid edge in the colour itself:
    readable at any band colour, and the band name is always written in the badge."""
    colour = svg.band_colour(band)
    return f"background-color: {svg.tint(colour, 0.15)}; border-left-color: {colour};"


def _finalize(value: Any) -> Any:
    # Runs on every {{ }} value before escaping; prepared markup (the charts) passes as is.
    if isinstance(value, str) and not isinstance(value, Markup):
        return terminal_safe(value)
    return value


@cache
def environment(package: str = __package__) -> Environment:
    """The Jinja environment for the templates in ``package``'s ``templates`` folder (the
    report's, or the comparison's): the same escaping and helpers for every page."""
    # Jinja is imported here, when a page is first rendered, not when laaeval starts.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,  # explicitly on: every user string is escaped
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        score=fmt_score,
        coverage=fmt_coverage,
        band_style=band_style,
        band_text=band_text,
        criterion_sentence=criterion_sentence,
        flags=flags,
        group_sentence=group_sentence,
        about_text=about_text,
        inner_groups=inner_groups,
        judgement_text=judgement_text,
        short_strength=short_strength,
        strength_text=strength_text,
        quoted=quoted,
        score_units=score_units,
        met_by_flag=MET_BY_FLAG,
        met_by_heading=MET_BY_HEADING,
    )
    return env
