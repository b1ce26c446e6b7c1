// Spaced repetition: when a question answered before comes back, set by FSRS (the Free Spaced
// Repetition Scheduler, FSRS-6) through ts-fsrs, with its default parameters and no fuzz, so the
// schedule is the reference one (tests compare it with the Python `fsrs` package).
//
// A check is a review: wrong -> Again; right -> Good; right after a hint or a retry -> Hard.
// The card is replayed from the attempts kept in the progress store, so a chapter answer and a
// review answer are one history. One rule on top of FSRS: a question whose last answer was wrong
// is due at once (FSRS alone would wait a minute, its first learning step).

/*! Includes ts-fsrs (https://github.com/open-spaced-repetition/ts-fsrs), MIT licence: the
    licence text ships with the site as _static/quizzes/licenses/ts-fsrs.txt */
import { createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";

export const PARAMETERS = generatorParameters({ enable_fuzz: false, enable_short_term: true });
const scheduler = fsrs(PARAMETERS);

export { Rating };

export function rating(attempt) {
  if (!attempt.correct) return Rating.Again;
  return attempt.hint || attempt.retry ? Rating.Hard : Rating.Good;
}

/** The FSRS card after replaying the attempts (graded ones, in time order), or null. */
export function replay(attempts) {
  const graded = attempts.filter((a) => typeof a.correct === "boolean");
  if (!graded.length) return null;
  const sorted = [...graded].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let card = createEmptyCard(new Date(sorted[0].at));
  for (const a of sorted) card = scheduler.next(card, new Date(a.at), rating(a)).card;
  return card;
}

/** When an entry of the store is due next, or null for a question never answered. */
export function dueAt(entry) {
  const graded = (entry?.attempts ?? []).filter((a) => typeof a.correct === "boolean");
  if (!graded.length) return null;
  const last = graded.reduce((x, a) => (Date.parse(a.at) >= Date.parse(x.at) ? a : x));
  if (!last.correct) return new Date(last.at);
  return replay(graded).due;
}

/** A card as stored (dates as ISO text). */
export function cardJSON(card) {
  const out = {};
  for (const [k, v] of Object.entries(card)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}
