"""Browser figures of the wizard against a stock Pyodide page (a benchmark, not a test; run by bench.py).

    .venv/bin/python -m build_scripts.bench.wizard --site DIR [--runs 5] [--json FILE]

Serves DIR (a built site) like a real static host: precompressed ``.br``/``.gz`` twins, hashed asset
names cached for a year (``immutable``), everything else ``no-cache`` with ``Last-Modified``/304. The same
server, in the same run, serves the baseline under ``/_baseline/``: stock Pyodide straight from
wizard/node_modules/pyodide (with ``.br``/``.gz`` twins, no trimming, its lock file fetched as usual) and a
minimal module worker doing ``loadPyodide()`` and ``runPython("1 + 1")``.

Every scenario runs in a fresh browser context (a cold first visit: no HTTP cache, no service worker),
headless Debian Chromium, ``--runs`` times; figures are median and spread (min–max):

- first question on screen and answerable: when its heading was painted (Element Timing). It is built into
  the page's HTML (wizard/src/app/prerender.js): its choices work at once and a 继续 pressed before the page
  script has mounted is handled when it does. Phone (360×740, CPU 4× on the page, Fast 4G on page and
  workers) and unthrottled; and, on the phone, when the page script has mounted and drawn it
  (``gt-first-question`` mark);
- engine ready (``gt-engine-ready``: Pyodide booted in the worker and the engine answered once) with Fast 4G
  and unthrottled; the baseline's ``ready`` in the same two settings. CDP CPU throttling does not reach
  workers, so Python's boot runs at this machine's speed in every setting;
- bytes: response bodies as served (compressed) until engine ready, counted by the server;
- a person answering pathway A at 2 s a screen on a first visit (phone, CPU 4×), under Fast 4G and under
  Lighthouse's slow 4G (1.6 Mbit/s, 150 ms): how long each 继续 takes to show the next screen, how many
  engine calls the questions make (none: the page walks the flow), and the wait after 查看结果;
- repeat visit with the network off, to a result: an on-disk profile (launch_persistent_context; an
  incognito context's memory cache would not keep the wasm) visits a share link once and waits until the
  service worker has stored everything; the browser is closed, started again offline, and the share link
  opened: milliseconds from navigation to the result on screen. The first visit also waits until the
  worker has stored Python's memory snapshot (it does so right after its first boot), which the repeat
  visit restores. The baseline's repeat visit (HTTP cache, online: it has no service worker) is the
  comparison;
- the WeChat-like profile (build_scripts/browser_profiles.py: no service worker, no Cache Storage) on the
  phone: engine ready on a first visit and on a second with the HTTP cache only (the engine bytes fetched
  again: none, the files being named by their hashes and served immutable), and the result image: the time
  to draw it on the phone and its size.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import shutil
import statistics
import sys
import re
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

from build_scripts.server import static as static_server  # noqa: E402
from build_scripts.wizard import common as wizard_common  # noqa: E402
from build_scripts.wizard import writing as wizard_writing  # noqa: E402

CHROMIUM = os.environ.get("GUANTONG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
FAST_4G = {  # Chrome DevTools' "Fast 4G" preset
    "offline": False,
    "latency": 60 * 2.75,
    "downloadThroughput": 9 * 1000 * 1000 / 8 * 0.9,
    "uploadThroughput": 1.5 * 1000 * 1000 / 8 * 0.9,
}
SLOW_4G = {  # Lighthouse's mobile "slow 4G" as DevTools applies it: 150 ms RTT × 3.75, 1.6 Mbit/s × 0.9
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}
BASELINE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

BASELINE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>stock Pyodide</title>
<p id="status">loading</p>
<script type="module">
const worker = new Worker("./worker.mjs", { type: "module" });
worker.onmessage = ({ data }) => {
  performance.mark("baseline-ready");
  document.getElementById("status").textContent = data.ok ? "ready " + data.value : "failed " + data.error;
  document.documentElement.dataset.ready = data.ok ? "ready" : "failed";
};
</script>
"""
BASELINE_WORKER = """import { loadPyodide } from "./pyodide.mjs";
try {
  const pyodide = await loadPyodide({ indexURL: new URL("./", import.meta.url).href });
  postMessage({ ok: true, value: pyodide.runPython("1 + 1") });
} catch (err) {
  postMessage({ ok: false, error: String(err) });
}
"""

