"""The report's map: Syria's governorates when every place is in Syria, else world outlines zoomed in."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from report_sample import sample_input

from claimx.report import build_report, geo, render_report
from claimx.report.geo import SYRIA_MAP, choose_map, countries, find_country
from claimx.report.model import ReportInput

SUDAN = {
    "country": "Sudan",
    "admin1": "Northern Darfur",
    "lat": 13.63,
    "lon": 25.35,
    "location_norm": "El Fasher",
}
CHAD = {"country": "Chad", "admin1": "Ouadai", "lat": 13.47, "lon": 22.2, "location_norm": "Adre"}


def _moved(inp: ReportInput, *places: dict) -> ReportInput:
    """The sample with its claims (and events) moved to ``places`` in turn."""
    claims = tuple(dataclasses.replace(c, **places[i % len(places)]) for i, c in enumerate(inp.claims))
    where = {k: places[0][k] for k in ("lat", "lon", "admin1", "location_norm")}
    events = tuple(dataclasses.replace(e, **where) for e in inp.events)
    return dataclasses.replace(inp, claims=claims, events=events)


def _svg(page: str) -> str:
    m = re.search(r'<svg id="map".*?</svg>', page, re.S)
    assert m, "no map"
    return m.group(0)


def _payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="claimx-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_syria_only_keeps_the_governorate_view() -> None:
    data = build_report(sample_input())
    page = render_report(data)
    assert data.map_view.kind == "syria" and "Syria's governorates" in _svg(page)
    assert _payload(page)["meta"]["map"] == {"w": SYRIA_MAP.width, "h": SYRIA_MAP.height}


def test_other_countries_get_the_world_outlines_zoomed_to_them() -> None:
    data = build_report(_moved(sample_input(), SUDAN, CHAD))
    page = render_report(data)
    svg, view = _svg(page), data.map_view.projection
    assert data.map_view.kind == "world" and data.map_view.countries == ("Chad", "Sudan")
    assert "Map of the countries" in svg and ">Sudan</text>" in svg and ">Chad</text>" in svg
    assert "<title>Aleppo</title>" not in svg and "<title>Libya</title>" in svg, "neighbours drawn too"
    assert "<title>Brazil</title>" not in svg, "only the outlines in view"
    assert view.contains(15.6, 32.5) and not view.contains(48.9, 2.35), "Khartoum in view, Paris not"
    points = [e["pt"] for e in _payload(page)["events"] if "pt" in e]
    assert points and all(0 <= x <= view.width and 0 <= y <= view.height for x, y in points)
    assert _payload(page)["meta"]["map"] == {"w": view.width, "h": view.height}


def test_syria_and_another_country_share_one_world_view() -> None:
    kyiv = {"country": "Ukraine", "admin1": "Kyiv City", "lat": 50.45, "lon": 30.52, "location_norm": "Kyiv"}
    view = choose_map([("Syria", 36.2, 37.16), (kyiv["country"], kyiv["lat"], kyiv["lon"])])
    assert view.kind == "world"
    assert view.point(36.2, 37.16, None) is not None and view.point(50.45, 30.52, None) is not None


def test_no_known_country_shows_the_world_and_points_still_count() -> None:
    assert choose_map([]).projection.contains(-33.9, 18.4), "Cape Town on the whole-world view"
    view = choose_map([("Atlantis", -41.3, 174.8)])
    assert view.kind == "world" and view.point(-41.3, 174.8, None) is not None


def test_outlines_are_bundled_small_and_named_like_claims() -> None:
    asset = Path(geo.__file__).parent / "assets" / geo.WORLD_ASSET
    assert asset.stat().st_size < 300_000 and len(countries()) > 150
    for name in ("Syria", "United States", "Ukraine", "Sudan", "Yemen", "Democratic Republic of the Congo"):
        assert find_country(name) is not None, name
    assert find_country("United States of America") is find_country("United States"), "Natural Earth's name"
