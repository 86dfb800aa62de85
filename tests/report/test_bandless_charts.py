"""The score chart under a framework without bands and with long ids (the badge's), read
as its reader would: every id in full beside its bar (not "mepage_…" cut at the edge), and
a bar filled for its score (not the empty outline that means provisional)."""

from __future__ import annotations

import re

from laaeval.model.catalogue import resolve
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.report import svg
from laaeval.scoring.score import score

from ..conftest import DATA, EXAMPLES

IDS = ["homepage_url", "crypto_published", "license_location", "vulnerability_report_process",
       "test_policy", "enhancement_responses", "warnings_strict"]  # fmt: skip


def _badge_p():
    framework = load_framework(DATA / "badge-mini.yaml")
    return score(framework, load_evidence(DATA / "badge-p.yaml", framework)[0])


def test_the_html_chart_shows_every_id_in_full_and_fills_each_bar():
    drawn = str(svg.score_by_criterion(_badge_p()))
    labels = re.findall(r'text-anchor="end" fill="[^"]+">([^<]+)</text>', drawn)
    assert labels == IDS
    # 28 characters × 6.2 px + 4: the ids' column, the bars after it, shortened to fit
    assert svg.bar_layout(_badge_p()) == (178, 184, 282, 28)
    bars = re.findall(r'<rect x="184" y="[\d.]+" width="([\d.]+)" height="11" '
                      r'fill="([^"]+)"', drawn)  # fmt: skip
    assert [(float(w), fill) for w, fill in bars] == [(282.0, svg.NEUTRAL)] * 7  # each 100%,
    # grey: no band, and not provisional (an outline)


def test_short_ids_keep_the_layout_they_had():
    framework = resolve("odpm-laa-2005")
    a = score(framework, load_evidence(EXAMPLES / "wealdshire-final.yaml", framework)[0])
    assert svg.bar_layout(a) == (60, 66, 400, 10)



def test_the_word_reports_glance_table_widens_its_id_column_for_long_ids(cli, tmp_path):
    from docx import Document

    def id_column(path, *options) -> float:
        out = tmp_path / "r.docx"
        assert cli("report", path, *options, "--output", out).exit_code == 0
        table = next(t for t in Document(out).tables
                     if [c.text for c in t.rows[0].cells][:3] == ["ID", "Criterion", "Judgement"])
        return round(table.columns[0].width.mm)  # stored in twips

    # 28 characters (vulnerability_report_process) × 2 mm + 3, at most 32 mm; ODPM's 11
    assert id_column(DATA / "badge-p.yaml", "-f", DATA / "badge-mini.yaml") == 32
    assert id_column(EXAMPLES / "wealdshire-final.yaml") == 11


def test_the_heatmap_of_several_pilots_shows_ids_in_full_and_stars_nothing():
    framework = load_framework(DATA / "badge-mini.yaml")
    p = score(framework, load_evidence(DATA / "badge-p.yaml", framework)[0])
    drawn = str(svg.heatmap([p, p]))
    rows = re.findall(r'text-anchor="end" fill="[^"]+">([^<]+)</text>', drawn)
    assert rows == IDS
    scores = re.findall(r'text-anchor="middle" fill="[^"]+" font-size="9.5">([^<]+)</text>',
                        drawn)  # fmt: skip
    assert scores == ["100.0"] * 14  # none held back: no star, which means provisional
    odpm = resolve("odpm-laa-2005")
    mid = score(odpm, load_evidence(EXAMPLES / "wealdshire-mid-way.yaml", odpm)[0])
    starred = re.findall(r'font-size="9.5">([\d.]+\*)</text>', str(svg.heatmap([mid])))
    assert len(starred) == sum(c.provisional for c in mid.criteria) > 0
