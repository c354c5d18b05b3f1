"""Extraction stage: a Document in, events with evidence out."""
