"""Every format of score and report has exactly its own renderer."""

from __future__ import annotations

from laaeval.report.formats import EXTENSIONS, ReportFormat, ScoreFormat, renderer


def test_every_format_has_a_renderer():
    for fmt in [*ScoreFormat, *ReportFormat]:
        assert callable(renderer(fmt)), fmt


def test_formats_with_the_same_name_keep_their_own_renderer():
    # score's csv and report's csv are different tables; their JSON is one document
    assert renderer(ScoreFormat.csv) is not renderer(ReportFormat.csv)
    assert renderer(ScoreFormat.markdown) is not renderer(ReportFormat.md)
    assert renderer(ScoreFormat.json) is renderer(ReportFormat.json)


def test_every_report_format_has_an_extension():
    assert set(EXTENSIONS.values()) == set(ReportFormat)