# Set before any page script: when the result first shows (MutationObserver on the wizard's screen).
RESULT_OBSERVER = """
(() => {
  const seen = () => {
    const root = document.getElementById("gt-wizard");
    if (root && root.dataset.screen === "result" && root.querySelector(".gt-panel") && !window.__gtResultAt) {
      window.__gtResultAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true });
})();
"""


# --- the server -----------------------------------------------------------------------------------
class Log:
    """Bytes served, per request (body as sent, i.e. compressed), in order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: list[tuple[float, str, int, str]] = []

    def add(self, path: str, size: int, coding: str) -> None:
        with self.lock:
            self.entries.append((time.monotonic(), path, size, coding))

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def since(self, start: int, until: float | None = None) -> list[tuple[float, str, int, str]]:
        with self.lock:
            return [e for e in self.entries[start:] if until is None or e[0] <= until]


@contextlib.contextmanager
def host(directory: Path):
    """The project's static server (twins, a static host's cache headers, 304s), logging what it sends;
    without the site's Content Security Policy, as before (the stock-Pyodide baseline has an inline script)."""
    log = Log()
    with static_server.serve(directory, on_served=log.add, policy=False) as base:
        yield base, log


def add_baseline(site: Path) -> None:
    """Stock Pyodide and a minimal worker under site/_baseline/, compressed the same way as the wizard."""
    out = site / "_baseline"
    out.mkdir(exist_ok=True)
    for name in BASELINE_FILES:
        shutil.copyfile(wizard_common.PYODIDE_DIR / name, out / name)
        wizard_writing.compressed_twins(out / name)
    (out / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (out / "worker.mjs").write_text(BASELINE_WORKER, encoding="utf-8")


# --- the browser ----------------------------------------------------------------------------------
def throttle(context, page, cpu: float, network: dict | None) -> None:
    """CPU on the page; network on the page and (auto-attached) its workers and service worker."""
    cdp = context.new_cdp_session(page)
    if cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if not network:
        return
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", network)
    counter = iter(range(1, 1 << 30))

    def attached(event) -> None:
        sid = event["sessionId"]
        for method, params in (
            ("Network.enable", {}),
            ("Network.emulateNetworkConditions", network),
            ("Runtime.runIfWaitingForDebugger", {}),
        ):
            message = json.dumps({"id": next(counter), "method": method, "params": params})
            cdp.send("Target.sendMessageToTarget", {"sessionId": sid, "message": message})

    cdp.on("Target.attachedToTarget", attached)
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})


WIZARD_MARKS = """async () => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const engine = window.guantongWizard && window.guantongWizard.engine;
  // Element Timing: when the first question's heading was painted (built into the page, or drawn by the script).
  const painted = await new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      const times = list.getEntries().filter((e) => e.identifier === 'gt-question').map((e) => e.renderTime || e.loadTime);
      resolve(times.length ? Math.min(...times) : null);
    }).observe({ type: 'element', buffered: true });
    setTimeout(() => resolve(null), 2000);
  });
  return { first_question: painted, mounted: mark('gt-first-question'), engine_ready: mark('gt-engine-ready'),
           worker: (engine && engine.timings && engine.timings.worker) || {} };
}"""


