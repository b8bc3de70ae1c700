"""Where a claim's actor, action, target, place, date and casualty figures sit in its sentence.

The action has exact offsets (``action_start - sent_start`` inside ``sentence``);
the other slots only have surface text, so the first occurrence that does not
overlap an earlier mark is used (case-sensitive first, then case-insensitive).

Example:
    >>> from claimx.report.marks import find_span
    >>> find_span("Russian jets struck Talbiseh.", "talbiseh", [])
    (20, 28)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from claimx.report.model import Mark, MarkRole
from claimx.types import Claim

TEXT_ROLES: tuple[MarkRole, ...] = ("actor", "target", "location", "date")
NUMBER_ROLES: tuple[MarkRole, ...] = ("killed", "injured")


def _overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def _bounded(hay: str, start: int, end: int) -> bool:
    """No word character runs on across either end of ``hay[start:end]`` (``it`` is not in ``coalition``)."""
    before = start > 0 and hay[start - 1].isalnum() and hay[start].isalnum()
    after = end < len(hay) and hay[end].isalnum() and hay[end - 1].isalnum()
    return not before and not after


def find_span(sentence: str, text: str, taken: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The first ``[start, end)`` of ``text`` as whole words in ``sentence``, clear of ``taken``.

    Case-sensitive matches are tried before case-insensitive ones.
    """
    text = text.strip()
    if not text:
        return None
    for hay, needle in ((sentence, text), (sentence.lower(), text.lower())):
        if len(hay) != len(sentence):  # lower() changed lengths (rare scripts): skip the fold
            continue
        pos = hay.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            if _bounded(hay, pos, end) and not _overlaps(pos, end, taken):
                return pos, end
            pos = hay.find(needle, pos + 1)
    return None


def find_number(sentence: str, value: int, taken: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The first free occurrence of ``value`` written as a whole number (``33``, ``1,200``)."""
    forms = {str(value), f"{value:,}"}
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\d)(?<!\d[,.]){re.escape(form)}(?!\d|[,.]\d)", sentence):
            if not _overlaps(m.start(), m.end(), taken):
                return m.start(), m.end()
    return None


def action_span(claim: Claim) -> tuple[int, int] | None:
    """The action's span inside the claim's sentence, from its offsets, else by its text."""
    start, end = claim.action_start - claim.sent_start, claim.action_end - claim.sent_start
    sentence = claim.sentence
    if 0 <= start < end <= len(sentence) and (
        not claim.action or sentence[start:end].lower() == claim.action.lower()
    ):
        return start, end
    return find_span(sentence, claim.action, []) if claim.action else None


def claim_marks(claim: Claim) -> tuple[Mark, ...]:
    """The marks of one claim's sentence, sorted by start, never overlapping.

    Example (``sample_*``: the test sample, tests/report_sample.py):
        >>> [(m.role, m.start) for m in claim_marks(sample_claims()[0])][:2]
        [('actor', 0), ('action', 12)]
    """
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    span = action_span(claim)
    if span:
        marks.append(Mark(span[0], span[1], "action"))
        taken.append(span)
    for role in TEXT_ROLES:
        value = getattr(claim, role)
        if value:
            span = find_span(claim.sentence, str(value), taken)
            if span:
                marks.append(Mark(span[0], span[1], role))
                taken.append(span)
    for role in NUMBER_ROLES:
        value = getattr(claim, role)
        if value is not None:
            span = find_number(claim.sentence, int(value), taken)
            if span:
                marks.append(Mark(span[0], span[1], role))
                taken.append(span)
    return tuple(sorted(marks, key=lambda m: (m.start, m.end)))
