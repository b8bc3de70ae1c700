"""GED reading, hold-out, weak-label converter and headline scoring, on tiny hand-made CSVs."""

from __future__ import annotations

from pathlib import Path

import pytest
from ged_fixtures import write_sources_long

from claimx.errors import UsageError
from claimx.ged.check import casualty_check, in_day_window, link_gold, score_headlines, stated_numbers
from claimx.ged.data import governorate_name, is_holdout, read_events, sample_events
from claimx.learn.convert_ged import convert_events, find_triggers, headline_doc, split_for
from claimx.types import Claim, Event


@pytest.fixture()
def ged_csv(tmp_path: Path) -> Path:
    return write_sources_long(tmp_path / "ged_sources_long.csv")


def test_read_events_groups_items_and_maps_gold(ged_csv: Path) -> None:
    events = {e.id: e for e in read_events(ged_csv)}
    assert sorted(events) == ["900001", "900002", "900003"]
    e1, e2, e3 = events["900001"], events["900002"], events["900003"]
    assert [i.index for i in e1.items] == [1, 2] and len(e1.clean_items) == 2
    assert e1.governorate == "Idlib" and e2.governorate == "Raqqa" and e3.governorate == "Rif Dimashq"
    assert [i.index for i in e2.clean_items] == [1]  # the round-up cited by 3 events is not clean
    assert e3.items[0].published is None  # a bad source_date is dropped, not guessed
    assert (e2.low, e2.best, e2.high) == (10, 12, 20)


def test_read_events_folder_and_bad_input(tmp_path: Path, ged_csv: Path) -> None:
    with pytest.raises(UsageError, match="no GED sources file"):
        read_events(tmp_path / "nothing")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,source_index\n1,1\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.csv: not a GED sources-long CSV"):
        read_events(bad)