def wizard_cold(browser, base: str, log: Log, phone: bool, network: dict | None) -> dict:
    context = browser.new_context(**(PHONE if phone else DESKTOP))
    try:
        page = context.new_page()
        throttle(context, page, 4 if phone else 1, network)
        start = log.mark()
        page.goto(base + "wizard/", wait_until="commit")
        page.wait_for_selector('#gt-wizard[data-screen="question:direction"]', timeout=120_000)
        page.wait_for_selector('#gt-wizard[data-engine="ready"], #gt-wizard[data-engine="fatal"]', timeout=120_000)
        ready_at = time.monotonic()
        if page.get_attribute("#gt-wizard", "data-engine") != "ready":
            raise RuntimeError(page.inner_text("#gt-wizard"))
        marks = page.evaluate(WIZARD_MARKS)
        served = log.since(start, ready_at)
        return {
            "first_question": marks["first_question"],
            "mounted": marks["mounted"],
            "engine_ready": marks["engine_ready"],
            "bytes": sum(e[2] for e in served),
            "requests": [(e[1], e[2], e[3]) for e in served],
            "worker": marks["worker"],
        }
    finally:
        context.close()


def baseline_cold(browser, base: str, log: Log, phone: bool, network: dict | None) -> dict:
    context = browser.new_context(**(PHONE if phone else DESKTOP))
    try:
        page = context.new_page()
        throttle(context, page, 4 if phone else 1, network)
        start = log.mark()
        page.goto(base + "_baseline/", wait_until="commit")
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        ready_at = time.monotonic()
        if page.get_attribute("html", "data-ready") != "ready":
            raise RuntimeError(page.inner_text("#status"))
        ready = page.evaluate("() => performance.getEntriesByName('baseline-ready')[0].startTime")
        served = log.since(start, ready_at)
        return {"engine_ready": ready, "bytes": sum(e[2] for e in served), "requests": [(e[1], e[2], e[3]) for e in served]}
    finally:
        context.close()


# A person answering pathway A on a first visit: (question, what they do) per screen, 2 s a screen.
PERSON_A = [
    ("direction", [("check", "我是高技能人才（高级工、技师、高级技师），想申报专业技术职称")]),
    ("deadline", [("fill", "#gt-deadline", "2026-06-30")]),
    ("employed_in_huangshi", [("check", "是")]),
    ("skill_post", [("check", "是")]),
    ("skill_levels", [("check", "技师（二级）"), ("fill", "#gt-skill_levels-technician-date", "2019-06-30")]),
    ("months_out_of_skill_work", [("fill", "#gt-months_out_of_skill_work", "0")]),
    ("honors", [("check", "全国技术能手")]),
    ("studio", [("check", "不是领办人")]),
    ("series", [("check", "工程技术系列")]),
    ("speciality_matches", [("check", "是")]),
    ("annual_assessment_passed", [("check", "是")]),
    ("integrity_record", [("check", "否")]),
]
# Engine calls made while a question is on screen (the check page asks for the result ahead, unawaited).
COUNT_CALLS = """() => { const e = window.guantongWizard.engine; const call = e.call.bind(e);
  window.__gtCalls = []; e.call = (op, payload) => {
    window.__gtCalls.push([op, document.getElementById('gt-wizard').dataset.screen]); return call(op, payload); }; }"""
# From the person's click (the event, not Playwright's own checks before it) to the next screen painted.
NEXT_SCREEN = """(previous) => { window.__gtNext = null; let t0 = null;
  document.addEventListener('click', (e) => { t0 = e.timeStamp; }, { capture: true, once: true });
  const done = () => { const s = document.getElementById('gt-wizard').dataset.screen;
    if (t0 === null || s === previous || !document.querySelector('#gt-wizard h1')) return false;
    requestAnimationFrame(() => setTimeout(() => { window.__gtNext = performance.now() - t0; }));
    return true; };
  const mo = new MutationObserver(() => { if (done()) mo.disconnect(); });
  mo.observe(document.getElementById('gt-wizard'), { subtree: true, childList: true, attributes: true }); }"""


