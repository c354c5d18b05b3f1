"""Turning files, folders, URLs and standard input into `Document`s, before the pipeline.

`read_documents` is the one entry point; `readers` decides what each input is and hands it
to the module for its format (`jsonl`, `html`, `feeds`, `warc`, `compressed`, `urls`),
and every document's text is decoded (`charset`), cleaned (`cleanup`) and given a
language (`clampdown/langid.py`) on the way.
"""

from clampdown.ingest.folders import DEFAULT_INCLUDE
from clampdown.ingest.readers import read_documents

__all__ = ["DEFAULT_INCLUDE", "read_documents"]