def test_holdout_is_stable_and_about_a_fifth() -> None:
    ids = [str(200000 + k) for k in range(2000)]
    share = sum(is_holdout(i) for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [is_holdout(i) for i in ids[:50]] == [is_holdout(i) for i in ids[:50]]
    assert all(split_for(i) == "test" for i in ids if is_holdout(i))
    assert all(split_for(i) in ("train", "dev") for i in ids if not is_holdout(i))


def test_read_events_split_filters_by_holdout(ged_csv: Path) -> None:
    held = {e.id for e in read_events(ged_csv, split="test")}
    kept = {e.id for e in read_events(ged_csv, split="train")}
    assert held.isdisjoint(kept) and held | kept == {"900001", "900002", "900003"}
    assert held == {i for i in held | kept if is_holdout(i)}


def test_sample_events_limit(ged_csv: Path) -> None:
    events = read_events(ged_csv)
    assert len(sample_events(events, 2)) == 2 and len(sample_events(events, None)) == 3


def test_governorate_names() -> None:
    assert governorate_name("Deir ez Zor Governorate") == "Deir ez-Zor"
    assert governorate_name("As Suwayda Governorate") == "Suwayda"
    assert governorate_name("Atlantis Governorate") is None


def test_converter_labels_place_toll_and_sides(ged_csv: Path) -> None:
    events = {e.id: e for e in read_events(ged_csv)}
    e1 = events["900001"]
    doc = headline_doc(e1, e1.items[0])
    assert doc is not None and doc.partial_actions and doc.origin == "UCDP-GED"
    action = doc.actions[0]
    for span in (action, *action.args):
        assert doc.text[span.start : span.end] == span.text
    assert action.killed == 5
    assert action.arg("location").text == "Kafr Nabl"
    assert action.arg("target").text == "civilians"
    assert action.arg("actor").text == "Regime"
    assert "injured" not in doc.slots and "attribution" not in doc.slots
    assert doc.split == split_for("900001")


def test_converter_leaves_out_what_it_cannot_label(ged_csv: Path) -> None:
    events = {e.id: e for e in read_events(ged_csv)}
    e3 = events["900003"]  # "kill two": a death word but no number in [low, high] written in digits
    doc = headline_doc(e3, e3.items[0])
    assert doc is not None and "killed" not in doc.slots and doc.actions[0].killed is None
    docs = convert_events(events.values())
    assert {d.id for d in docs} == {"ged:900001:1", "ged:900001:2", "ged:900002:1", "ged:900003:1"}


def test_find_triggers_prefers_phrases() -> None:
    text = "Suicide car bomb kills 4 near a checkpoint"
    found = [(text[s:e], t) for s, e, t, _ in find_triggers(text)]
    assert found[0] == ("Suicide car bomb", "suicide_bomb")


def test_convert_cli_round_trip(ged_csv: Path, tmp_path: Path) -> None:
    from claimx.learn.labelled import load_labelled, save_labelled
    from claimx.learn.sources import detect_format, load_documents

    assert detect_format(ged_csv) == "ged"
    docs = load_documents(ged_csv)
    out = tmp_path / "ged.jsonl"
    save_labelled(docs, out)
    again = load_labelled(out)
    assert [d.to_json() for d in again] == [d.to_json() for d in docs]


def _claim(doc: str, cid: str, **kw) -> Claim:
    rec = {"claim_id": cid, "doc_id": doc, "sentence": "s", "action": "hit", "action_type": "air_strike"}
    return Claim.from_record({**rec, **kw})


def test_score_headlines_counts_what_is_right(ged_csv: Path) -> None:
    events = {e.id: e for e in read_events(ged_csv)}
    e1, e2 = events["900001"], events["900002"]
    pairs = [(e1, e1.items[0]), (e1, e1.items[1]), (e2, e2.items[0])]
    claims = {
        "ged:900001:1": [
            _claim(
                "ged:900001:1",
                "a",
                admin1="Idlib",
                killed=5,
                date_norm="2016-05-03",
                actor="Regime warplanes",
            )
        ],
        "ged:900001:2": [_claim("ged:900001:2", "b", admin1="Hama", published="2016-05-03")],
        "ged:900002:1": [_claim("ged:900002:1", "c", admin1="Raqqa", killed=40)],
    }
    s = score_headlines(pairs, claims)
    assert (s.governorate.right, s.governorate.total) == (2, 3)
    assert (s.date.right, s.date_effective.right) == (1, 2)
    assert (s.toll_digits.right, s.toll_digits.total) == (1, 3)
    assert (s.toll_stated.right, s.toll_stated.total) == (1, 2)
    assert (s.actor_side.right, s.actor_side.total) == (1, 1)


def test_stated_numbers_and_day_window() -> None:
    assert stated_numbers("12 killed on 28/08/2017, 1,200 displaced at 10:30") == [12, 1200]
    assert stated_numbers("June 26th 2017: (S957a) 4 dead near T4 in 24 hours, 8 km away") == [4]
    assert in_day_window("2016-05-03", "2016-05-02", "2016-05-02")
    assert not in_day_window(None, "2016-05-02", "2016-05-02")


def _event(
    eid: str, claim_ids: tuple[str, ...], low: int | None, best: int | None, high: int | None
) -> Event:
    return Event(
        eid, claim_ids, (), (), "air_strike", None, None, None, None, None, (), (), low, best, high, False
    )


def test_casualty_check_uses_the_event_holding_most_headlines(ged_csv: Path) -> None:
    events = read_events(ged_csv)
    claim_docs = {"a": "ged:900001:1", "b": "ged:900001:2", "c": "ged:900002:1"}
    claimx_events = [_event("x", ("a", "b"), 4, 5, 6), _event("y", ("c",), 40, 40, 40)]
    check = casualty_check(events, claim_docs, claimx_events)
    assert check.events == 1  # only 900001 has two clean headlines
    assert (check.contains_best.right, check.contains_best.total) == (1, 1)
    assert check.median_abs_error == 0.0
    assert link_gold(events, multi_only=True) == {"ged:900001:1": "900001", "ged:900001:2": "900001"}


@pytest.mark.slow
def test_real_ged_file_holdout_and_converter(shared_dir: Path) -> None:
    """The real GED Syria 2016-17 file: every event read, a fifth held out, hold-out never in train."""
    path = shared_dir / "data" / "ucdp_ged"
    if not (path / "ged_syria_2016_2017_sources_long.csv").is_file():
        pytest.skip("no GED data in ../shared")
    events = read_events(path)
    assert len(events) == 11757
    held = [e for e in events if e.split == "test"]
    assert 0.18 < len(held) / len(events) < 0.22
    docs = convert_events(held[:200])
    assert docs and all(d.split == "test" for d in docs)
    assert all(d.text[a.start : a.end] == a.text for d in docs for a in d.actions)
