// Markup helpers shared by the answer types and the screens (strings in, escaped HTML out).
import V from "../../../guantong/data/words.json" with { type: "json" };

export const esc = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
export const attr = (on, name) => (on ? ` ${name}` : "");
const pad = (n) => String(n).padStart(2, "0");

/** "2019-06-30" → "2019年6月30日", a date known to the month or the year ("2018-07", "2018") → "2018年7月",
 * "2018年" (anything else as it is): words.json's formats, as guantong.words.cn (tests/cases/cn_dates.json
 * holds both). */
export const cnDate = (iso) => {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso || "");
  if (!m || (m[3] && !m[2])) return String(iso ?? "");
  const format = m[3] ? V.dateFormat : m[2] ? V.monthFormat : V.yearFormat;
  return format.replace("{y}", +m[1]).replace("{m}", +m[2]).replace("{d}", +m[3]);
};

/** Full-width ASCII and the ideographic space as people type them on Chinese keyboards → ASCII. */
export const half = (text) =>
  String(text ?? "")
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");

/** A field id for a question's part, safe in CSS selectors and unique on the page. */
export const fid = (q, ...parts) => ["gt", q.id, ...parts].join("-").replace(/[^\w-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);

/** A date as shown on a screen: 年月日, kept on one line. */
export const dateHtml = (iso) => `<span class="gt-date">${esc(cnDate(iso))}</span>`;

/** The dates in an engine message (escaped already), which the engine says 年月日 as every sentence for
 * people does (guantong.words.cn), kept on one line; an ISO date (a machine field shown in a sentence)
 * is said 年月日 too. */
export const cnDates = (html) =>
  html.replace(/\b\d{4}-\d{2}-\d{2}\b|\d{4}年\d{1,2}月\d{1,2}日/g, (date) =>
    date.includes("-") ? dateHtml(date) : `<span class="gt-date">${date}</span>`,
  );

/** Phone numbers in a message as tap-to-call links (the message is escaped already). */
export const linkPhones = (html) => html.replace(/(0\d{2,3})-(\d{7,8})/g, '<a href="tel:$1$2" class="gt-tel">$1-$2</a>');

export const isoDate = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
export const isoMonth = (y, m) => `${y}-${pad(m)}`;
