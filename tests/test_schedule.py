"""The review page's schedule (ts-fsrs, run here with Node through quizzes/static/src/schedule.js)
against the reference Python implementation of the same algorithm (`fsrs` on PyPI, FSRS-6, the
same default parameters, no fuzz): after every attempt of a fixed history, the next due time
agrees within a minute.

One difference between the two implementations is known and kept out of these histories:
ts-fsrs counts the days since the last review by calendar date (UTC), py-fsrs by whole 24-hour
periods, so a review at an earlier clock time on a later day can differ by a day's worth of
forgetting. The histories review at the same clock time on later days, where both agree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from fsrs import Card, Rating, Scheduler

from conftest import ROOT

NODE = shutil.which("node")

# (time, correct, hint, retry): wrong -> Again, right -> Good, right after hint or retry -> Hard
HISTORIES = {
    "wrong, then right on a second try, then spaced reviews": [
        ("2026-03-02T09:00:00Z", False, False, False),
        ("2026-03-02T09:01:30Z", True, False, True),
        ("2026-03-02T09:12:00Z", True, False, False),
        ("2026-03-03T09:12:00Z", True, False, False),
        ("2026-03-08T09:12:00Z", True, False, False),
        ("2026-03-29T09:12:00Z", True, False, False),
    ],
    "right at once, a lapse a month later, relearned": [
        ("2026-01-10T18:30:00Z", True, False, False),
        ("2026-01-10T18:40:00Z", True, False, False),
        ("2026-01-13T18:40:00Z", True, False, False),
        ("2026-02-12T18:40:00Z", False, False, False),
        ("2026-02-12T18:52:00Z", True, True, False),
        ("2026-02-13T18:52:00Z", True, False, False),
    ],
    "hints throughout": [
        ("2026-05-01T07:00:00Z", True, True, False),
        ("2026-05-01T07:10:00Z", True, True, False),
        ("2026-05-02T07:10:00Z", True, True, False),
        ("2026-05-06T07:10:00Z", True, False, False),
    ],
}

NODE_SCRIPT = """
import { replay, cardJSON } from %s;
const history = JSON.parse(process.argv[1]);
const out = [];
for (let k = 1; k <= history.length; k++) out.push(cardJSON(replay(history.slice(0, k))));
console.log(JSON.stringify(out));
"""


def js_schedule(history) -> list[dict]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is required under CI=true")
        pytest.skip("Node.js is not installed")
    attempts = [{"at": t, "correct": c, "hint": h, "retry": r} for t, c, h, r in history]
    module = json.dumps((ROOT / "quizzes/static/src/schedule.js").as_uri())
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", NODE_SCRIPT % module, json.dumps(attempts)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def reference_schedule(history) -> list[Card]:
    scheduler = Scheduler(enable_fuzzing=False)  # FSRS-6 defaults, like ts-fsrs's
    card, out = Card(), []
    for time, correct, hint, retry in history:
        rating = Rating.Again if not correct else Rating.Hard if hint or retry else Rating.Good
        card, _ = scheduler.review_card(card, rating, datetime.fromisoformat(time))
        out.append(card)
    return out


@pytest.mark.parametrize("name", HISTORIES)
def test_schedule_matches_the_reference_implementation(name):
    history = HISTORIES[name]
    for k, (ours, ref) in enumerate(
        zip(js_schedule(history), reference_schedule(history), strict=True), 1
    ):
        due = datetime.fromisoformat(ours["due"].replace("Z", "+00:00"))
        assert abs((due - ref.due).total_seconds()) <= 60, (name, k, due, ref.due)
        assert ours["stability"] == pytest.approx(ref.stability, rel=1e-3), (name, k)
        assert ours["difficulty"] == pytest.approx(ref.difficulty, rel=1e-3), (name, k)


def test_reviews_spread_out_as_answers_stay_right():
    """The point of spacing: each right answer pushes the next review further away."""
    history = HISTORIES["wrong, then right on a second try, then spaced reviews"]
    dues = [datetime.fromisoformat(c["due"].replace("Z", "+00:00")) for c in js_schedule(history)]
    times = [datetime.fromisoformat(t) for t, *_ in history]
    gaps = [(due - time).total_seconds() for due, time in zip(dues, times, strict=True)][2:]
    assert gaps == sorted(gaps) and gaps[-1] > 20 * 86400
    assert all(due.tzinfo == UTC or due.utcoffset().total_seconds() == 0 for due in dues)
