// The progress store: one versioned document in localStorage, shared by the chapter quizzes,
// the review page and the progress page (format: quizzes/static/README.md).
//
//   {"format": "bzsleep-progress", "version": 2, "questions": {
//      "<question id>": {"chapter": "gaba_receptor", "hash": "<content hash>",
//                        "response": <the answer shown in the chapter, or null>,
//                        "attempts": [{"at": "<ISO time>", "correct": true, "hint": false,
//                                      "retry": false}],
//                        "card": <FSRS card, a cache the review page writes; optional>}}}
//
// An entry counts only while its hash is the question's current content hash: an edited
// question starts fresh. Storage that is missing, blocked, full or holds garbage never breaks a
// page: progress then lasts for the page only, and garbage is reset quietly.

import { grade, isComplete } from "./grade.js";

export const STORE_KEY = "bzsleep-progress";
export const LEGACY_KEY = "bzsleep-quiz:v1"; // {"<chapter>/<id>#<hash>": {"response": ...}}
export const FORMAT = "bzsleep-progress";
export const VERSION = 2;

const FAILED = Symbol("storage failed");
const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isTime = (v) => typeof v === "string" && !Number.isNaN(Date.parse(v));

export const emptyDoc = () => ({ format: FORMAT, version: VERSION, questions: {} });

function validAttempt(a) {
  return isObject(a) && isTime(a.at) && (typeof a.correct === "boolean" || a.correct === null) &&
    typeof a.hint === "boolean" && typeof a.retry === "boolean";
}

function validEntry(e) {
  return isObject(e) && typeof e.chapter === "string" && typeof e.hash === "string" &&
    Array.isArray(e.attempts) && e.attempts.every(validAttempt) &&
    (e.card === undefined || isObject(e.card));
}

/** A parsed document checked for our format: {doc} or {error: a sentence for a reader}. */
export function validate(data) {
  if (!isObject(data) || data.format !== FORMAT || !Number.isInteger(data.version)) {
    return { error: "This file is not a progress file from this book." };
  }
  if (data.version > VERSION) {
    return {
      error: `This file was made by a newer version of the book (format version ${data.version}); ` +
        "open the newer site to import it.",
    };
  }
  if (data.version < VERSION || !isObject(data.questions)) {
    return { error: "This file is not a progress file from this book." };
  }
  for (const [id, entry] of Object.entries(data.questions)) {
    if (!validEntry(entry)) return { error: `This progress file is damaged (question ${id}).` };
  }
  return { doc: data };
}

/** Text of a file a reader chose: {doc} or {error}. Truncated or foreign files are refused. */
export function parseExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "This file is incomplete or damaged: it is not a whole progress file." };
  }
  return validate(data);
}

