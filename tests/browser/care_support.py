"""Measures of 关怀模式 (issue 22) taken in the page (no tests here): text sizes, target sizes, contrast,
sideways scroll, layout shift; a stand-in for speech synthesis that records what is read."""

from __future__ import annotations

from build_scripts.browser_profiles import CARE_ON  # noqa: F401 - the tests' name for it too

# Text smaller than 18 px: every rendered text node under `scope` (hidden, visually hidden and drawing
# text aside).
SMALL_TEXT = """([scope, min]) => {
  const out = [];
  for (const root of document.querySelectorAll(scope)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent.trim()) continue;
      if (el.closest('[hidden], .gt-visually-hidden, .md-visually-hidden, svg, script, style, noscript, [aria-hidden="true"], .md-search, .md-tooltip, .md-dialog, .md-skip')) continue;
      if (!el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') continue;
      const size = parseFloat(style.fontSize);
      if (size < min - 0.05) out.push(`${size.toFixed(1)}px <${el.tagName.toLowerCase()} class="${el.className}">${node.textContent.trim().slice(0, 30)}`);
    }
  }
  return [...new Set(out)];
}"""

# Targets smaller than `min` × `min` px among what `selector` finds, rendered and not hidden.
SMALL_TARGETS = """([selector, min]) => [...document.querySelectorAll(selector)]
  .filter((el) => !el.closest('[hidden], .gt-visually-hidden, .md-search, .md-skip') && el.getClientRects().length
    && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([, r]) => r.width < min - 0.5 || r.height < min - 0.5)
  .map(([el, r]) => `${Math.round(r.width)}×${Math.round(r.height)} <${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 24)}`)"""

# Text under `scope` whose contrast with what is behind it is below 7:1 (4.5:1 for large text: 24 px,
# or 18.66 px bold, as WCAG's AAA level counts it).
LOW_CONTRAST = """(scope) => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 0.99) break; }
    }
    let bg = layers.length && layers[layers.length - 1][3] >= 0.99 ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  };
  const out = [];
  for (const root of document.querySelectorAll(scope)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      if (!el || !node.textContent.trim() || !el.getClientRects().length) continue;
      if (el.closest('[hidden], .gt-visually-hidden, svg, script, style, [aria-hidden="true"], .md-search')) continue;
      const style = getComputedStyle(el);
      if (style.clipPath === 'inset(50%)') continue;
      let faded = false;   // not shown until hovered or focused (Material's permalinks): measured when shown
      for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') { faded = true; break; }
      if (faded) continue;
      const bg = background(el), fg = over(parse(style.color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 4.5 : 7;
      if (ratio < need - 0.01) out.push(`${ratio.toFixed(2)}:1 <${el.tagName.toLowerCase()} class="${el.className}">${node.textContent.trim().slice(0, 24)}`);
    }
  }
  return [...new Set(out)];
}"""

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Layout shifts without input from the page's start (buffered), summed.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let sum = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(sum), 1500);
})"""

# Headless Chromium has no voices: a stand-in speechSynthesis with one Chinese voice, recording the text
# of every utterance it is given (window.__gtSpoken), in order.
FAKE_SPEECH = """
(() => {
  const voice = { name: '测试语音', lang: 'zh-CN', default: true, localService: true, voiceURI: 'test' };
  window.__gtSpoken = [];
  const synth = {
    speaking: false,
    getVoices: () => [voice],
    speak(u) { window.__gtSpoken.push(u.text); setTimeout(() => u.onend && u.onend(), 0); },
    cancel() { window.__gtSpoken.push('<cancel>'); },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  // The real utterance accepts only a real voice: the stand-in's utterance takes its stand-in voice.
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
})();
"""


def text_at_200_percent(page) -> None:
    """The phone's own text size at 200 %: the browser's default font size doubled (what a rem follows)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
