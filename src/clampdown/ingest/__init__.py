"""Turning files, folders and standard input into `Document`s, before the pipeline runs."""

from clampdown.ingest.readers import read_documents

__all__ = ["read_documents"]
