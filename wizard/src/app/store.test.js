// Share links (node --test): what the page encodes it decodes; a crafted fragment is refused or stays
// plain data, never an exception (issue 15).
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeShare, encodeShare } from "./store.js";

const known = (id) => ["direction", "deadline", "honors", "series"].includes(id);

test("a share link round-trips the answers, names with any characters included", () => {
  const answers = {
    direction: "skill_to_title",
    honors: [{ name: "黄石工匠\u200b<script>", date: "2020-01-01" }],
    series: "工程技术\u{1F600}",
  };
  assert.deepEqual(decodeShare(encodeShare(answers, ["series", "nope"]), known), { answers, skipped: ["series"] });
});

test("crafted fragments are refused or kept as data", () => {
  const b64 = (text) => Buffer.from(text, "utf8").toString("base64url");
  const cases = [
    "",
    "====",
    "%%%",
    "<img src=x onerror=alert(1)>",
    "\u0000",
    "a".repeat(100000),
    b64("null"),
    b64("[]"),
    b64('{"a":[]}'),
    b64('{"a":null}'),
    b64("{"),
    b64('{"a":{},"s":"x"}'),
    b64('{"a":{"__proto__":{"polluted":1}},"s":[1,{},"direction"]}'),
    Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url"),
  ];
  for (const fragment of cases) {
    const out = decodeShare(fragment, known);
    assert.ok(out === null || (typeof out.answers === "object" && Array.isArray(out.skipped)), fragment.slice(0, 40));
    if (out) for (const id of out.skipped) assert.equal(typeof id, "string");
  }
  assert.equal({}.polluted, undefined, "no prototype pollution");
  assert.equal(decodeShare(Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url"), known), null, "invalid UTF-8 is refused");
  assert.deepEqual(decodeShare(b64('{"a":{},"s":[1,{},"direction"]}'), known).skipped, ["direction"]);
});

test('compact share links: deflated behind "1.", shorter, and round-trip; the first form still opens', async () => {
  const { decodeShareAny, encodeShareCompact } = await import("./store.js");
  const answers = {
    direction: "skill_to_title",
    employed_in_huangshi: true,
    skill_post: true,
    skill_levels: { senior_worker: "2015-06-01", technician: "2019-06-30" },
    months_out_of_skill_work: 0,
    honors: [{ name: "黄石工匠", date: "2020-01-01" }],
    studio: null,
    series: "工程技术",
    speciality_matches: true,
    annual_assessment_passed: true,
    integrity_record: false,
    deadline: "2026-06-30",
  };
  const compact = await encodeShareCompact(answers, ["series"]);
  assert.ok(compact.startsWith("1."));
  assert.match(compact.slice(2), /^[A-Za-z0-9_-]+$/);
  const first = encodeShare(answers, ["series"]);
  assert.ok(compact.length < 0.8 * first.length, `${compact.length} vs ${first.length}`);
  assert.deepEqual(await decodeShareAny(compact, known), { answers, skipped: ["series"] });
  assert.deepEqual(await decodeShareAny(first, known), { answers, skipped: ["series"] });
});

test("crafted compact fragments are refused, a deflate bomb included", async () => {
  const { decodeShareAny } = await import("./store.js");
  const zlib = await import("node:zlib");
  const bomb = zlib.deflateRawSync(Buffer.from(`{"a":{"x":"${"a".repeat(3 << 20)}"}}`)).toString("base64url");
  for (const fragment of [
    "1.",
    "1.%%%",
    "1.AAAA",
    `1.${Buffer.from("not deflate").toString("base64url")}`,
    `1.${bomb}`,
    `1.${zlib.deflateRawSync(Buffer.from("[1]")).toString("base64url")}`,
    `1.${zlib.deflateRawSync(Buffer.from([0xff, 0xfe])).toString("base64url")}`,
  ]) {
    assert.equal(await decodeShareAny(fragment, known), null, fragment.slice(0, 30));
  }
});
