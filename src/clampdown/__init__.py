"""clampdown."""
