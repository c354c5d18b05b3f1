"""The shared types' own behaviour: how a date basis is written as text."""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict

from clampdown.model import DateBasis


def _reference(basis: DateBasis) -> str:
    """What `encode` wrote when it copied the basis with `asdict`: every field that differs
    from a plain basis of its kind, in field order."""
    plain = DateBasis(basis.kind)
    out = {k: v for k, v in asdict(basis).items() if k == "kind" or v != getattr(plain, k)}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def test_a_basis_is_written_with_its_defaults_left_out() -> None:
    values = itertools.product(
        ("stated", "none"), (None, 0, 17), (None, "", "3 марта", 'a "b"'), (0, 3, -2),
        (False, True), (False, True),
    )
    for kind, start, text, days, ahead, repeated in values:
        basis = DateBasis(kind, start, text, days, ahead, repeated)
        assert basis.encode() == _reference(basis)
        assert DateBasis.decode(basis.encode()) == basis
    assert DateBasis("relative", days=3).encode() == '{"kind":"relative","days":3}'
