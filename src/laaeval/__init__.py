"""laaeval: evaluate place-based policy pilots against a published framework.

The library is usable without the command line::

    from laaeval.model.store import load_evidence
    from laaeval.scoring.score import score

    record, framework = load_evidence("examples/ashbridge-final.yaml")
    assessment = score(framework, record)
    print(assessment.overall.score, assessment.overall.band.label)
"""

__version__ = "0.1.0"
