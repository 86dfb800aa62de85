"""Scoring: a pure function from (framework, evidence) to an Assessment; many files at once."""
