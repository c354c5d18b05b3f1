"""The script that counts where missed gold events are lost (`eval/miss_stages.py`)."""

from __future__ import annotations

from datetime import date
from types import ModuleType

import pytest
from scripts import eval_script

import clampdown.extract.pipeline as pipeline
from clampdown.model import Document


@pytest.fixture(scope="module")
def stages() -> ModuleType:
    return eval_script("miss_stages")


def test_each_miss_gets_the_step_that_loses_it(stages: ModuleType) -> None:
    text = "Roskomnadzor fined Telegram 3 million roubles."
    doc = Document(id="d", text=text, published=date(2024, 5, 10), lang="en")
    gold = {
        "d": [
            {"type": "FINE", "target": ["Telegram"], "evidence": text},  # found
            {"type": "BLOCK", "target": ["Telegram"], "evidence": text},
            {"type": "DEMAND", "target": ["Acme"], "evidence": text},
            {"type": "WARNING", "target": ["Acme"], "evidence": text, "optional": True},
        ]
    }
    before = pipeline.apply_gates  # type: ignore[attr-defined]
    got = stages.misses([doc], gold)
    assert pipeline.apply_gates is before  # type: ignore[attr-defined]
    assert sorted((doc_id, why) for doc_id, why, _ in got) == [
        ("d", "neither trigger nor party"),
        ("d", "party, trigger of another type"),
    ]
    assert {evidence for _, _, evidence in got} == {text}


def test_a_second_report_merged_into_the_first_is_counted_as_merged(stages: ModuleType) -> None:
    first = "Roskomnadzor fined Telegram 3 million roubles."
    second = "Roskomnadzor said it had fined Telegram."
    doc = Document(id="d", text=f"{first} {second}", published=date(2024, 5, 10), lang="en")
    gold = {
        "d": [
            {"type": "FINE", "target": ["Telegram"], "evidence": first},
            {"type": "FINE", "target": ["Telegram"], "evidence": second},
        ]
    }
    merge = pipeline.merge_duplicates  # type: ignore[attr-defined]
    assert stages.misses([doc], gold) == [
        ("d", "merged into another report of the same party", second)
    ]
    assert pipeline.merge_duplicates is merge  # type: ignore[attr-defined]


def test_causes_by_type_name_the_event_type(stages: ModuleType) -> None:
    text = "Roskomnadzor fined Telegram 3 million roubles."
    doc = Document(id="d", text=text, published=date(2024, 5, 10), lang="en")
    gold = {"d": [{"type": "BLOCK", "target": ["Telegram"], "evidence": text}]}
    assert stages.misses([doc], gold, by_type=True) == [
        ("d", "BLOCK | party, trigger of another type", text)
    ]


def test_the_measuring_part_is_only_counted(
    stages: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        stages.main(["--part", "measure", "--list"])
    assert stop.value.code == 2
    assert "only counted" in capsys.readouterr().err
