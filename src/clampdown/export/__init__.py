"""Exports of cases and events as flat tables: CSV, JSON Lines, Parquet, optionally PLOVER-coded.

A researcher joins clampdown's record with other datasets in a spreadsheet, pandas or an
event-data pipeline; every export is one row per case (or event) with the same columns in
every format, so a CSV and a Parquet file of one filter hold the same table.
"""
