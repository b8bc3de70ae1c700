"""Open a claimx HTML report in headless Chromium: list console errors and requests, save a screenshot.

Exit status 1 when the page logged an error or asked for anything outside itself.

Example:
    $ .venv/bin/python scripts/report_screenshot.py report.html report.png --tab 0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import check_page


def main(argv: list[str] | None = None) -> int:
    """Run the check; print what it found."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("screenshot", type=Path)
    ap.add_argument("--tab", type=int, default=None, help="click this tab (0-based) before the screenshot")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--full", action="store_true", help="the whole page, not just the window")
    args = ap.parse_args(argv)
    probes = [
        "performance.getEntriesByType('navigation')[0].loadEventEnd",
        "document.querySelectorAll('*').length",
    ]
    if args.tab is not None:
        probes.append(f"document.querySelectorAll('.tab')[{args.tab}].click(); 1")
    result = check_page(
        args.page,
        screenshot=args.screenshot,
        evaluate=probes,
        width=args.width,
        height=args.height,
        full_page=args.full,
    )
    print(
        f"loaded in {result.values[0]:.0f} ms, {result.values[1]} DOM nodes; screenshot {result.screenshot}"
    )
    for err in result.console_errors:
        print(f"console error: {err}")
    for url in result.requests:
        print(f"request: {url}")
    return 1 if result.console_errors or result.requests else 0


if __name__ == "__main__":
    sys.exit(main())
