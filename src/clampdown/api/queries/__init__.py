"""Read-only queries of the store for the API, the dashboard and exports.

Each module answers one kind of question and returns plain JSON-ready dicts, so the API
serialises them as they are and the dashboard renders the same values. Every query is built
with SQLAlchemy Core: values travel as bound parameters, never inside SQL text.
"""
