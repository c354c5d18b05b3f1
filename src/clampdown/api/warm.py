"""Importing this module builds what extraction needs once per process (the knowledge base
compiled into the gazetteer, the currency converter), so the fork server of the ingest
workers holds it and every worker forked from it starts warm."""

from __future__ import annotations

from clampdown.extract.pipeline import gazetteer
from clampdown.link.money import converter

gazetteer()
converter()