def wizard_person(browser, base: str, network: dict, pace: float = 2.0, cpu: float = 4) -> dict:
    """A person who answers pathway A at ``pace`` seconds a screen on a first visit (phone, the page's CPU
    ``cpu``× slower through DevTools; 1 where the whole browser is slowed otherwise, build_scripts/bench/low_end.py):
    how long each 继续 took to show the next screen, how many engine calls the questions made, and the
    wait after 查看结果 until the result is on screen."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        throttle(context, page, cpu, network)
        page.goto(base + "wizard/", wait_until="commit")
        page.wait_for_selector('#gt-wizard[data-screen="question:direction"]', timeout=600_000)
        page.evaluate(COUNT_CALLS)
        waits = []
        for qid, actions in PERSON_A:
            page.wait_for_selector(f'#gt-wizard[data-screen="question:{qid}"] form', timeout=60_000)
            time.sleep(pace)
            for action in actions:
                if action[0] == "check":
                    page.get_by_label(action[1], exact=True).check()
                elif qid == "deadline" and page.get_by_label("其他日期", exact=True).count():
                    page.get_by_label("其他日期", exact=True).check()
                    page.fill(action[1], action[2])
                else:
                    page.fill(action[1], action[2])
            page.evaluate(NEXT_SCREEN, f"question:{qid}")
            page.click("[data-gt-continue]")
            page.wait_for_function("() => window.__gtNext !== null", timeout=60_000)
            waits.append(page.evaluate("() => window.__gtNext"))
        page.wait_for_selector('#gt-wizard[data-screen="check"] dl.gt-summary', timeout=60_000)
        calls_before = page.evaluate("() => window.__gtCalls.filter(([, screen]) => screen.startsWith('question:')).length")
        time.sleep(pace)
        ready_before = page.get_attribute("#gt-wizard", "data-engine") == "ready"
        page.evaluate("() => document.addEventListener('click', (e) => { window.__gtClick = e.timeStamp; }, {capture: true, once: true})")
        page.click("button[data-gt-go=result]")
        page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=180_000)
        # From the click to the result painted (the next frame after it was written), and its parts.
        result_wait = page.evaluate("""async () => { const m = (n) => performance.getEntriesByName(n).pop()?.startTime;
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
            const shown = m('gt-result-shown');
            return { total: shown - window.__gtClick, asked: m('gt-result-asked'), replied: m('gt-result-replied'), shown }; }""")
        ready = page.evaluate("() => performance.getEntriesByName('gt-engine-ready')[0]?.startTime ?? null")
        return {
            "screen_waits": waits,
            "screens_total": sum(waits),
            "screen_max": max(waits),
            "engine_calls_before_result": calls_before,
            "engine_wait": 0.0 if calls_before == 0 else None,
            "result_wait": result_wait["total"],
            "result_engine": result_wait["replied"] - result_wait["asked"],
            "result_render": result_wait["shown"] - result_wait["replied"],
            "ready_before_result": ready_before,
            "engine_ready": ready,
        }
    finally:
        context.close()


def share_link(base: str) -> str:
    """A share link to a finished journey (the engine has no next question for it)."""
    from build_scripts import sample_answers
    from guantong import AnswersError, evaluate, flow

    def finished(a: dict) -> bool:
        """The engine accepts it and the flow has no next question (as the bridge's ``state`` says)."""
        answers = flow.applicable(a)
        try:
            evaluate(answers)
        except AnswersError:
            return False
        return flow.next_question(answers, []) is None

    answers = next(a for a in sample_answers.generate(60, 7) if finished(a))
    data = base64.urlsafe_b64encode(json.dumps({"a": answers, "s": []}, ensure_ascii=False).encode()).decode().rstrip("=")
    return f"{base}wizard/#share={data}"


def wizard_repeat_offline(pw, base: str) -> dict:
    """First visit online (share link → result, everything stored), then the browser again, offline."""
    url = share_link(base)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS, **DESKTOP)
        try:
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            page.goto(url)
            page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=120_000)
            page.wait_for_selector('#gt-wizard[data-offline="ready"]', timeout=120_000)
            # ... and Python's memory snapshot, which a first visit stores right after the engine is ready.
            page.wait_for_function("() => window.guantongWizard.engine.snapshot", timeout=60_000)
        finally:
            ctx.close()
        ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS, offline=True, **DESKTOP)
        try:
            ctx.add_init_script(RESULT_OBSERVER)
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=120_000)
            page.wait_for_function("() => window.__gtResultAt", timeout=10_000)
            result = page.evaluate("() => window.__gtResultAt")
            ready = page.evaluate("() => performance.getEntriesByName('gt-engine-ready')[0]?.startTime ?? null")
            engine = page.evaluate(
                "() => ({restored: guantongWizard.engine.status.restored, worker: guantongWizard.engine.timings.worker || {}})"
            )
            return {"result": result, "engine_ready": ready, "restored": engine["restored"], "worker": engine["worker"]}
        finally:
            ctx.close()


