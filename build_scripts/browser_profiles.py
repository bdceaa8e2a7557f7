"""Browsers the site must work in, as Playwright profiles for Debian's Chromium: the browser tests and the
benchmark drive the same ones.

``wechat``: WeChat's in-app browser as far as it can be told apart from Chromium (issue 21): its Android
user agent (XWeb), no service worker, no Cache Storage (in the page and in its workers, as in iOS
WeChat's WKWebView), no ``window.print`` (Android WebView) and downloads refused.

``too_old``: a browser without WebAssembly. ``no_streaming``: one whose streaming compilation is missing
(``WebAssembly.instantiateStreaming`` and ``compileStreaming``, as some Android WebViews fail them).

    context = browser.new_context(**wechat.context(viewport=...))
    wechat.apply(context)          # the init script, and the same lack inside the engine's worker
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# 关怀模式 on before the first paint, as the page keeps it (app/care.js): an init script for a profile.
CARE_ON = "try { localStorage.setItem('guantong-care:v1', 'on'); } catch (e) {}"

WECHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 12; V2049A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230202 MMWEBID/2585 "
    "MicroMessenger/8.0.33.2320(0x2800213D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
WORKER = re.compile(r"/wizard/assets/worker\.[0-9a-f]+\.mjs$")

NO_CACHES = "Object.defineProperty(self, 'caches', { value: undefined, configurable: true });"
NO_PRINT = "Object.defineProperty(window, 'print', { value: undefined, configurable: true });"
NO_WASM = "Object.defineProperty(self, 'WebAssembly', { value: undefined, configurable: true });"
NO_STREAMING = "delete WebAssembly.instantiateStreaming; delete WebAssembly.compileStreaming;"


@dataclass(frozen=True)
class Profile:
    name: str
    options: dict = field(default_factory=dict)  # browser.new_context options
    page: str = ""  # script run in every page before its own
    worker: str = ""  # prepended to the engine's worker script

    def context(self, **options) -> dict:
        return {**self.options, **options}

    def apply(self, context, *, worker: bool = True) -> None:
        """The page's script, and (``worker``) the worker's: routing a request turns Playwright's HTTP cache
        off for the whole context, so a measure of that cache passes ``worker=False`` (the page then tells
        the worker itself that there is no Cache Storage: engine.js's noCache)."""
        if self.page:
            context.add_init_script(self.page)
        if worker and self.worker:
            prefix = self.worker.encode()

            def patch(route):
                response = route.fetch()
                route.fulfill(response=response, body=prefix + b"\n" + response.body())

            context.route(WORKER, patch)


wechat = Profile(
    "wechat",
    {"user_agent": WECHAT_ANDROID, "service_workers": "block", "accept_downloads": False, "locale": "zh-CN"},
    page=NO_CACHES + NO_PRINT,
    worker=NO_CACHES,
)
too_old = Profile("too_old", {"locale": "zh-CN"}, page=NO_WASM)
no_streaming = Profile("no_streaming", {"locale": "zh-CN"}, worker=NO_STREAMING)
