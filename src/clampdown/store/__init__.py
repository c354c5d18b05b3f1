"""The event store: documents, events, entities, stories and cases in a SQL database.

Stages never touch it; `ingest` is called with what extraction produced and writes one
transaction per batch, `queries` reads it for the command line.
"""
