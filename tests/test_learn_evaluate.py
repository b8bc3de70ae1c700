"""Scoring frames against gold on a hand-made case whose P/R/F1 are worked out by hand."""

from __future__ import annotations

import json

import pytest

from claimx.learn.evaluate import evaluate, match_actions, score
from claimx.learn.labelled import LabelledDoc
from claimx.types import Claim, Frame, Span

TEXT = "Jets bombed Homs on Monday. Rebels shelled Aleppo. Talks resumed."


def _span(text: str, start: int | None = None) -> tuple[int, int]:
    s = TEXT.index(text) if start is None else start
    return s, s + len(text)


def _gold(**extra) -> LabelledDoc:
    def arg(role: str, text: str) -> dict:
        s, e = _span(text)
        return {"role": role, "start": s, "end": e}

    b, s = _span("bombed"), _span("shelled")
    return LabelledDoc.from_json(
        {
            "id": "d1",
            "text": TEXT,
            "actions": [
                {
                    "start": b[0],
                    "end": b[1],
                    "type": "air_strike",
                    "args": [arg("actor", "Jets"), arg("location", "Homs"), arg("date", "Monday")],
                    "killed": 12,
                    "hedged": True,
                },
                {
                    "start": s[0],
                    "end": s[1],
                    "type": "shelling",
                    "args": [arg("actor", "Rebels"), arg("location", "Aleppo")],
                },
            ],
            **extra,
        }
    )


def _frame(trigger: str, atype: str, sent: tuple[int, int], **args: str) -> Frame:
    return Frame(
        action=Span(*_span(trigger), trigger),
        action_type=atype,
        sent_start=sent[0],
        sent_end=sent[1],
        args={role: Span(*_span(t), t, role) for role, t in args.items()},
    )


S1, S2, S3 = (0, 27), (28, 50), (51, 65)
FRAMES = [
    _frame("bombed", "air_strike", S1, actor="Jets", location="Homs on"),  # location only overlaps
    _frame(
        "Rebels shelled", "attack", S2, actor="Rebels", target="Aleppo"
    ),  # trigger overlaps, wrong type/role
    _frame("Talks", "other", S3, location="Aleppo"),  # no gold action
]


def _prf(report, slot: str, mode: str) -> tuple[float, float, float]:
    s = report.get(slot, mode)
    return round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)


def test_exact_scores() -> None:
    report = score([_gold()], [[(f, None) for f in FRAMES]])
    assert _prf(report, "action", "exact") == (0.3333, 0.5, 0.4)
    assert _prf(report, "action_type", "exact") == (0.3333, 0.5, 0.4)
    assert _prf(report, "actor", "exact") == (0.5, 0.5, 0.5)
    assert _prf(report, "location", "exact") == (0.0, 0.0, 0.0)
    assert _prf(report, "date", "exact") == (0.0, 0.0, 0.0)
    assert _prf(report, "arguments", "exact") == (0.2, 0.2, 0.2)
    assert _prf(report, "arguments (macro)", "exact") == (0.1667, 0.1667, 0.1667)
    assert report.get("killed", "exact") is None  # no claims given: claim slots are not scored


def test_lenient_scores() -> None:
    report = score([_gold()], [[(f, None) for f in FRAMES]])
    assert _prf(report, "action", "lenient") == (0.6667, 1.0, 0.8)
    assert _prf(report, "action_type", "lenient") == (0.3333, 0.5, 0.4)
    assert _prf(report, "actor", "lenient") == (1.0, 1.0, 1.0)
    assert _prf(report, "location", "lenient") == (0.5, 0.5, 0.5)
    assert _prf(report, "target", "lenient") == (0.0, 0.0, 0.0)
    assert _prf(report, "arguments", "lenient") == (0.6, 0.6, 0.6)
    counts = report.get("arguments", "lenient")
    assert (counts.tp, counts.n_pred, counts.n_gold) == (3, 5, 5)


def test_partial_documents_ignore_unmatched_predictions() -> None:
    report = score([_gold(partial_actions=True)], [[(f, None) for f in FRAMES]])
    # exact: only "bombed" matches, so the other two frames are not counted at all
    assert _prf(report, "action", "exact") == (1.0, 0.5, 0.6667)
    assert _prf(report, "actor", "exact") == (1.0, 0.5, 0.6667)
    # lenient: "Talks" (no gold) is ignored, so its location is no false alarm
    loc = report.get("location", "lenient")
    assert (loc.tp, loc.n_pred, loc.n_gold) == (1, 1, 2)


def test_slots_not_annotated_are_not_scored() -> None:
    partial = _gold(slots=["action", "action_type", "actor", "location"])
    report = score([partial], [[(f, None) for f in FRAMES]])
    assert report.get("date", "exact") is None and report.get("target", "lenient") is None
    assert report.get("arguments", "exact").n_gold == 4  # actor + location only
    # beside a fully annotated document, the partial one adds nothing to the date counts
    both = score([partial, _gold(id="d2")], [[(f, None) for f in FRAMES]] * 2)
    date = both.get("date", "exact")
    assert (date.n_gold, date.n_pred) == (1, 0)


def test_same_sentence_fallback_pairs_a_different_trigger() -> None:
    other = _frame("Jets", "air_strike", S1, location="Homs")  # "Jets" for gold "bombed": same sentence
    assert match_actions(_gold().actions, [other], "lenient") == [(0, 0)]
    assert match_actions(_gold().actions, [other], "exact") == []


def _claim(frame: Frame, **kw) -> Claim:
    values = {
        "claim_id": "c",
        "doc_id": "d1",
        "source": None,
        "published": None,
        "sentence": "",
        "sent_start": frame.sent_start,
        "sent_end": frame.sent_end,
        "actor": None,
        "actor_norm": None,
        "action": frame.action.text,
        "action_start": frame.action.start,
        "action_end": frame.action.end,
        "action_type": frame.action_type,
        "target": None,
        "target_norm": None,
        "location": None,
        "location_norm": None,
        "admin1": None,
        "country": None,
        "lat": None,
        "lon": None,
        "date": None,
        "date_norm": None,
        "attributed_to": None,
        "negated": False,
        "hedged": False,
        "killed": None,
        "injured": None,
        "confidence": 1.0,
    }
    values.update(kw)
    return Claim(**values)


def test_claim_slots_with_claims() -> None:
    preds = [
        (FRAMES[0], _claim(FRAMES[0], killed=12, hedged=True)),
        (FRAMES[1], _claim(FRAMES[1], killed=3, attributed_to="activists")),
        (FRAMES[2], _claim(FRAMES[2])),
    ]
    report = score([_gold()], [preds])
    killed = report.get("killed", "exact")
    assert (killed.tp, killed.n_pred, killed.n_gold) == (1, 2, 1)
    assert _prf(report, "hedged", "exact") == (1.0, 1.0, 1.0)
    att = report.get("attribution", "lenient")
    assert (att.tp, att.n_pred, att.n_gold) == (0, 1, 0)


def test_report_renders_and_serialises() -> None:
    report = evaluate([_gold()], lambda docs: [[(f, None) for f in FRAMES] for _ in docs], name="hand")
    table = report.render()
    assert table.splitlines()[0] == "hand (1 documents)"
    assert any(
        line.startswith("arguments ") and "0.200" in line and "0.600" in line for line in table.splitlines()
    )
    data = json.loads(report.to_json_text())
    assert data["scores"]["lenient"]["actor"]["f1"] == 1.0 and data["n_docs"] == 1


def test_prediction_count_must_match() -> None:
    with pytest.raises(ValueError, match="1 documents but 0"):
        score([_gold()], [])