IMAGE_SHOWN = """() => { const m = performance.getEntriesByName('gt-image-shown').pop();
  return m ? { ms: m.detail.ms, bytes: m.detail.bytes } : null; }"""


def wechat_visits(browser, base: str, log: Log) -> dict:
    """The WeChat-like profile (browser_profiles.wechat: no service worker, no Cache Storage, no print,
    downloads refused) on the phone (CPU 4×, Fast 4G): a share link opened twice in the same browser, the
    second time with nothing but the HTTP cache; engine ready each time, the engine bytes fetched again,
    and the result image drawn (the time to draw it on the phone, its size)."""
    from build_scripts.browser_profiles import wechat

    context = browser.new_context(**wechat.context(**PHONE))
    wechat.apply(context, worker=False)  # a route would turn the HTTP cache off
    url = share_link(base)
    try:
        page = context.new_page()
        throttle(context, page, 4, FAST_4G)
        visits = []
        for _ in range(2):
            page.goto("about:blank")
            start = log.mark()
            page.goto(url, wait_until="commit")
            page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=180_000)
            page.wait_for_selector(".gt-card__image", timeout=60_000)
            if not visits:  # the snapshot the next visit restores (kept in IndexedDB here)
                page.wait_for_function("() => window.guantongWizard.engine.snapshot", timeout=60_000)
            served = log.since(start)
            engine = [e for e in served if re.search(r"/wizard/(assets/worker\.|pyodide/|engine/)", e[1])]
            visits.append(
                {
                    "engine_ready": page.evaluate("() => performance.getEntriesByName('gt-engine-ready')[0]?.startTime"),
                    "bytes": sum(e[2] for e in served),
                    "engine_bytes": sum(e[2] for e in engine),
                    "engine_requests": len(engine),
                    "image": page.evaluate(IMAGE_SHOWN),
                }
            )
        first, second = visits
        return {
            "first": first["engine_ready"],
            "second": second["engine_ready"],
            "first_bytes": first["bytes"],
            "second_bytes": second["bytes"],
            "second_engine_bytes": second["engine_bytes"],
            "second_engine_requests": second["engine_requests"],
            "image_ms": first["image"]["ms"],
            "image_bytes": first["image"]["bytes"],
        }
    finally:
        context.close()


def baseline_repeat(pw, base: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        for visit in range(2):
            ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS, **DESKTOP)
            try:
                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                page.goto(base + "_baseline/", wait_until="commit")
                page.wait_for_selector("html[data-ready='ready']", timeout=120_000)
                if visit:
                    return {"engine_ready": page.evaluate("() => performance.getEntriesByName('baseline-ready')[0].startTime")}
                time.sleep(0.5)  # let the cache entries settle
            finally:
                ctx.close()
    raise AssertionError


# --- figures ---------------------------------------------------------------------------------------
def spread(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
        "runs": [round(v, 1) for v in values],
    }


