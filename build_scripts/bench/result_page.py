"""The wizard's result on a phone (issue 31): for an eligible, a not-yet and a 待定 person of each pathway
(sample_answers.RESULT_PEOPLE, opened by their share links), at 360 × 740 in plain and 关怀模式: the page's
height in screens, and where the verdict ends, 下一步 starts and the first action starts. Positions, not
times: one run each (`python -m build_scripts.bench.result_page --site SITE`)."""

from __future__ import annotations

import sys
from pathlib import Path

from build_scripts.bench import site_arguments
from build_scripts.bench import wizard as bench_wizard
from build_scripts.browser_profiles import CARE_ON
from build_scripts.sample_answers import RESULT_PEOPLE, share_fragment

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SCREEN = 740
# Document positions (px) of the result's parts; tests/browser/test_result_order.py holds them to targets.
POSITIONS = """() => {
  const top = (el) => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
  const bottom = (el) => el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : null;
  const steps = document.querySelector('.gt-steps');
  const action = [...document.querySelectorAll('[data-gt-print], [data-gt-share]')].find((b) => b.offsetParent !== null);
  return {verdict: bottom(document.querySelector('.gt-panel')), steps: top(steps && steps.previousElementSibling),
          action: top(action), height: document.documentElement.scrollHeight};
}"""


def run(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with bench_wizard.host(site) as (base, _log), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=bench_wizard.CHROMIUM, headless=True, args=bench_wizard.ARGS)
        try:
            for care in (False, True):
                for who, (answers, skipped, cls) in RESULT_PEOPLE.items():
                    context = browser.new_context(**PHONE)
                    if care:
                        context.add_init_script(CARE_ON)
                    page = context.new_page()
                    page.goto(base + "wizard/" + share_fragment(answers, skipped))
                    page.wait_for_selector(f'#gt-wizard[data-screen="result"] .gt-panel--{cls}', timeout=120_000)
                    page.wait_for_timeout(500)  # the result image and QR code drawn
                    out[f"{who}{' care' if care else ''}"] = page.evaluate(POSITIONS)
                    context.close()
        finally:
            browser.close()
    return out


def report(result: dict) -> str:
    lines = ["the result at 360 × 740 (height in screens; where the verdict ends, 下一步 and the first action start, px)"]
    for who, m in result.items():
        lines.append(
            f"  {who:<14} {m['height'] / SCREEN:4.1f} screens ({m['height']} px); verdict ≤ {m['verdict']}, "
            f"下一步 {m['steps']}, first action {m['action']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__, argv, runs=None)
    print(report(run(args.site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
