// The result as an image, drawn on the device (canvas → PNG, shown as an <img>): what WeChat people keep
// by 长按图片 → 保存图片 / 发送给朋友, where files cannot be downloaded and nothing can be printed. It
// carries the verdict, each level's status and eligible-on date, the deadline used and its source, the
// rules' version and the share link's QR code, in the words of the result page (verdict() and W).
//
// The layout is a pure function of the result and a text-measuring function, so its line breaking is
// tested under Node (card.test.js); the drawing replays it on a canvas. Chinese is broken between
// characters, never before closing punctuation nor after opening punctuation, and never inside a date,
// a number or a Latin word; nothing is cut.
import { cnDate, esc } from "../html.js";
import { W } from "../words.js";
import { verdict } from "./result.js";

export const WIDTH = 750; // CSS px of a 360 px phone at 2×, and then some
const PAD = 44;
const QUIET = 4; // the QR code's quiet zone in modules (qr.js's QUIET: that chunk is not imported here)
const FAMILY =
  'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
const INK = { fg: "#1f1f1f", muted: "#4a4a4a", line: "#d0d0d0", bg: "#ffffff" };
const STATUS_INK = { eligible: "#1b6b36", not_eligible: "#a1231b", undetermined: "#7a4a00" };
const PANEL = {
  eligible: { bar: "#00703c", bg: "#e6f4ea" },
  "not-eligible": { bar: "#8e2a2a", bg: "#fdecea" },
  undetermined: { bar: "#8a5300", bg: "#fff4e0" },
};
// [weight, size in px, line height ×]
const STYLE = {
  title: [700, 46, 1.35],
  basis: [400, 28, 1.5],
  verdict: [700, 40, 1.4],
  line: [400, 30, 1.5],
  heading: [700, 34, 1.4],
  level: [700, 32, 1.45],
  small: [400, 28, 1.5],
};
export const font = (style) => `${STYLE[style][0]} ${STYLE[style][1]}px ${FAMILY}`;

const NO_START = new Set("，。、；：？！）》」』】〕〉”’…·,.;:!?)]}%");
const NO_END = new Set("（《「『【〔〈“‘([{");
// A date (both forms), a run of Latin letters and digits (a number, a version, a link), spaces, or one character.
const TOKEN = /\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|[A-Za-z0-9][A-Za-z0-9.\-_/:%+#=?&~]*|\s+|[\s\S]/gu;

/** The pieces a line may break between: punctuation kept with its neighbour, dates and words whole. */
export function units(text) {
  const out = [];
  for (const token of String(text).match(TOKEN) || []) {
    const last = out.length ? out[out.length - 1] : "";
    if (last && (NO_START.has(token[0]) || NO_END.has([...last].at(-1)))) out[out.length - 1] = last + token;
    else out.push(token);
  }
  return out;
}

/** `text` as lines no wider than `width` by `measure(text)` (each unit measured once, widths added up);
 * a unit wider than a line alone (a long link) is the only thing broken by characters. */
export function wrap(text, width, measure) {
  const lines = [];
  let line = "";
  let used = 0;
  const push = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = "";
    used = 0;
  };
  for (const unit of units(text)) {
    if (!line && !unit.trim()) continue;
    const w = measure(unit);
    if (used + w <= width) {
      line += unit;
      used += w;
      continue;
    }
    push();
    const piece = unit.trimStart();
    const pw = piece === unit ? w : measure(piece);
    if (pw <= width) {
      line = piece;
      used = pw;
    } else {
      for (const ch of piece) {
        const cw = measure(ch);
        if (line && used + cw > width) push();
        line += ch;
        used += cw;
      }
    }
  }
  push();
  return lines;
}

/** What the image says, top to bottom, from the result (the bridge's `result` value). */
export function cardBlocks(data, today) {
  const r = data.result;
  const v = verdict(data);
  const joined = (parts) => parts.map((part, i) => (i === 1 ? cnDate(part) : part)).join("");
  const levels = Object.entries(r.levels).flatMap(([id, level]) => [
    { style: "level", text: `${data.level_names[id]}：${W.status[level.status]}`, ink: STATUS_INK[level.status] },
    ...(level.eligible_on ? [{ style: "small", text: joined(W.levelOn(level.eligible_on)), ink: INK.fg }] : []),
  ]);
  return [
    { style: "title", text: W.cardTitle },
    { style: "basis", text: W.cardBasis(data.notice), ink: INK.muted },
    {
      panel: v.cls,
      blocks: [
        { style: "verdict", text: v.title },
        ...(v.soon ? [{ style: "line", text: joined(v.soon) }] : []),
        ...(v.pending ? [{ style: "line", text: v.pending }] : []),
        { style: "small", text: v.deadline },
      ],
    },
    { style: "heading", text: W.cardLevels },
    ...levels,
    ...(data.years_wait
      ? [
          {
            style: "line",
            text: W.decidesYears(data.years_wait.levels.map((id) => data.level_names[id]).join("、"), data.years_wait.counted),
          },
        ]
      : []),
    { style: "heading", text: W.nextHeading },
    ...(r.next_steps.length ? [{ style: "line", text: r.next_steps[0].message }] : []),
    ...(data.contact ? [{ style: "line", text: W.cardPhone(data.contact.name, data.contact.phone) }] : []),
    {
      qr: true,
      blocks: [
        { style: "heading", text: W.cardScan },
        { style: "small", text: W.cardScanHint },
      ],
    },
    { style: "small", text: W.cardMade(cnDate(today)), ink: INK.muted },
  ];
}

