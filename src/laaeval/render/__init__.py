"""Renderers of the comparison (moving to compare/)."""