FIGURES = [
    # key, label, wizard (scenario, field), baseline (scenario, field), unit
    (
        "fq_phone",
        "first question on screen and answerable, phone (CPU 4×, Fast 4G)",
        ("wizard_phone", "first_question"),
        ("baseline_phone", "engine_ready"),
        "ms",
    ),
    (
        "fq_plain",
        "first question on screen and answerable, no emulation",
        ("wizard_plain", "first_question"),
        ("baseline_plain", "engine_ready"),
        "ms",
    ),
    (
        "mount_phone",
        "page script mounted (the first question drawn by it), phone",
        ("wizard_phone", "mounted"),
        ("baseline_phone", "engine_ready"),
        "ms",
    ),
    ("ready_4g", "engine ready, Fast 4G (phone)", ("wizard_phone", "engine_ready"), ("baseline_phone", "engine_ready"), "ms"),
    ("ready_plain", "engine ready, no emulation", ("wizard_plain", "engine_ready"), ("baseline_plain", "engine_ready"), "ms"),
    ("bytes", "bytes transferred until ready (as served)", ("wizard_plain", "bytes"), ("baseline_plain", "bytes"), "B"),
    (
        "repeat_offline",
        "repeat visit offline → result (baseline: HTTP-cache repeat to ready)",
        ("wizard_repeat", "result"),
        ("baseline_repeat", "engine_ready"),
        "ms",
    ),
]
TARGETS = {
    "fq_phone": ("abs", 1000),
    "ready_plain": ("ratio", 0.5),
    "ready_4g": ("ratio", 0.7),
    "bytes": ("ratio", 0.75),
    "repeat_offline": ("abs", 800),
}
PERSON = {"person_4g": ("Fast 4G", FAST_4G), "person_slow": ("slow 4G (Lighthouse)", SLOW_4G)}


