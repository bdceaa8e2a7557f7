// The person's answers: what they answered, what they said 不确定 to, half-typed forms (drafts) and the
// screen they were on, kept in localStorage (a browser that refuses storage still works, for the
// visit); share links carry the answers in the URL fragment, which never reaches a server.

export const STORE_KEY = "guantong-wizard:v1";

export const storage = (() => {
  try {
    const probe = "guantong-wizard:probe";
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null;
  }
})();

export const emptyState = () => ({ answers: {}, skipped: [], drafts: {}, screen: "" });

const isObject = (x) => Boolean(x) && typeof x === "object" && !Array.isArray(x);

/** The stored state, with anything malformed dropped (`known` tells a question id). */
export function loadState(known) {
  if (!storage) return emptyState();
  try {
    const saved = JSON.parse(storage.getItem(STORE_KEY) || "null");
    if (!isObject(saved) || !isObject(saved.answers)) return emptyState();
    return {
      answers: saved.answers,
      skipped: Array.isArray(saved.skipped) ? saved.skipped.filter(known) : [],
      drafts: isObject(saved.drafts) ? saved.drafts : {},
      screen: typeof saved.screen === "string" ? saved.screen : "",
    };
  } catch {
    return emptyState();
  }
}

export function saveState(state) {
  if (!storage) return;
  try {
    storage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    // quota or privacy mode: the answers stay in memory for this visit
  }
}

export function clearState() {
  try {
    storage?.removeItem(STORE_KEY);
  } catch {
    // ignore
  }
}

// Two forms of the fragment: the first (base64url of the JSON), which older links carry and which opens
// for ever; and the compact one, "1." then base64url of the JSON deflated (CompressionStream
// "deflate-raw"), about two thirds as long, so that the QR code has fewer, larger modules a phone reads.
const COMPACT = "1.";
const MAX_INFLATED = 1 << 20; // a crafted link cannot make the page inflate more than this

const toB64url = (bytes) => {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
const fromB64url = (text) => {
  const b64 = String(text).replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};
const canDeflate = () => typeof CompressionStream === "function" && typeof DecompressionStream === "function";

async function through(bytes, stream, limit = Infinity) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new Error("too large");
    }
    parts.push(value);
  }
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

function shared(bytes, known) {
  const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  if (!isObject(data) || !isObject(data.a)) return null;
  return { answers: data.a, skipped: Array.isArray(data.s) ? data.s.filter((id) => typeof id === "string" && known(id)) : [] };
}

/** {answers, skipped} → the fragment's text in the first form (base64url of the JSON). */
export function encodeShare(answers, skipped) {
  return toB64url(new TextEncoder().encode(JSON.stringify({ a: answers, s: skipped })));
}

/** {answers, skipped} → the fragment's text, compact where the browser can deflate (else the first form). */
export async function encodeShareCompact(answers, skipped) {
  const json = new TextEncoder().encode(JSON.stringify({ a: answers, s: skipped }));
  if (!canDeflate()) return toB64url(json);
  try {
    return COMPACT + toB64url(await through(json, new CompressionStream("deflate-raw")));
  } catch {
    return toB64url(json);
  }
}

/** The first form's text → {answers, skipped}, or null when it is not one of ours (a crafted link stays data). */
export function decodeShare(text, known) {
  try {
    return shared(fromB64url(text), known);
  } catch {
    return null;
  }
}

/** Either form's text → {answers, skipped}, or null (never an exception, never more than 1 MB inflated). */
export async function decodeShareAny(text, known) {
  const value = String(text);
  if (!value.startsWith(COMPACT)) return decodeShare(value, known);
  if (!canDeflate()) return null;
  try {
    return shared(await through(fromB64url(value.slice(COMPACT.length)), new DecompressionStream("deflate-raw"), MAX_INFLATED), known);
  } catch {
    return null;
  }
}
