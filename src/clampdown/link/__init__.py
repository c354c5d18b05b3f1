"""Linking across documents: one act reported by many outlets becomes one case.

Everything here is pure: functions take events, documents and cases as values and return
values. The store (`clampdown.store`) loads what they need and writes what they decide.
"""
