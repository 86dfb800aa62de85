"""One renderer per format of the comparison, all reading the same View."""
