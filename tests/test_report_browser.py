"""The report opened in headless Chromium: it draws, logs no error, requests nothing, runs no article text.

Needs Debian's ``chromium`` and the ``websocket-client`` package; skipped with the
reason when either is missing. The screenshots land in pytest's tmp folder (the
test prints where) or in ``$CLAIMX_SCREENSHOT_DIR`` when that is set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import check_page, find_chromium
from report_sample import HOSTILE_IMG, HOSTILE_SCRIPT, sample_article, sample_input

from claimx.report import build_report, render_article, render_report

pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="no chromium on PATH (apt-get install -y chromium)"),
]
pytest.importorskip("websocket", reason="websocket-client is not installed (pip install websocket-client)")


def _keep(shot: Path) -> Path:
    target = os.environ.get("CLAIMX_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)
    print(f"screenshot: {shot}")
    return shot


PROBES = (
    "window.__pwned === undefined",
    "document.documentElement.dataset.ready",
    "document.querySelectorAll('#panel .event').length",
    "document.querySelector('#panel .event .badge').textContent",
    "document.querySelectorAll('#panel .event .slotchip').length",
    "document.querySelectorAll('#map .dots circle').length",
    "document.querySelectorAll('#timeline rect').length > 0",
    "document.querySelectorAll('img, iframe, object, embed').length",
    # the hostile outlet's events: shown as characters
    "document.querySelectorAll('.tab')[2].click(); document.body.innerText",
)


def test_report_renders_offline_without_errors(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(build_report(sample_input())), encoding="utf-8")
    filter_by_outlet = (
        "(() => { const s = document.getElementById('f-outlet'); s.value = 'ahram';"
        " s.dispatchEvent(new Event('change'));"
        " const n = [...document.querySelectorAll('.tab .n')].map((x) => x.textContent).join(',');"
        " s.value = ''; s.dispatchEvent(new Event('change')); return n; })()"
    )
    probes = (
        *PROBES,
        "window.__pwned === undefined",
        filter_by_outlet,
        "document.querySelectorAll('.tab')[0].click(); 1",
    )
    result = check_page(page, screenshot=tmp_path / "report-sample.png", evaluate=probes)
    assert result.console_errors == ()
    assert result.requests == ()
    pwned_free, ready, n_events, badge, n_chips, n_dots, has_bars, n_media, text, still_free, counts, _ = (
        result.values
    )
    assert pwned_free is True and ready == "1"
    assert n_events == 1 and badge == "disputed" and n_chips >= 3
    assert n_dots >= 3 and has_bars is True and n_media == 0
    assert HOSTILE_SCRIPT in text and HOSTILE_IMG in text  # the single-source tab shows them as text ...
    assert still_free is True  # ... and never runs them
    assert counts == "0,1,0,1"  # ahram only: no disputed event, one corroborated, its one claim
    _keep(result.screenshot)


def test_article_page_renders_offline(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(render_article(*sample_article()), encoding="utf-8")
    result = check_page(
        page,
        screenshot=tmp_path / "article.png",
        width=1000,
        height=600,
        evaluate=(
            "window.__pwned === undefined",
            "document.querySelectorAll('mark.ent').length",
            "document.body.innerText",
        ),
    )
    assert result.console_errors == () and result.requests == ()
    free, n_marks, text = result.values
    assert free is True and n_marks >= 6 and HOSTILE_SCRIPT in text
    _keep(result.screenshot)


def test_the_check_itself_sees_errors_and_requests(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        "<!doctype html><title>bad</title><link rel=icon href='data:,'>"
        "<img src='http://127.0.0.1:9/x.png'><script>console.error('boom'); undefinedFn();</script>",
        encoding="utf-8",
    )
    result = check_page(page, settle_s=0.2)
    assert any("127.0.0.1:9/x.png" in url for url in result.requests)
    assert any("boom" in e for e in result.console_errors)
    assert any("undefinedFn" in e for e in result.console_errors)
