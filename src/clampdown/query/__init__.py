"""Reading the store: the one layer below every reader (command line, API, dashboard, exports).

`names` holds what readers choose from (sort keys, statuses, formats) and imports nothing, so
the command line can offer those choices without loading the database layer.
"""
