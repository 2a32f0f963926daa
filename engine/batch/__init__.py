"""Many entities: a table (CSV, XLSX) in, one result per row and a summary out.

tables (readers) -> fastpath/blocks (column-wise, proven exact) or rows (traced,
cell by cell) -> runner (chunks, workers) -> summary (ranking, grades, statistics).
"""
