"""What the sentence reader keeps per sentence gives what reading again would
(`ReferenceReader.clause_stop`, `FieldReader._clause`), on every language's examples."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import pytest

from clampdown.extract.fields import FieldReader
from clampdown.extract.language import SUPPORTED, language_pack
from clampdown.extract.references import ReferenceReader
from clampdown.extract.sentences import clause_at
from clampdown.model import Span

_TEXTS = {
    "en": "The regulator said on Monday that it fined Meta; the company, which owns"
    " WhatsApp, said it would appeal - but it paid the fine after the court ruled"
    " against it, and Google was told to pay because it had not complied.",
    "ru": "Роскомнадзор заблокировал Telegram, а суд оштрафовал Google, потому что"
    " компания не удалила материалы; после этого Meta заявила, что не будет платить.",
    "de": "Das Amt sperrte Telegram, weil der Dienst Inhalte nicht entfernte; danach"
    " verhängte das Gericht eine Strafe gegen Google, und Meta legte Berufung ein.",
    "pt": "O tribunal suspendeu o Telegram porque a empresa não cumpriu a ordem; depois"
    " disso a Anatel multou o Google, e a Meta disse que vai recorrer.",
    "tr": "BTK Twitter'a erişimi engelledi, çünkü şirket içerikleri kaldırmadı; ardından"
    " mahkeme Google'a ceza verdi ve Meta itiraz edeceğini söyledi.",
}


def _stub(code: str) -> tuple[Any, str, Span]:
    text = "Before. " + _TEXTS[code] + " After."
    sent = Span(8, 8 + len(_TEXTS[code]), _TEXTS[code])
    pack = language_pack(code)
    stub = SimpleNamespace(
        ctx=SimpleNamespace(text=text), pack=pack, sent=sent, _stops={}, _clauses={}, _joins=None
    )
    return stub, text, sent


@pytest.mark.parametrize("code", sorted(SUPPORTED))
def test_clause_stops_kept_per_end_are_those_searched(code: str) -> None:
    stub, text, sent = _stub(code)
    rng = random.Random(code)
    places = list(range(sent.start, sent.end + 1))
    ends = [sent.end, *rng.sample(places, 8)]
    asked = [(pos, end) for end in ends for pos in places] + [
        (rng.choice(places), rng.choice(ends)) for _ in range(400)
    ]
    found = 0
    for pos, end in asked:
        got = ReferenceReader.clause_stop(stub, pos, end)
        want = stub.pack.clause_stops.search(text, pos, end)
        assert (got and got.span()) == (want and want.span()), (code, pos, end)
        found += want is not None
    assert found  # the texts hold clause stops


@pytest.mark.parametrize("code", sorted(SUPPORTED))
def test_clauses_from_the_joins_found_once_are_those_of_clause_at(code: str) -> None:
    stub, text, sent = _stub(code)
    seen = set()
    for pos in range(sent.start, sent.end + 1):
        got = FieldReader._clause(stub, pos)
        assert got == clause_at(text, sent, pos, stub.pack.clause_joins), (code, pos)
        seen.add(got)
    assert len(seen) > 1  # the texts hold clause joins
