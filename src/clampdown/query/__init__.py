"""Reading the store: the one layer below every reader (command line, API, dashboard, exports).

Each module answers one kind of question and returns plain JSON-ready dicts, so the API
serialises them as they are, the dashboard renders the same values and exports flatten
them. Every query is built with SQLAlchemy Core: values travel as bound parameters, never
inside SQL text. `filters` and `paging` turn what a reader asked for into those queries,
`caseindex` answers the busiest one from memory, `db` opens read-only connections with a
deadline and `cache` keeps answers until the store changes. `names` holds what readers
choose from (sort keys, statuses, formats) and imports nothing, so the command line can
offer those choices without loading the database layer.
"""
