// Saving a file the page made (a result image, a batch result, a draft): a blob: link clicked, where the
// browser lets a page download (where.js says where it does not: inside an app's browser).

/** Save `data` (a Blob, ArrayBuffer or string) as `name`. */
export function saveFile(data, name, type = "") {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}
