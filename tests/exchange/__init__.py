"""Tests of exchange: the workbook template, its import, and REFI-QDA projects."""
