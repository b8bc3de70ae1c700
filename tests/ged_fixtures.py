"""Tiny hand-made GED-like CSV files for the GED tests (no real data)."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS: tuple[str, ...] = (
    "id",
    "source_index",
    "number_of_sources",
    "events_citing_item",
    "source_office",
    "source_date",
    "source_headline",
    "source_article_item",
    "year",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
)

EVENTS = {
    # id: (side_a, side_b, type, where, adm_1, date, low, best, high)
    "900001": (
        "Government of Syria",
        "Civilians",
        3,
        "Kafr Nabl town",
        "Idlib Governorate",
        "2016-05-02",
        5,
        5,
        6,
    ),
    "900002": ("IS", "SDF", 1, "Ar Raqqah town", "Ar Raqqah Governorate", "2017-06-10", 10, 12, 20),
    "900003": (
        "Government of Syria",
        "Syrian insurgents",
        1,
        "Duma town",
        "Rif Dimashq Governorate",
        "2017-04-21",
        2,
        2,
        2,
    ),
}

ITEMS = [
    # id, index, citing, office, date, headline
    ("900001", 1, 1, "SOHR", "2016-05-02", "Regime warplanes kill 5 civilians in Kafr Nabl"),
    ("900001", 2, 1, "Reuters", "2016-05-03", "Syrian jets strike Kafr Nabl, 5 civilians dead"),
    ("900002", 1, 1, "SOHR", "2017-06-10", "SDF clashes with ISIS in Raqqa city leave 12 dead"),
    ("900002", 2, 3, "SOHR", "2017-06-11", "Round-up of the day's fighting across Syria"),
    ("900003", 1, 1, "SOHR", "not a date", "Raids target Douma kill two and injuries"),
]


def write_sources_long(path: Path, items=ITEMS, events=EVENTS) -> Path:
    """Write a GED-like sources-long CSV with the given items (rows) and event gold."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for event_id, index, citing, office, date, headline in items:
            side_a, side_b, tov, where, adm_1, day, low, best, high = events[event_id]
            w.writerow(
                {
                    "id": event_id,
                    "source_index": index,
                    "number_of_sources": 2,
                    "events_citing_item": citing,
                    "source_office": office,
                    "source_date": date,
                    "source_headline": headline,
                    "source_article_item": f"{office},{date},{headline}",
                    "year": day[:4],
                    "type_of_violence": tov,
                    "conflict_name": "Syria",
                    "dyad_name": f"{side_a} - {side_b}",
                    "side_a": side_a,
                    "side_b": side_b,
                    "where_prec": 1,
                    "where_coordinates": where,
                    "adm_1": adm_1,
                    "adm_2": "",
                    "latitude": 35.0,
                    "longitude": 36.6,
                    "date_prec": 1,
                    "date_start": day,
                    "date_end": day,
                    "deaths_a": 0,
                    "deaths_b": 0,
                    "deaths_civilians": best,
                    "deaths_unknown": 0,
                    "low": low,
                    "best": best,
                    "high": high,
                }
            )
    return path