const byTime = (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
const lastAt = (entry) => entry.attempts.reduce((t, a) => (a.at > t ? a.at : t), "");
const attemptKey = (a) => `${a.at}|${a.correct}|${a.hint}|${a.retry}`;

/** Merge `incoming` questions into `doc` (both validated), keeping every attempt of a question
 * whose content is the same, and otherwise the entry with the most recent attempt. Entries of
 * questions this page knows with another hash (edited since) are left out. Counts what changed. */
export function merge(doc, incoming, known = null) {
  let added = 0;
  let updated = 0;
  for (const [id, theirs] of Object.entries(incoming.questions)) {
    const current = known?.get(id);
    if (current && current.hash !== theirs.hash) continue;
    const ours = doc.questions[id];
    if (!ours) {
      doc.questions[id] = clone(theirs);
      delete doc.questions[id].card; // recomputed from the attempts
      added++;
      continue;
    }
    if (ours.hash !== theirs.hash) {
      if (lastAt(theirs) > lastAt(ours)) {
        doc.questions[id] = clone(theirs);
        delete doc.questions[id].card;
        updated++;
      }
      continue;
    }
    const seen = new Set(ours.attempts.map(attemptKey));
    const extra = theirs.attempts.filter((a) => !seen.has(attemptKey(a)));
    if (!extra.length) continue;
    const theirsNewer = lastAt(theirs) > lastAt(ours);
    ours.attempts = [...ours.attempts, ...clone(extra)].sort(byTime);
    if (theirsNewer) {
      ours.response = clone(theirs.response ?? null);
      ours.chapter = theirs.chapter;
    }
    delete ours.card;
    updated++;
  }
  return { added, updated };
}

/**
 * The store over a Web Storage object (or null when storage is unavailable).
 * `known`: Map of question id -> {chapter, hash, question} for the questions this page shows;
 * it lets the store migrate v1 answers of those questions and drop entries of edited ones.
 */
export function makeStore(storage, { known = null, now = () => new Date() } = {}) {
  const safe = (fn, fallback = null) => {
    try {
      return fn();
    } catch {
      return fallback; // blocked (SecurityError), full (QuotaExceededError) or unavailable
    }
  };

  // Progress is kept in memory too (`cache`); when storage cannot be written (blocked, full, or
  // holding a newer book's store, which is left alone) memory is the record for this page.
  let writable = Boolean(storage);

  /** The stored document, or an empty one (garbage is removed); null when storage fails. */
  function read() {
    if (!storage) return null;
    const raw = safe(() => storage.getItem(STORE_KEY), FAILED);
    if (raw === FAILED) return null;
    let doc = emptyDoc();
    if (raw) {
      let parsed = null;
      try {
        parsed = JSON.parse(raw);
      } catch {
        /* not JSON: reset below */
      }
      const checked = parsed && validate(parsed);
      if (checked?.doc) doc = checked.doc;
      else if (isObject(parsed) && parsed.format === FORMAT && parsed.version > VERSION) {
        writable = false;
        return null;
      } else {
        safe(() => storage.removeItem(STORE_KEY));
      }
    }
    return doc;
  }

  function write(doc) {
    if (!storage || read() === null) return; // blocked, or a newer book's store
    writable = safe(() => (storage.setItem(STORE_KEY, JSON.stringify(doc)), true), false);
  }

  /** v1 answers of questions this page knows become v2 entries; others wait for their page. */
  function migrate(doc) {
    if (!storage || !known) return false;
    const raw = safe(() => storage.getItem(LEGACY_KEY));
    if (!raw) return false;
    let legacy;
    try {
      legacy = JSON.parse(raw);
    } catch {
      legacy = null;
    }
    if (!isObject(legacy)) {
      safe(() => storage.removeItem(LEGACY_KEY));
      return false;
    }
    let changed = false;
    const chapters = new Set([...known.values()].map((v) => v.chapter));
    for (const [key, value] of Object.entries(legacy)) {
      const match = /^([^/]+)\/([^#]+)#(.+)$/.exec(key);
      const current = match && known.get(match[2]);
      // another page's question waits for that page; one gone from this page's chapter is dropped
      if (match && !current && !chapters.has(match[1])) continue;
      delete legacy[key];
      changed = true;
      const response = isObject(value) ? value.response : undefined;
      if (!current || current.hash !== match[3] || !isComplete(current.question, response)) continue;
      if (doc.questions[match[2]]?.hash === current.hash) continue; // already has a v2 history
      doc.questions[match[2]] = {
        chapter: match[1],
        hash: current.hash,
        response,
        // the time of a v1 answer was never kept: it counts as answered now
        attempts: [{ at: now().toISOString(), correct: grade(current.question, response), hint: false, retry: false }],
      };
    }
    if (changed) {
      safe(() => (Object.keys(legacy).length
        ? storage.setItem(LEGACY_KEY, JSON.stringify(legacy))
        : storage.removeItem(LEGACY_KEY)));
    }
    return changed;
  }

  /** Entries of questions this page knows whose content has changed start fresh. */
  function dropEdited(doc) {
    let changed = false;
    for (const [id, entry] of Object.entries(doc.questions)) {
      const current = known?.get(id);
      if (current && current.hash !== entry.hash) {
        delete doc.questions[id];
        changed = true;
      }
    }
    return changed;
  }

  let cache = read() ?? emptyDoc();
  const migrated = migrate(cache);
  const dropped = dropEdited(cache);
  if (migrated || dropped) write(cache);

  /** Apply `change` to what is stored now (another tab may have written since) and save. */
  function update(change) {
    const doc = (writable && read()) || cache;
    dropEdited(doc);
    const result = change(doc);
    cache = doc;
    write(doc);
    return result;
  }

  return {
    /** The entry of a question, if it matches the question's current hash. */
    get(id) {
      const entry = cache.questions[id];
      const current = known?.get(id);
      return entry && (!current || current.hash === entry.hash) ? entry : null;
    },
    questions: () => cache.questions,
    /** Reread what other tabs wrote. */
    refresh() {
      cache = read() ?? cache;
      dropEdited(cache);
      return cache.questions;
    },
    /** A checked answer: the response shown and one more attempt in the history. */
    record(id, { chapter, hash, response, correct, hint = false, retry = false }) {
      const at = now().toISOString();
      update((doc) => {
        let entry = doc.questions[id];
        if (!entry || entry.hash !== hash) entry = doc.questions[id] = { chapter, hash, attempts: [] };
        entry.chapter = chapter;
        entry.response = response;
        entry.attempts.push({ at, correct, hint, retry });
      });
      return at;
    },
    /** "Try again": the answer shown is cleared; the history stays for review. */
    clearResponse(id) {
      update((doc) => {
        if (doc.questions[id]) doc.questions[id].response = null;
      });
    },
    setCards(cards) {
      update((doc) => {
        for (const [id, card] of Object.entries(cards)) if (doc.questions[id]) doc.questions[id].card = card;
      });
    },
    /** Entries of questions that are no longer in the book are dropped (pages that know the
     * whole book call this). */
    prune(bookIds) {
      update((doc) => {
        for (const id of Object.keys(doc.questions)) if (!bookIds.has(id)) delete doc.questions[id];
      });
    },
    /** Everything, as the file a reader downloads. */
    exportDoc() {
      return { ...clone(read() ?? cache), exported: now().toISOString() };
    },
    /** Merge a validated document in; returns the counts. */
    importDoc(incoming) {
      return update((doc) => merge(doc, incoming, known));
    },
    clearAll() {
      cache = emptyDoc();
      safe(() => storage?.removeItem(STORE_KEY));
      safe(() => storage?.removeItem(LEGACY_KEY));
    },
    /** Is progress being kept beyond this page? */
    persistent: () => writable && read() !== null,
  };
}

/** localStorage, or null where it is blocked (reading it throws, or the page's theme script
 * stands in a memory store of its own for the page: see the book's layout template). */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage ?? null;
    return storage && !storage.memoryOnly ? storage : null;
  } catch {
    return null;
  }
}
