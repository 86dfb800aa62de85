"""A comparison under a framework without bands and with long ids (the badge's), read as
its reader would: the page does not promise bands it has none of, and the heatmap's column
labels (vulnerability_report_process beside test_policy) do not overwrite one another."""

from __future__ import annotations

import re

from ..conftest import DATA, EXAMPLES

BADGE = ("-f", DATA / "badge-mini.yaml")


def _page(cli, tmp_path, *files_and_options) -> str:
    out = tmp_path / "c.html"
    result = cli("compare", *files_and_options, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out.read_text()


def test_the_page_says_there_are_no_bands_and_promises_none(cli, tmp_path):
    html = _page(cli, tmp_path, DATA / "badge-p.yaml", *BADGE)
    assert "<p>Each cell shows a score (a percentage); this framework has no bands.</p>" in html
    assert "and its band" not in html and "every band is named" not in html
    odpm = _page(cli, tmp_path, EXAMPLES / "wealdshire-final.yaml")
    assert "Each cell shows a score (a percentage) and its band:" in odpm
    assert "Colour is never the only signal: every band is named in the table." in odpm


def test_long_column_ids_are_slanted_in_full_and_short_ones_stay_upright(cli, tmp_path):
    html = _page(cli, tmp_path, DATA / "badge-p.yaml", *BADGE)
    heat = html[html.index('<figure class="heat">'):html.index("</figure>")]
    slanted = re.findall(r'rotate\(-35\)"[^>]*>([^<]+)</text>', heat)
    assert slanted == ["homepage_url", "crypto_published", "license_location",
                       "vulnerability_report_process", "test_policy", "enhancement_responses",
                       "warnings_strict"]  # fmt: skip
    # the rows start below the tallest slant: 28 characters × 6.2 px × sin 35° ≈ 100 px
    first_row = re.search(r'<text x="394" y="(\d+)" text-anchor="end"', heat)
    assert first_row is not None and int(first_row.group(1)) >= 22 + 100
    odpm = _page(cli, tmp_path, EXAMPLES / "wealdshire-final.yaml")
    heat = odpm[odpm.index('<figure class="heat">'):odpm.index("</figure>")]
    assert "rotate(" not in heat and ">PN1</text>" in heat
