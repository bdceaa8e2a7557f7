// The batch page's files: what the picker offers, the types of what it saves, the names they take, and
// the template fetched (from the network, else the copy kept for offline use).
// What the picker offers: every kind the engine reads (batch.md), by suffix and by type (some Android pickers go by type).
export const ACCEPT = [
  ".xlsx",
  ".xlsm",
  ".xls",
  ".et",
  ".ods",
  ".csv",
  ".txt",
  "text/csv",
  "text/plain",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
].join(",");
export const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
  html: "text/html;charset=utf-8",
};
export const mb = (bytes) => (bytes / 1e6).toFixed(1);

/** The name the downloads take from the list's: 名单.xlsx → 名单 (名单 when none is loaded). */
export const stemOf = (name) => (name || "名单").replace(/\.[^.]+$/, "");

/** The template: fetched (from the network, else the copy kept for offline use), then saved. */
export async function templateBytes(href) {
  try {
    const response = await fetch(href);
    if (response.ok) return await response.arrayBuffer();
  } catch {
    // offline
  }
  for (const name of await caches.keys()) {
    const hit = await (await caches.open(name)).match(href);
    if (hit) return hit.arrayBuffer();
  }
  throw new Error("template unavailable");
}

/** A drop zone (its [data-gt-drop-note] shown while a file is over it): `onFile` gets the file dropped. */
export function dropZone(drop, onFile) {
  const note = drop.querySelector("[data-gt-drop-note]");
  const end = () => {
    drop.classList.remove("gt-drop--over");
    note.hidden = true;
  };
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("gt-drop--over");
      note.hidden = false;
    });
  }
  drop.addEventListener("dragleave", end);
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    end();
    const file = e.dataTransfer?.files?.[0];
    if (file) onFile(file);
  });
}
