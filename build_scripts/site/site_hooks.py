"""MkDocs hooks for the policy site (pages generated from the policy data).

On every build (and on every rebuild under ``mkdocs serve``):

* ``on_config``: read the policy data and the notice (``site_model.load_site``; the environment
  variables ``GUANTONG_POLICY`` / ``GUANTONG_NOTICE`` name other files), put the bureau's contacts in
  ``config.extra.guantong`` for the footer;
* ``on_files``: add the generated pages (``templates/*.md.j2`` → ``policy.md``, ``pathway-a.md``,
  ``pathway-b.md``) as virtual files, so nothing generated lives in ``docs/`` and ``mkdocs serve`` does
  not rebuild in a loop (the flowcharts in them are SVG drawn now, ``site_charts``);
* ``on_page_markdown``: the hand-written pages may use the same template helpers (``site_pages``);
* ``on_page_content``: small HTML touches (run-in clause headings, labels for tables that stack on
  phones);
* ``on_env``: fit jieba's dictionary to the notice's terms and the rendered pages (``site_search``),
  before the search plugin indexes them;
* ``on_serve``: watch the data files; a failed rebuild shows its reason on every page;
* ``on_post_build``: make Material's own bundle refer to no other host (``site_offline``); put the
  site's Content Security Policy into every page (``site_csp``; not under ``mkdocs serve``, whose live
  reload injects an inline script of its own).
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


# `mkdocs serve` re-reads this file on every rebuild; reload the helpers too, so edits to them show.
# (The package's module names: the old top-level names this loop once had matched nothing after the move.)
for _name in ("model", "charts", "pages", "search", "offline", "csp"):
    if f"build_scripts.site.{_name}" in sys.modules:
        importlib.reload(sys.modules[f"build_scripts.site.{_name}"])

from build_scripts.site import csp as site_csp  # noqa: E402
from build_scripts.site import model as site_model  # noqa: E402
from build_scripts.site import offline as site_offline  # noqa: E402
from build_scripts.site import pages as site_pages  # noqa: E402
from build_scripts.site import search as site_search  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")

#: The holiday calendar for the posting-period calculator (wizard/src/app/posting/calc.js).
CALENDAR_JSON = "assets/data/calendar.json"

_state: dict = {}


def on_startup(command, dirty=False):
    _state["command"] = command


def on_config(config):
    from guantong_tools.validate import validate_policy

    problems = validate_policy(site_model.policy_path())
    if problems:
        raise PluginError("政策数据有问题，网站未构建（上次成功构建的网站保持不变）：\n" + "\n".join(f"  {p}" for p in problems))
    site = site_model.load_site()
    _state["site"] = site
    p = site.policy
    config.extra["guantong"] = {
        "issuer": site.notice.meta["issuer"],
        "doc_number": site.notice.meta["doc_number"],
        "data_version": p.version,  # in an attribute: the public reads when the rules were updated, not a version
        "updated": site.updated,
        "offices": site.contact_offices,
    }
    return config


def on_files(files: Files, config) -> Files:
    site = _state["site"]
    site.explained.clear()
    for src, markdown in site_pages.render_generated(site).items():
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src} exists, but that page is generated from the policy data on every build; delete it")
        files.append(File.generated(config, src, content=markdown))
    missing = sorted(site.evaluated - set(site.explained), key=lambda c: [int(n) for n in c.split(".")])
    if missing:
        log.warning("No pathway page section explains these evaluated clauses: %s", ", ".join(missing))

    files.append(File.generated(config, CALENDAR_JSON, content=site_model.calendar_json()))

    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    if src in site_pages.HANDWRITTEN:
        return site_pages.render_handwritten(markdown, src, _state["site"])
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri in site_pages.OWNED:
        html = site_pages.touch_html(html)
    return html


def on_env(env, config, files: Files):
    """All pages are rendered, none indexed yet: fit jieba to their text (site_search)."""
    texts = [f.page.content for f in files.documentation_pages() if f.page is not None and f.page.content]
    site_search.configure(_state["site"], [site_search.page_text(t) for t in texts])
    return env


def on_serve(server, config, builder):
    for path in site_model.data_paths():
        server.watch(str(path))
    server.builder = _showing_errors(builder, Path(config.site_dir))
    return server


def _showing_errors(builder, site_dir: Path):
    """A failed rebuild leaves mkdocs serve's pages as they were and the browser waiting ("the server will
    appear stuck"); the preview puts the error on every page instead (the data's problems with file and
    line), live reload included, so the next good save shows the site again."""

    def build():
        try:
            builder()
        except Exception as exc:  # noqa: BLE001 — whatever failed, staff see it in the browser
            from guantong_tools.validate import validate_policy

            problems = [str(p) for p in validate_policy(site_model.policy_path())]
            page = site_pages.preview_error(problems or [str(exc) or type(exc).__name__], bool(problems))
            for html in [*site_dir.rglob("index.html"), site_dir / "404.html"]:
                html.write_text(page, encoding="utf-8")
            log.error("预览：网站未能重新构建，浏览器中的每个页面显示原因；改正后保存，页面自动刷新")

    return build


def on_post_build(config) -> None:
    site_offline.localise_material(Path(config.site_dir))
    if _state.get("command") == "serve":
        log.info("Content Security Policy: not added under `mkdocs serve` (its live reload is an inline script)")
        return
    csp, pages = site_csp.apply(Path(config.site_dir))
    log.info("Content Security Policy in %d pages: %d inline-script hashes", pages, csp.count("'sha256-"))
