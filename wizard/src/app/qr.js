// The share link as a QR code (qrcode-generator, bundled): an SVG drawn on the page, or the modules for
// the result image (screens/card.js); nothing sent. A chunk of its own (a third of the page script, not
// needed for the first question), fetched once the wizard has mounted; it imports nothing of the page's,
// so no shared chunk stands on the first question's path.
import qrcode from "qrcode-generator";

const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export const QUIET = 4; // modules of white around the code, as the standard asks (card.js draws the same)

/** The code of `text` (error correction M): {n, dark(row, col)}, or null when it does not fit in one. */
export function qrMatrix(text) {
  try {
    const qr = qrcode(0, "M");
    qr.addData(text, "Byte");
    qr.make();
    return { n: qr.getModuleCount(), dark: (r, c) => qr.isDark(r, c) };
  } catch {
    return null;
  }
}

/** SVG markup of `text` as a QR code, or null when it does not fit in one. */
export function qrSvg(text, label) {
  const qr = qrMatrix(text);
  if (!qr) return null;
  const { n } = qr;
  let d = "";
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.dark(r, c)) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
  }
  const size = n + 2 * QUIET;
  return `<svg class="gt-qr__code" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc(label)}" shape-rendering="crispEdges" data-modules="${n}"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
