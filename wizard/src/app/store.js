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

/** {answers, skipped} → the fragment's text (base64url of the JSON). */
export function encodeShare(answers, skipped) {
  const bytes = new TextEncoder().encode(JSON.stringify({ a: answers, s: skipped }));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The fragment's text → {answers, skipped}, or null when it is not one of ours (a crafted link stays data). */
export function decodeShare(text, known) {
  try {
    const b64 = String(text).replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
    const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!isObject(data) || !isObject(data.a)) return null;
    return { answers: data.a, skipped: Array.isArray(data.s) ? data.s.filter((id) => typeof id === "string" && known(id)) : [] };
  } catch {
    return null;
  }
}
