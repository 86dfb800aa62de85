"""Evidence in from spreadsheets and coded transcripts: the workbook template and its import."""