/** Where everything goes: {width, height, ops}; ops are rect {x, y, w, h, fill}, text {x, y, text,
 * font, fill} (y: the line's top) and qr {x, y, size}. `measure(text, font)` in px; `qrModules` the QR
 * code's modules a side (0: no code). */
export function layoutCard(blocks, measure, qrModules = 0) {
  const ops = [];
  let y = PAD;
  const textBlock = (b, x, width, fill = INK.fg) => {
    const f = font(b.style);
    const [, size, lh] = STYLE[b.style];
    for (const line of wrap(b.text, width, (t) => measure(t, f))) {
      ops.push({ op: "text", x, y: y + ((lh - 1) * size) / 2, text: line, font: f, size, fill: b.ink || fill });
      y += size * lh;
    }
  };
  const inner = WIDTH - 2 * PAD;
  for (const b of blocks) {
    if (b.panel) {
      const top = y;
      const at = ops.length;
      y += 24;
      for (const part of b.blocks) textBlock(part, PAD + 36, inner - 60);
      y += 24;
      const { bar, bg } = PANEL[b.panel];
      ops.splice(
        at,
        0,
        { op: "rect", x: PAD, y: top, w: inner, h: y - top, fill: bg },
        { op: "rect", x: PAD, y: top, w: 12, h: y - top, fill: bar },
      );
      y += 28;
    } else if (b.qr) {
      if (!qrModules) continue;
      y += 20;
      ops.push({ op: "rect", x: PAD, y, w: inner, h: 2, fill: INK.line });
      y += 30;
      const top = y;
      // Whole pixels a module, at least 4, quiet zone included: a phone's camera reads it off a screen.
      const module = Math.max(4, Math.floor(420 / (qrModules + 2 * QUIET)));
      const size = module * (qrModules + 2 * QUIET);
      ops.push({ op: "qr", x: PAD, y: top, size, module });
      const x = PAD + size + 28;
      y = top + 24;
      for (const part of b.blocks) textBlock(part, x, WIDTH - PAD - x);
      y = Math.max(y, top + size) + 24;
    } else {
      if (b.style === "heading") y += 12;
      textBlock(b, PAD, inner);
      if (b.style === "basis") y += 20;
    }
  }
  return { width: WIDTH, height: Math.ceil(y + PAD - 20), ops };
}

/** Replay the layout on `canvas` (`qr`: the share link's code, qr.js's qrMatrix, or null). */
export function drawCard(canvas, layout, qr) {
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = INK.bg;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = "top";
  for (const op of layout.ops) {
    if (op.op === "rect") {
      ctx.fillStyle = op.fill;
      ctx.fillRect(op.x, op.y, op.w, op.h);
    } else if (op.op === "text") {
      ctx.font = op.font;
      ctx.fillStyle = op.fill;
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.op === "qr" && qr) {
      ctx.fillStyle = "#fff";
      ctx.fillRect(op.x, op.y, op.size, op.size);
      ctx.fillStyle = "#000";
      for (let r = 0; r < qr.n; r++) {
        for (let c = 0; c < qr.n; c++)
          if (qr.dark(r, c)) ctx.fillRect(op.x + (c + QUIET) * op.module, op.y + (r + QUIET) * op.module, op.module, op.module);
      }
    }
  }
}

/** The result image for `data` with the share link's code `qr` (qr.js's qrMatrix, passed in: the QR
 * chunk is loaded apart from the page script): {blob, url (a data: URL for the <img>), width, height,
 * ms}. Drawn here, sent nowhere. */
export async function cardImage(data, qr, today, doc = document) {
  const t0 = performance.now();
  const canvas = doc.createElement("canvas");
  const ctx = canvas.getContext("2d");
  let current = "";
  const measure = (text, f) => {
    if (f !== current) ctx.font = current = f; // setting a font parses it: only when it changes
    return ctx.measureText(text).width;
  };
  const layout = layoutCard(cardBlocks(data, today), measure, qr ? qr.n : 0);
  drawCard(canvas, layout, qr);
  // toBlob encodes off the main thread; the <img> gets a data: URL (what WeChat's long press saves).
  const blob = await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob"))), "image/png"));
  const url = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return { blob, url, width: layout.width, height: layout.height, ms: Math.round(performance.now() - t0) };
}

/** Draw the result image under the result (card.js) with the share link's code; {blob, ms, …} or null. */
export async function showCard(screen, data, qr, today) {
  const box = screen.querySelector("[data-gt-card-body]");
  if (!box) return null;
  try {
    const image = await cardImage(data, qr, today);
    if (!box.isConnected) return null;
    // The image carries the share link's code: on screen, the separate code is for print only.
    screen.querySelector("[data-gt-qr]")?.classList.add("gt-print-only");
    box.innerHTML = `<img class="gt-card__image" src="${image.url}" width="${image.width}" height="${image.height}" alt="${esc(W.imageAlt(verdict(data).title))}" data-ms="${image.ms}">`;
    const save = screen.querySelector("[data-gt-save-image]");
    if (save) save.hidden = false;
    return image;
  } catch {
    box.innerHTML = `<p>${esc(W.imageFailed)}</p>`;
    return null;
  }
}
