"""The event store: documents, events, entities, stories and cases in a SQL database.

Stages never touch it; `ingest` is called with what extraction produced and writes one
transaction per batch, `clampdown.query` reads it.
"""

# Documents per transaction: a large batch rewrites each index page it touches once for
# many documents (random keys touch pages all over a large store). Here, not in `ingest`,
# so the command line shows the default without loading the store.
DEFAULT_BATCH = 2000
