// The result image's text layout (node --test): every result the engine gives laid out with a measuring
// function like a canvas's (a Chinese character one em, Latin narrower), and nothing cut, nothing wider
// than its column, no line starting with a closing mark or ending with an opening one, no date broken;
// the words are the result page's (issue 21).
import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleResults } from "../testing.js";
import { W } from "../words.js";
import { WIDTH, cardBlocks, font, layoutCard, units, wrap } from "./card.js";
import { verdict } from "./result.js";

// What the bridge's "result" gives the page (testing.js sampleResults).
const RESULTS = sampleResults();

const size = (f) => Number(/ (\d+)px /.exec(f)[1]);
const wide = (ch) => /[\u2e80-\uffef]/u.test(ch);
// A canvas's measureText, near enough: full-width characters one em, others 0.55 em.
const measure = (text, f) => [...text].reduce((sum, ch) => sum + (wide(ch) ? 1 : 0.55) * size(f), 0);

const CLOSING = "，。、；：？！）》」』】〕〉”’,.;:!?)";
const OPENING = "（《「『【〔〈“‘(";

test("units keep dates, numbers and punctuation with their neighbours", () => {
  assert.deepEqual(units("自 2027年6月30日 起。"), ["自", " ", "2027年6月30日", " ", "起。"]);
  assert.deepEqual(units("（2026-06-30）可"), ["（2026-06-30）", "可"]);
  assert.deepEqual(units("版本 2026.1"), ["版", "本", " ", "2026.1"]);
});

test("wrap breaks Chinese where it may, and only a unit longer than a line by characters", () => {
  const m = (t) => measure(t, font("line"));
  for (const width of [90, 200, 333, 600]) {
    const text =
      "年限计算至 2026年6月30日（已公布的本年度受理材料截止时间）。规则数据版本 2026.1，https://example.invalid/wizard/#share=1.abcdefghijklmnopqrstuvwxyz0123456789";
    const lines = wrap(text, width, m);
    assert.equal(lines.join("").replace(/\s/g, ""), text.replace(/\s/g, ""), "nothing lost");
    for (const line of lines) {
      if (/^[\x21-\x7e]+$/.test(line)) continue; // a piece of the link, broken by characters
      assert.ok(m(line) <= width, `${line} wider than ${width}`);
      assert.ok(!CLOSING.includes(line[0]), `line starts with ${line[0]}`);
      assert.ok(!OPENING.includes(line.at(-1)), `line ends with ${line.at(-1)}`);
    }
  }
});

test("every result lays out within the image, its words the result page's, no date broken", () => {
  assert.ok(RESULTS.length > 50);
  for (const data of RESULTS) {
    const blocks = cardBlocks(data, "2026-12-03");
    const layout = layoutCard(blocks, measure, 69);
    assert.equal(layout.width, WIDTH);
    const texts = layout.ops.filter((op) => op.op === "text");
    for (const op of texts) {
      assert.ok(op.x >= 0 && op.x + measure(op.text, op.font) <= WIDTH - 30, op.text);
      assert.ok(op.y >= 0 && op.y + op.size <= layout.height, op.text);
      assert.ok(op.size >= 28, `${op.text} at ${op.size}px: at 360 px wide it must stay legible`);
    }
    const all = texts.map((op) => op.text).join("");
    const v = verdict(data);
    assert.ok(all.includes(v.title), v.title);
    assert.ok(all.replace(/\s/g, "").includes(v.deadline.replace(/\s/g, "")), v.deadline);
    assert.ok(!all.includes("数据版本") && !all.includes(data.policy_version), "no builders' words on the image (issue 31)");
    // What to do: the first next step and the office's telephone; for 待定 on the years, the number that decides.
    assert.ok(all.includes(W.nextHeading) && all.replace(/\s/g, "").includes(data.contact.phone), data.contact.phone);
    if (data.years_wait) assert.ok(all.includes(`不超过 ${data.years_wait.counted} 年`), "the deciding number");
    for (const [id, level] of Object.entries(data.result.levels)) {
      assert.ok(all.includes(`${data.level_names[id]}：${W.status[level.status]}`));
    }
    // Dates are whole on one line.
    for (const op of texts)
      assert.ok(!/\d{4}年(\d{1,2}月?)?$|^\d{1,2}[月日]/.test(op.text) || /\d{4}年\d{1,2}月\d{1,2}日/.test(op.text), op.text);
    const qr = layout.ops.find((op) => op.op === "qr");
    assert.ok(qr && qr.module >= 3 && qr.size <= WIDTH - 88);
    // Nothing overlaps: the text lines stack downwards.
    for (let i = 1; i < texts.length; i++) {
      if (texts[i].x === texts[i - 1].x) assert.ok(texts[i].y >= texts[i - 1].y + texts[i - 1].size, texts[i].text);
    }
  }
});
