"""score and report: what a report says (views), then one renderer per format."""