def run(site: Path, runs: int, quiet: bool = False, person_runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    add_baseline(site)
    scenarios: dict[str, list[dict]] = {
        k: []
        for k in ("wizard_phone", "wizard_plain", "baseline_phone", "baseline_plain", "wizard_repeat", "baseline_repeat", "wechat", *PERSON)
    }
    with host(site) as (base, log), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for i in range(runs):
                # Interleaved, so that a slow patch of the machine hits both sides alike.
                scenarios["baseline_plain"].append(baseline_cold(browser, base, log, False, None))
                scenarios["wizard_plain"].append(wizard_cold(browser, base, log, False, None))
                scenarios["baseline_phone"].append(baseline_cold(browser, base, log, True, FAST_4G))
                scenarios["wizard_phone"].append(wizard_cold(browser, base, log, True, FAST_4G))
                scenarios["wizard_repeat"].append(wizard_repeat_offline(pw, base))
                scenarios["baseline_repeat"].append(baseline_repeat(pw, base))
                scenarios["wechat"].append(wechat_visits(browser, base, log))
                if not quiet:
                    x = scenarios["wechat"][-1]
                    print(
                        f"  run {i + 1}, WeChat-like: ready {x['first']:.0f} ms, again {x['second']:.0f} ms "
                        f"({x['second_engine_bytes']} engine bytes fetched again), image {x['image_ms']} ms, "
                        f"{x['image_bytes'] / 1e3:.0f} kB",
                        flush=True,
                    )
                    w, b, p, q = (scenarios[k][-1] for k in ("wizard_plain", "baseline_plain", "wizard_phone", "baseline_phone"))
                    print(
                        f"  run {i + 1}: wizard fq {w['first_question']:.0f}/{p['first_question']:.0f} ms (mounted "
                        f"{w['mounted']:.0f}/{p['mounted']:.0f}), ready "
                        f"{w['engine_ready']:.0f}/{p['engine_ready']:.0f} ms, {w['bytes']} B; baseline ready "
                        f"{b['engine_ready']:.0f}/{q['engine_ready']:.0f} ms, {b['bytes']} B; offline result "
                        f"{scenarios['wizard_repeat'][-1]['result']:.0f} ms (plain/Fast 4G)",
                        flush=True,
                    )
            for i in range(person_runs):
                for key, (label, network) in PERSON.items():
                    scenarios[key].append(wizard_person(browser, base, network))
                    if not quiet:
                        r = scenarios[key][-1]
                        print(
                            f"  person {i + 1}, {label}: 继续 → next screen {r['screens_total']:.0f} ms over "
                            f"{len(r['screen_waits'])} screens (max {r['screen_max']:.0f}), engine calls before the "
                            f"result {r['engine_calls_before_result']}, 查看结果 → result {r['result_wait']:.0f} ms",
                            flush=True,
                        )
        finally:
            browser.close()
    person = {}
    for key, (label, _) in PERSON.items():
        rs = scenarios[key]
        if not rs:
            continue
        person[key] = {
            "label": label,
            "runs": len(rs),
            "screens_total": spread([r["screens_total"] for r in rs]),
            "screen_max": spread([r["screen_max"] for r in rs]),
            "engine_calls": max(r["engine_calls_before_result"] for r in rs),
            "result_wait": spread([r["result_wait"] for r in rs]),
            "result_engine": spread([r["result_engine"] for r in rs]),
            "result_render": spread([r["result_render"] for r in rs]),
            "ready_before_result": sum(r["ready_before_result"] for r in rs),
        }
    figures = {}
    for key, label, (ws, wf), (bs, bf), unit in FIGURES:
        wv = spread([r[wf] for r in scenarios[ws]])
        bv = spread([r[bf] for r in scenarios[bs]])
        figures[key] = {
            "label": label,
            "unit": unit,
            "wizard": wv,
            "baseline": bv,
            "ratio": wv["median"] / bv["median"] if bv["median"] else None,
        }
    last = scenarios["wizard_plain"][-1]
    return {
        "figures": figures,
        "requests": {"wizard": last["requests"], "baseline": scenarios["baseline_plain"][-1]["requests"]},
        "worker_marks": {k: statistics.median(r["worker"].get(k, 0) for r in scenarios["wizard_plain"]) for k in last["worker"]},
        "worker_marks_4g": {
            k: statistics.median(r["worker"].get(k, 0) for r in scenarios["wizard_phone"]) for k in scenarios["wizard_phone"][-1]["worker"]
        },
        "worker_marks_repeat": {
            k: statistics.median(r["worker"].get(k, 0) for r in scenarios["wizard_repeat"])
            for k in scenarios["wizard_repeat"][-1]["worker"]
        },
        "repeat_restored": sum(bool(r["restored"]) for r in scenarios["wizard_repeat"]),
        "person": person,
        "runs": runs,
        "wechat": {key: spread([r[key] for r in scenarios["wechat"]]) for key in scenarios["wechat"][0]} if scenarios["wechat"] else {},
    }


def fmt(value: float, unit: str) -> str:
    return f"{value / 1e6:.2f} MB" if unit == "B" else f"{value:.0f} ms"


def report(result: dict) -> str:
    lines = [
        f"wizard vs stock Pyodide (same server, same run; median [min–max] of {result['runs']} cold runs each)",
        f"  {'figure':<62} {'wizard':>24} {'baseline':>24} {'ratio':>6}  target",
    ]
    for key, f in result["figures"].items():
        w, b, unit = f["wizard"], f["baseline"], f["unit"]

        def cell(s, unit=unit):
            return f"{fmt(s['median'], unit)} [{fmt(s['min'], unit).split()[0]}–{fmt(s['max'], unit).split()[0]}]"

        target = ""
        if key in TARGETS:
            kind, limit = TARGETS[key]
            ok = (w["median"] < limit) if kind == "abs" else (f["ratio"] <= limit)
            target = (f"< {fmt(limit, unit)}" if kind == "abs" else f"≤ {limit}×") + (" met" if ok else " NOT met")
        lines.append(f"  {f['label']:<62} {cell(w):>24} {cell(b):>24} {f['ratio']:>5.2f}×  {target}")
    marks = result["worker_marks"]
    lines.append(
        "  wizard boot milestones, no emulation (ms from navigation): "
        + ", ".join(f"{k} {v:.0f}" for k, v in sorted(marks.items(), key=lambda kv: kv[1]))
    )
    lines.append(
        "  wizard boot milestones, Fast 4G: "
        + ", ".join(f"{k} {v:.0f}" for k, v in sorted(result["worker_marks_4g"].items(), key=lambda kv: kv[1]))
    )
    lines.append(
        f"  wizard boot milestones, repeat visit offline ({result['repeat_restored']} of {result['runs']} "
        "restored from the memory snapshot): "
        + ", ".join(f"{k} {v:.0f}" for k, v in sorted(result["worker_marks_repeat"].items(), key=lambda kv: kv[1]))
    )
    for key, p in result.get("person", {}).items():
        if not p["runs"]:
            continue
        ms = lambda s: f"{s['median']:.0f} ms [{s['min']:.0f}–{s['max']:.0f}]"  # noqa: E731
        wait_target = "≤ 300 ms " + ("met" if p["result_wait"]["median"] <= 300 else "NOT met") if key == "person_4g" else "reported"
        lines.append(f"  a person answering pathway A at 2 s a screen, {p['label']} (CPU 4×, median of {p['runs']}):")
        lines.append(
            f"    waiting on the engine before the result: {'0 ms' if p['engine_calls'] == 0 else 'engine called'}"
            f" ({p['engine_calls']} engine calls on 12 screens; target 0 ms "
            f"{'met' if p['engine_calls'] == 0 else 'NOT met'}); 继续 → next screen, summed: {ms(p['screens_total'])},"
            f" slowest screen {ms(p['screen_max'])}"
        )
        lines.append(
            f"    查看结果 → result on screen: {ms(p['result_wait'])} ({wait_target}; of which the engine's reply "
            f"{ms(p['result_engine'])}, drawing it {ms(p['result_render'])}); engine ready before 查看结果 in "
            f"{p['ready_before_result']} of {p['runs']}"
        )
    x = result.get("wechat")
    if x:
        ms = lambda s: f"{s['median']:.0f} ms [{s['min']:.0f}–{s['max']:.0f}]"  # noqa: E731
        ratio = x["second"]["median"] / x["first"]["median"]
        again = x["second_engine_bytes"]["max"]
        lines.append(
            f"  WeChat-like profile (no service worker, no Cache Storage; phone, CPU 4×, Fast 4G; median of "
            f"{x['first']['n']}): engine ready on a first visit {ms(x['first'])}, on a second visit with the HTTP "
            f"cache only {ms(x['second'])} ({ratio:.2f}× the first; target ≤ 0.5× {'met' if ratio <= 0.5 else 'NOT met'}); "
            f"engine bytes fetched again {again:.0f} (target 0 {'met' if again == 0 else 'NOT met'}; "
            f"{x['second_engine_requests']['max']:.0f} engine requests); all bytes of the second visit "
            f"{x['second_bytes']['median'] / 1e3:.0f} kB"
        )
        lines.append(
            f"    the result image drawn on the phone: {ms(x['image_ms'])} (target ≤ 300 ms "
            f"{'met' if x['image_ms']['median'] <= 300 else 'NOT met'}), {x['image_bytes']['median'] / 1e3:.0f} kB PNG"
        )
    for side in ("wizard", "baseline"):
        reqs = sorted(result["requests"][side], key=lambda r: -r[1])[:6]
        lines.append(
            f"  largest {side} responses: " + ", ".join(f"{p.split('/')[-1].split('#')[0][:40]} {s / 1e3:.0f} kB {c}" for p, s, c in reqs)
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (a _baseline/ directory is added to it)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--person-runs", type=int, default=3, help="runs of the scripted person (0: none)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = run(args.site, args.runs, person_runs=args.person_runs)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
