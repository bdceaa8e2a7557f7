// The flow walker: guantong/flow.py's walk of the declared questions, on the page, so that no question
// waits for the engine. It reads only what the build exported (flow.export() and flow.export_walker());
// walker.test.js proves it equal to flow.next_question, flow.applicable and flow.journey on answers
// generated from Python. Answers compare as Python compares them (True == 1, {} == {}), so that an odd
// value in a crafted share link walks the same way here as in the engine.

/** Python's `type(x)` for a JSON value, as far as the flow can tell them apart. */
function pyType(x) {
  if (x === null) return "None";
  if (Array.isArray(x)) return "list";
  return typeof x; // boolean | number | string | object
}

/** Python's `a == b` for JSON values (bool is an int there: True == 1, False == 0). */
export function pyEq(a, b) {
  const ta = pyType(a);
  const tb = pyType(b);
  const numeric = (t) => t === "boolean" || t === "number";
  if (numeric(ta) && numeric(tb)) return Number(a) === Number(b);
  if (ta !== tb) return false;
  if (ta === "list") return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (ta === "object") {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k]));
  }
  return a === b;
}

/** flow._same: the same type and equal (False is not 0 here). */
const same = (answer, value) => pyType(answer) === pyType(value) && pyEq(answer, value);

export class Walker {
  /** @param {{questions: object[], occupations: string[], name_noise: string, rounds: object}} flow */
  constructor(flow) {
    this.questions = flow.questions;
    this.byId = new Map(flow.questions.map((q) => [q.id, q]));
    this.occupations = new Set(flow.occupations);
    this.rounds = flow.rounds || {};
    const noise = [...flow.name_noise].map((c) => `\\u{${c.codePointAt(0).toString(16)}}`).join("");
    this.noise = new RegExp(`[${noise}]`, "gu");
  }

  /** policy.normalise_name */
  normalise(name) {
    return String(name)
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(this.noise, "");
  }

  /** Whether the occupation typed is one of the published table's (policy.find_occupation). Python
   * looks up str(answer); a value that is not text never names a listed occupation. */
  inTable(value) {
    return typeof value === "string" && this.occupations.has(this.normalise(value));
  }

  /** flow.applies */
  applies(q, answers) {
    for (const [key, op, value] of q.when) {
      const present = Object.hasOwn(answers, key);
      if (op === "==" && !(present && pyEq(answers[key], value))) return false;
      if (op === "!=" && present && pyEq(answers[key], value)) return false;
      if (op === "absent" && present) return false;
      if (op === "present" && !present) return false;
      if (op === "not_in_table" && present && this.inTable(answers[key])) return false;
    }
    return true;
  }

  /** flow.ended_by: the rule id that closed every level early, if an answer did. */
  endedBy(answers) {
    for (const q of this.questions) {
      if (!Object.hasOwn(answers, q.id) || !this.applies(q, answers)) continue;
      for (const end of q.ends) if (same(answers[q.id], end.value)) return end.rule;
    }
    return null;
  }

  /** flow.next_question: the next question to ask, or null when the result can be shown. */
  next(answers, skipped = []) {
    if (this.endedBy(answers)) return null;
    return this.questions.find((q) => !Object.hasOwn(answers, q.id) && !skipped.includes(q.id) && this.applies(q, answers)) ?? null;
  }

  /** flow.applicable: the answers of the questions the flow asks given those answers. */
  applicable(answers) {
    let current = Object.fromEntries(Object.entries(answers).filter(([k]) => this.byId.has(k)));
    for (;;) {
      const kept = Object.fromEntries(Object.entries(current).filter(([k]) => this.applies(this.byId.get(k), current)));
      if (Object.keys(kept).length === Object.keys(current).length) break;
      current = kept;
    }
    if (this.endedBy(current)) {
      const asked = new Set(this.journey(current).map((q) => q.id));
      current = Object.fromEntries(Object.entries(current).filter(([k]) => asked.has(k)));
    }
    return current;
  }

