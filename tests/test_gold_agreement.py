"""scripts/gold_agreement.py: agreement of two hand-made passes with known scores."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from claimx.learn.labelled import LabelledDoc

REPO = Path(__file__).resolve().parents[1]
TEXT = "Jets bombed Homs on Monday. Rebels shelled Aleppo."


def load_script() -> ModuleType:
    """scripts/gold_agreement.py as a module (it needs tomllib, Python >= 3.11)."""
    pytest.importorskip("tomllib")
    if "gold_agreement" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "gold_agreement", REPO / "scripts" / "gold_agreement.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["gold_agreement"] = module
        spec.loader.exec_module(module)
    return sys.modules["gold_agreement"]


def _span(text: str, role: str | None = None) -> dict:
    start = TEXT.index(text)
    out = {"start": start, "end": start + len(text), "text": text}
    return {"role": role, **out} if role else out


def _doc(actions: list[dict]) -> LabelledDoc:
    return LabelledDoc.from_json({"id": "fakes:1", "text": TEXT, "actions": actions})


FIRST = _doc(
    [
        {
            **_span("bombed"),
            "type": "air_strike",
            "killed": 3,
            "args": [_span("Homs", "location"), _span("Monday", "date")],
        },
        {
            **_span("shelled"),
            "type": "shelling",
            "args": [_span("Rebels", "actor"), _span("Aleppo", "location")],
        },
    ]
)
SECOND = _doc(
    [
        {
            **_span("Jets bombed"),
            "type": "air_strike",
            "killed": 3,
            "hedged": True,
            "args": [_span("Homs", "location")],
        },
        {**_span("shelled"), "type": "attack", "args": [_span("Rebels", "actor")]},
    ]
)


def test_known_scores_of_two_small_passes() -> None:
    ga = load_script()
    result = ga.agreement([FIRST], [SECOND], "x")
    f1 = {(s.slot, s.mode): round(s.f1, 3) for s in result.report.scores}
    assert f1[("action", "lenient")] == 1.0
    assert f1[("action", "exact")] == 0.5  # "Jets bombed" is not "bombed"
    assert f1[("action_type", "lenient")] == 0.5
    assert f1[("actor", "lenient")] == 1.0
    assert f1[("location", "lenient")] == 0.667  # 1 of 2 found, 1 of 1 right
    assert f1[("date", "lenient")] == 0.0
    assert f1[("killed", "lenient")] == 1.0
    assert f1[("killed", "exact")] == 0.0
    assert f1[("hedged", "lenient")] == 0.0
    assert result.n_matched == 2
    assert result.kappa == pytest.approx(1 / 3)  # po 0.5, pe 0.25


def test_scores_are_symmetric_and_identical_passes_agree_fully() -> None:
    ga = load_script()
    one, two = ga.agreement([FIRST], [SECOND], "a"), ga.agreement([SECOND], [FIRST], "b")
    for slot in ("action", "action_type", "location", "killed"):
        assert one.report.get(slot, "lenient").f1 == pytest.approx(two.report.get(slot, "lenient").f1)
    same = ga.agreement([FIRST], [FIRST], "same")
    assert all(s.f1 == 1.0 for s in same.report.scores if s.n_gold)
    assert same.kappa == 1.0


def test_compiles_folders_from_authoring_files(tmp_path: Path) -> None:
    ga = load_script()
    fakes = tmp_path / "fakes.csv"
    fakes.write_text(
        f'unit_id,article_content,source,date,labels\n7,"{TEXT}",ahram,4/5/2017,1\n', encoding="utf-8"
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ahram.toml").write_text(
        '[[article]]\nunit_id = "7"\n'
        'actions = [{trigger = "bombed", type = "air_strike", location = "Homs"}]\n',
        encoding="utf-8",
    )
    second = tmp_path / "agreement" / "agreeX"
    second.mkdir(parents=True)
    (second / "ahram.toml").write_text(
        '[[article]]\nunit_id = "7"\nactions = [{trigger = "shelled", type = "shelling"}]\n', encoding="utf-8"
    )
    passes = ga.compile_passes(tmp_path / "src", tmp_path / "agreement", fakes)
    assert list(passes) == ["agreeX"]
    out = tmp_path / "out.json"
    argv = ["--fakes", str(fakes), "--src", str(tmp_path / "src"), "--agreement", str(tmp_path / "agreement")]
    assert ga.main([*argv, "--json", str(out)]) == 0
    numbers = json.loads(out.read_text(encoding="utf-8"))
    assert numbers["agreeX"]["scores"]["lenient"]["action"]["f1"] == 0.0
    assert ga.compile_passes(tmp_path / "src", tmp_path / "agreement", fakes, exclude={"7"}) == {}
    assert ga.main([*argv, "--exclude", "7", "--json", str(out)]) == 0
    assert "agreeX" not in json.loads(out.read_text(encoding="utf-8"))
    (second / "ahram.toml").write_text('[[article]]\nunit_id = "8"\n', encoding="utf-8")
    assert ga.main(argv) == 1
