"""MkDocs hooks for the wizard (bundles the engine and Pyodide into the built site).

- ``on_config``: builds the wizard's files in memory (build_scripts/wizard/bundle.py) and adds its loader
  (on every page: it imports the site's small script, and the wizard's only where the page has
  ``<div id="gt-wizard">``, also after Material's instant navigation) and its stylesheet to
  ``extra_javascript`` / ``extra_css``; hands the templates the 关怀模式 head script and switch.
- ``on_post_page``: the wizard page gets the script that starts the engine's worker early, its own script
  as an early async module, and preload hints (wizard_scripts.add_page_parts); the batch page its script
  and the template's link (add_batch_parts); before site_hooks computes
  the Content Security Policy from the pages' inline scripts.
- ``on_post_build``: writes them under ``site/wizard/`` with Pyodide and the engine zip, then the service
  worker, whose precache list is read from the built wizard page.
- ``on_serve``: rebuilds when the wizard's sources or the engine change.
"""

from __future__ import annotations

import logging

from build_scripts.wizard import bundle as wizard_bundle
from build_scripts.wizard import common as wizard_common
from build_scripts.wizard import scripts as wizard_scripts
from build_scripts.wizard import writing as wizard_writing
from build_scripts.wizard import zips as wizard_zips
from mkdocs.config.config_options import ExtraScriptValue

log = logging.getLogger("mkdocs.hooks.wizard")
_bundle: wizard_common.Bundle | None = None


def on_config(config):
    global _bundle
    _bundle = wizard_bundle.build_bundle()
    config.extra_javascript.append(ExtraScriptValue(_bundle.extra_javascript))  # the loader, a classic script
    config.extra_css.append(_bundle.extra_css)
    # 关怀模式 on every page: the inline head script (overrides/main.html) and the header's switch
    # (overrides/partials/palette.html), both from the wizard's sources (app/care.js, words.js).
    config.extra["gt_care"] = {"script": _bundle.care_script, "button": _bundle.care_button}
    return config


def on_post_page(output: str, page, config) -> str:
    if _bundle is None:
        return output
    if page.file.src_uri == "wizard/index.md":
        return wizard_scripts.add_page_parts(output, _bundle)
    if page.file.src_uri == "batch/index.md":
        return wizard_scripts.add_batch_parts(output, _bundle)
    if page.file.src_uri == "staff/check/index.md":
        return wizard_scripts.add_staff_parts(output, _bundle)
    return output


def on_post_build(config):
    if _bundle is None:
        return
    summary = wizard_writing.write_bundle(_bundle, config.site_dir)
    total = sum(summary["bytes"].values())
    log.info(
        "wizard: %d files precached for offline use (%.1f MB), cache %s",
        len(summary["shell"]) + len(summary["engine"]),
        total / 1e6,
        summary["shell_cache"],
    )


def on_serve(server, config, builder):
    for path in (wizard_common.SRC, wizard_zips.ENGINE_DIR, wizard_zips.TOOLS_DIR):  # the batch page ships guantong_tools/batch
        server.watch(str(path))
    return server
