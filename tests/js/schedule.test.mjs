// The review schedule (quizzes/static/src/schedule.js) and the review page's ordering.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rating, cardJSON, dueAt, rating, replay } from "../../quizzes/static/src/schedule.js";
import { interleave } from "../../quizzes/static/src/study.js";

const at = (iso, correct, extra = {}) => ({ at: iso, correct, hint: false, retry: false, ...extra });

test("a check maps to an FSRS rating: wrong Again, right Good, right after a hint or retry Hard", () => {
  assert.equal(rating(at("2026-01-01T00:00:00Z", false)), Rating.Again);
  assert.equal(rating(at("2026-01-01T00:00:00Z", false, { hint: true })), Rating.Again);
  assert.equal(rating(at("2026-01-01T00:00:00Z", true)), Rating.Good);
  assert.equal(rating(at("2026-01-01T00:00:00Z", true, { hint: true })), Rating.Hard);
  assert.equal(rating(at("2026-01-01T00:00:00Z", true, { retry: true })), Rating.Hard);
});

test("never answered is never due; a wrong last answer is due at once", () => {
  assert.equal(dueAt({ attempts: [] }), null);
  assert.equal(dueAt(undefined), null);
  const wrongLast = { attempts: [at("2026-01-01T10:00:00.000Z", true), at("2026-01-05T09:00:00.000Z", false)] };
  assert.equal(dueAt(wrongLast).toISOString(), "2026-01-05T09:00:00.000Z");
});

test("a right answer comes back later, and later again after another right answer", () => {
  const first = dueAt({ attempts: [at("2026-01-01T10:00:00.000Z", true)] });
  // FSRS-6 defaults: a first Good is in learning, due again after its 10-minute step
  assert.equal(first.toISOString(), "2026-01-01T10:10:00.000Z");
  const second = dueAt({ attempts: [at("2026-01-01T10:00:00.000Z", true), at("2026-01-01T10:10:00.000Z", true)] });
  assert.ok(second - first > 12 * 3600e3, `graduated to days: ${second.toISOString()}`);
});

test("attempts are replayed in time order whatever order they are stored in", () => {
  const a = [at("2026-01-01T10:00:00.000Z", false), at("2026-01-01T10:02:00.000Z", true), at("2026-01-02T10:02:00.000Z", true)];
  assert.deepEqual(cardJSON(replay(a)), cardJSON(replay([a[2], a[0], a[1]])));
  assert.equal(replay([{ at: "2026-01-01T10:00:00.000Z", correct: null, hint: false, retry: false }]), null);
});

test("due questions are interleaved across chapters, each chapter's oldest first", () => {
  const d = (id, chapter, t) => ({ id, chapter, due: new Date(t) });
  const order = interleave([
    d("a1", "a", "2026-01-01"), d("a2", "a", "2026-01-02"), d("a3", "a", "2026-01-03"),
    d("b1", "b", "2026-01-04"), d("c1", "c", "2026-01-05"), d("b2", "b", "2026-01-06"),
  ]).map((x) => x.id);
  assert.deepEqual(order, ["a1", "b1", "c1", "a2", "b2", "a3"]);
});

test("four right answers: due in 62 days, without fuzz (the same date as py-fsrs gives)", () => {
  const a = [at("2026-01-01T10:00:00.000Z", true), at("2026-01-01T10:10:00.000Z", true), at("2026-01-05T10:10:00.000Z", true), at("2026-01-20T10:10:00.000Z", true)];
  // worked out with the reference Python scheduler (fsrs 6.3.2, FSRS-6 defaults, no fuzzing)
  assert.equal(dueAt({ attempts: a }).toISOString(), "2026-03-23T10:10:00.000Z");
  const card = cardJSON(replay(a));
  assert.equal(card.due, "2026-03-23T10:10:00.000Z");
  assert.equal(card.last_review, "2026-01-20T10:10:00.000Z");
  assert.equal(card.reps, 4);
  assert.equal(card.lapses, 0);
  assert.equal(card.scheduled_days, 62);
});

test("an ungraded attempt does not make a question due, and of two at one moment the later stored counts", () => {
  const right = at("2026-01-01T10:00:00.000Z", true);
  const ungraded = { at: "2026-01-02T10:00:00.000Z", correct: null, hint: false, retry: false };
  assert.equal(dueAt({ attempts: [right, ungraded] }).toISOString(), "2026-01-01T10:10:00.000Z");
  const wrong = at("2026-01-01T10:00:00.000Z", false);
  assert.equal(dueAt({ attempts: [right, wrong] }).toISOString(), "2026-01-01T10:00:00.000Z");
});

test("the latest attempt by time decides, whatever order the attempts are stored in", () => {
  const wrongLater = at("2026-01-02T10:00:00.000Z", false);
  const rightEarlier = at("2026-01-01T10:00:00.000Z", true);
  assert.equal(dueAt({ attempts: [wrongLater, rightEarlier] }).toISOString(), "2026-01-02T10:00:00.000Z");
});