  /** flow.journey: the questions asked for these answers, in order (the check-your-answers page). */
  journey(answers, skipped = []) {
    if (this.endedBy(answers)) {
      const last = this.questions.filter((q) => Object.hasOwn(answers, q.id) && this.applies(q, answers));
      const stop = last.find((q) => q.ends.some((end) => same(answers[q.id], end.value)));
      const asked = this.questions.filter((q) => this.applies(q, answers));
      return asked.slice(0, asked.indexOf(stop) + 1);
    }
    return this.questions.filter((q) => this.applies(q, answers) && (Object.hasOwn(answers, q.id) || skipped.includes(q.id)));
  }

  /** The questions of this journey in order: every one that applies, or, once an answer has ended the
   * flow, those up to it (the back link and 继续 move along this). */
  order(answers, skipped = []) {
    if (this.endedBy(answers)) return this.journey(answers, skipped).map((q) => q.id);
    return this.questions.filter((q) => this.applies(q, answers)).map((q) => q.id);
  }

  /** Everything a screen needs from the flow for stored answers: those that apply, the skipped ones that
   * still matter, the next question, the screens before and after `current`, the check page's rows. */
  state(raw, rawSkipped = [], current = null) {
    const answers = this.applicable(raw || {});
    const first = this.order(answers);
    const skipped = (rawSkipped || []).filter((k) => first.includes(k) && !Object.hasOwn(answers, k));
    const order = this.order(answers, skipped);
    const i = order.indexOf(current);
    return {
      answers,
      skipped,
      next: this.next(answers, skipped)?.id ?? null,
      order,
      journey: this.journey(answers, skipped).map((q) => q.id),
      before: i > 0 ? order[i - 1] : null,
      after: i >= 0 && i + 1 < order.length ? order[i + 1] : null,
      endedBy: this.endedBy(answers),
    };
  }

  /** The question `id` with its options for these answers: the deadline question lists the chosen
   * pathway's published rounds, this year's current one as the default (flow.round_options). */
  question(id, answers, today) {
    const q = this.byId.get(id);
    if (!q || id !== "deadline") return q;
    const rounds = this.rounds[answers?.direction] || [];
    const current = currentRound(rounds, today);
    return { ...q, options: rounds.map((r) => ({ value: r.value, label: r.label, default: r === current })) };
  }

  /** The deadline the engine will count to (T1), as far as the page can tell before it asks: the one
   * given, else this year's published round, else today. */
  deadline(answers, today) {
    const given = answers?.deadline;
    if (typeof given === "string" && /^\d{4}-\d{2}-\d{2}$/.test(given)) return { date: given, source: "answers" };
    const round = currentRound(this.rounds[answers?.direction] || [], today);
    return round ? { date: round.value, source: "policy" } : { date: today, source: "today" };
  }
}

/** policy.current_round: this year's first round whose deadline has not passed, else the year's last.
 * `rounds` are newest first (as exported); `today` is "YYYY-MM-DD". */
export function currentRound(rounds, today) {
  const year = Number(String(today).slice(0, 4));
  const thisYear = rounds.filter((r) => r.year === year).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return thisYear.find((r) => r.value >= today) ?? thisYear[thisYear.length - 1] ?? null;
}

/** (error-style key, ISO date) pairs inside one answer (guantong_wizard._dates). */
export function* datesIn(value, key) {
  if (typeof value === "string" && /^\d{4}(-\d{2}){0,2}$/.test(value))
    yield [key, value]; // T8: YYYY-MM, YYYY too
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* datesIn(item, `${key}[${i}]`);
  else if (value && typeof value === "object") for (const [sub, item] of Object.entries(value)) yield* datesIn(item, `${key}.${sub}`);
}

/** Dates of one answer after the deadline used: they do not count for this round (T3). A month or a year
 * compares as its first day (a string prefix), so it is late only where every day of it is. */
export function lateDates(qid, value, deadline) {
  if (qid === "deadline") return [];
  return [...datesIn(value, qid)].filter(([, day]) => day > deadline).map(([key, date]) => ({ key, date }));
}

/** Today on this device, "YYYY-MM-DD" (the engine in the worker uses the same clock). */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
