"""compare: the pilots × columns matrix, rounds, assessor agreement, then its renderers."""
