"""``laaeval new framework NAME``: a commented starting framework file that validates, for a
framework author to fill in."""

from __future__ import annotations

import re

from .errors import UsageError

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

STARTER = """\
# A laaeval framework: {name}. Fill it in, then check it with
#   laaeval validate {path}
# Every field is described by `laaeval schema framework`. Lines starting # are notes for
# you; laaeval ignores them.
laaeval: framework/1
id: {name}              # the short name used on the command line
version: "0.1"          # raise it whenever criteria, answers or weights change
title: {title}
description: >-
  What this framework is for, and who judges against it.
provenance:             # where the criteria come from: quote them word for word
  publisher: Who published the criteria
  year: {year}
  report: The document's title
  part: The part of it these criteria come from
  note: Licence, date taken, and anything changed (only whitespace, ideally).

# The rating scale, lowest first. A score is how far a rating is from the floor (below) to
# the top of the scale. requires_rationale: the assessor must say why.
scale:
  - {{value: 0, label: Not met, requires_rationale: true}}
  - {{value: 1, label: Partly met}}
  - {{value: 2, label: Largely met}}
  - {{value: 3, label: Fully met, requires_rationale: true}}

# Optional. Bands, highest min first; the last has min: 0. Leave out for no bands.
bands:
  - {{id: green, label: Green, short: G, min: 75}}
  - {{id: amber, label: Amber, short: A, min: 40}}
  - {{id: red, label: Red, short: R, min: 0}}

# Optional: how scores are worked out, where your framework has a rule of its own.
scoring:
  aggregate: mean        # each group: mean (weighted) or sum of what is directly in it
  unjudged: leave-out    # or zero: an item not yet judged counts as the lowest answer
  not_applicable: dropped  # or met (counts as met) or forbidden (not an answer here)
  floor: 0               # the answer that scores 0%

# Optional: whose views evidence speaks for, and the kinds of source (views or
# documentation), so that evidence can be counted and weighed.
perspectives:
  - {{id: council, label: Local authority}}
  - {{id: partner, label: Local partner}}
source_types:
  - {{id: interview, label: Interviews, kind: views}}
  - {{id: document, label: Documents, kind: documentation}}

# Aspects hold levels (which may hold levels in turn, to any depth) or criteria. Ids are a
# letter then letters or digits, with an optional .number (A1, A1.2); for ids of your own
# form (1a, G-SM-1-A) add an id_pattern: such as "[0-9]+[a-z]".
aspects:
  - id: A
    title: The first aspect
    description: What this aspect covers, in the framework's words.
    guidance: Advice for the assessor judging it.
    criteria:
      - id: A1
        text: The first success criterion, word for word.
        indicators:        # judged through its indicators; [] to judge it directly
          - {{id: A1.1, text: The first indicator}}
          - {{id: A1.2, text: The second indicator}}
        sources:
          - {{text: Interviews with council officers, types: [interview]}}
      - id: A2
        text: A criterion judged directly, with no indicators.
        indicators: []
"""


def starter_framework(name: str, path: str) -> str:
    """The text of a new framework file called ``name``; a UsageError if the name will not do."""
    if not _NAME.fullmatch(name):
        raise UsageError(f"{name!r} will not do as a framework's name: use lower-case letters, "
                         "digits and hyphens, such as my-place-framework")
    from datetime import date

    title = name.replace("-", " ").capitalize()
    return STARTER.format(name=name, path=path, title=title, year=date.today().year)
