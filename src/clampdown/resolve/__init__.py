"""Resolution stage: names to canonical knowledge-base entities."""
