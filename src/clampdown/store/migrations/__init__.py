"""Alembic migrations of the event store; they ship inside the package."""
