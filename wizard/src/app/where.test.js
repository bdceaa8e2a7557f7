// Where the page runs (node --test): in-app browsers told from real user-agent strings, capabilities
// tested, and the engine's feature test (support.js) with the build's own list (issue 21).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { missing, moduleWorkers } from "./support.js";
import { appOf, capabilities, where } from "./where.js";

// User agents as these apps send them (from devices; versions vary, the tokens do not).
const AGENTS = [
  [
    "wechat",
    "android",
    "Mozilla/5.0 (Linux; Android 12; V2049A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230202 MMWEBID/2585 MicroMessenger/8.0.33.2320(0x2800213D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
  ],
  [
    "wechat",
    "android",
    "Mozilla/5.0 (Linux; Android 7.1.1; MI 6 Build/NMF26X; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.132 MQQBrowser/6.2 TBS/043807 Mobile Safari/537.36 MicroMessenger/6.6.1.1220(0x26060135) NetType/4G Language/zh_CN miniProgram",
  ],
  [
    "wechat",
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.33(0x18002129) NetType/WIFI Language/zh_CN",
  ],
  [
    "wechat",
    "desktop",
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x6309092b) XWEB/9129 Flue",
  ],
  [
    "wecom",
    "android",
    "Mozilla/5.0 (Linux; Android 10; HMA-AL00 Build/HUAWEIHMA-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/77.0.3865.120 MQQBrowser/6.2 TBS/045136 Mobile Safari/537.36 wxwork/3.0.31 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light",
  ],
  [
    "wecom",
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.0.6 MicroMessenger/7.0.1 Language/zh ColorScheme/Light",
  ],
  [
    "qq",
    "android",
    "Mozilla/5.0 (Linux; Android 10; MI 8 Build/QKQ1.190828.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/83.0.4103.101 Mobile Safari/537.36 V1_AND_SQ_8.8.50_2324_YYB_D A_8085000 QQ/8.8.50.6735 NetType/WIFI WebP/0.3.0 Pixel/1080 StatusBarHeight/80 SimpleUISwitch/0 QQTheme/1000 InMagicWin/0 StudyMode/0 CurrentMode/0 CurrentFontScale/1.0 GlobalDensityScale/0.9818182 AppId/537112567",
  ],
  [
    "qq",
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.8.38.617 V1_IPH_SQ_8.8.38_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/0 StudyMode/0 CurrentMode/0 CurrentFontScale/1.000000 QQTheme/1000 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1",
  ],
  [
    "dingtalk",
    "android",
    "Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.1.161 Mobile Safari/537.36 AliApp(DingTalk/6.3.5) com.alibaba.android.rimet/23280004 Channel/700159 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light",
  ],
  [
    "dingtalk",
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/6.3.10) com.laiwang.DingTalk/22366017 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK",
  ],
  [
    "alipay",
    "android",
    "Mozilla/5.0 (Linux; U; Android 9; zh-CN; HLK-AL00 Build/HONORHLK-AL00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.21.0.73 Mobile Safari/537.36 UCBS/3.21.0.73_191212221923 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:360|0|3.0) AliApp(AP/10.1.82.9020) AlipayClient/10.1.82.9020 Language/zh-Hans useStatusBar/true isConcaveScreen/false Region/CN",
  ],
  [
    "alipay",
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.2.76.6000) Nebula WK RVKType(1) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.2.76.6000 Language/zh-Hans Region/CN NebulaX/1.0.0",
  ],
  // Browsers of their own: not in an app.
  [
    null,
    "android",
    "Mozilla/5.0 (Linux; U; Android 10; zh-cn; MI 8 Build/QKQ1.190828.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/11.9 Mobile Safari/537.36 COVC/045730",
  ],
  [null, "android", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Mobile Safari/537.36"],
  [
    null,
    "android",
    "Mozilla/5.0 (Linux; Android 12; NOH-AN00; HMSCore 6.11.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.2.311 Mobile Safari/537.36",
  ],
  [
    null,
    "ios",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  ],
  [null, "desktop", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"],
  [
    null,
    "desktop",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  ],
];

test("in-app browsers and their OS, from real user agents", () => {
  for (const [app, os, ua] of AGENTS) assert.deepEqual(appOf(ua), { app, os }, ua);
  assert.deepEqual(appOf(undefined), { app: null, os: "desktop" });
});

// The build's list: what pyodide.asm.wasm uses, with wasm-feature-detect's test modules.
const needs = JSON.parse(
  execFileSync(
    process.env.GUANTONG_PYTHON || "python3",
    ["-c", "import json; from build_scripts.wizard import pyodide_files; print(json.dumps(pyodide_files.engine_needs()))"],
    {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      encoding: "utf-8",
    },
  ),
);

class FakeWorker {
  constructor(url, options) {
    void options?.type; // a browser that knows module workers reads the option
    throw new SyntaxError(`bad URL ${url}`);
  }
}

const env = (patch = {}) => ({ WebAssembly, BigInt64Array, BigInt, TextDecoder, Worker: FakeWorker, ...patch });

test("the build lists the engine's WebAssembly features, each with a test module that passes here", () => {
  const names = needs.map((n) => n[0]);
  for (const name of ["bigInt", "exceptions"]) assert.ok(names.includes(name), `${name} in ${names}`);
  for (const [name, how, bytes] of needs) {
    assert.ok(["validate", "module", "instantiate"].includes(how), name);
    assert.ok(Buffer.from(bytes, "base64").subarray(0, 4).equals(Buffer.from("\0asm")), name);
  }
  assert.deepEqual(missing(env(), needs), []);
});

test("what is missing is named, and nothing is downloaded to find out", () => {
  assert.deepEqual(missing(env({ WebAssembly: undefined }), needs), ["webAssembly"]);
  assert.deepEqual(missing(env({ BigInt64Array: undefined }), needs), ["bigInt64Array"]);
  class OldWorker {
    constructor() {
      throw new SyntaxError("bad URL"); // never reads options.type
    }
  }
  assert.equal(moduleWorkers(env({ Worker: OldWorker })), false);
  assert.deepEqual(missing(env({ Worker: OldWorker }), needs), ["moduleWorker"]);
  assert.deepEqual(missing(env({ Worker: undefined }), needs), ["moduleWorker"]);
  // A WebAssembly that validates nothing new: every listed feature is missing, by name.
  const old = {
    ...WebAssembly,
    validate: () => false,
    Module: () => {
      throw new Error("no");
    },
    instantiate: WebAssembly.instantiate,
  };
  assert.deepEqual(
    missing(env({ WebAssembly: old }), needs),
    needs.map((n) => n[0]),
  );
});

test("capabilities and what follows from them", () => {
  const win = (ua, patch = {}) => ({
    navigator: { userAgent: ua, serviceWorker: {}, clipboard: { writeText() {} } },
    isSecureContext: true,
    caches: {},
    print() {},
    HTMLCanvasElement: () => {},
    ...env(),
    ...patch,
  });
  const chrome = where(win(AGENTS.at(-4)[2]), needs);
  assert.deepEqual([chrome.inApp, chrome.print, chrome.download, chrome.offline, chrome.engine], [false, true, true, true, true]);
  const wechat = where(win(AGENTS[0][2], { caches: undefined, print: undefined, navigator: { userAgent: AGENTS[0][2] } }), needs);
  assert.deepEqual(
    [wechat.app, wechat.inApp, wechat.print, wechat.download, wechat.offline, wechat.engine],
    ["wechat", true, false, false, false, true],
  );
  assert.equal(capabilities(win("", { isSecureContext: false })).serviceWorker, false);
  // An app's browser with window.print still offers no printing (it does nothing there).
  assert.equal(where(win(AGENTS[2][2]), needs).print, false);
});
