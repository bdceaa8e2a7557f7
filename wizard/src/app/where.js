// Where the page runs: inside an app's browser (WeChat, WeCom, QQ, DingTalk, Alipay), on iOS or Android,
// and what it can do there. Most links to a public service in China are opened inside WeChat: on iOS a
// WKWebView without service workers (and often without Cache Storage), on Android XWeb, which has no
// window.print; both refuse downloads. The wizard and the batch page ask here once and offer only what
// works (no 打印 where printing cannot, an image to keep instead of a file), and say once, calmly, what
// needs the system browser and how to open it (screens/guide.js).
//
// The apps are told by their user-agent tokens: the general parsers do not know them all (bowser lacks
// WeCom, QQ's in-app browser, DingTalk and Alipay) or are AGPL (ua-parser-js 2). Capabilities are tested.
import { missing } from "./support.js";

// Order matters: WeCom's user agent also carries MicroMessenger; QQ's in-app browser is "QQ/8.9…", not
// QQ浏览器's "MQQBrowser/".
const APPS = [
  ["wecom", /\bwxwork\//i],
  ["wechat", /\bMicroMessenger\//i],
  ["dingtalk", /\bDingTalk\//i],
  ["alipay", /\bAlipayClient\//i],
  ["qq", /(^|\s)QQ\/\d/],
];

/** {app, os} of a user-agent string: app one of APPS' ids or null (a browser of its own); os "ios",
 * "android" or "desktop". */
export function appOf(ua) {
  const text = String(ua || "");
  const found = APPS.find(([, pattern]) => pattern.test(text));
  const os =
    /\b(iPhone|iPad|iPod)\b/.test(text) || (/\bMacintosh\b/.test(text) && /\bMobile\//.test(text))
      ? "ios"
      : /\bAndroid\b/.test(text)
        ? "android"
        : "desktop";
  return { app: found ? found[0] : null, os };
}

/** What can be tested in this window (nothing is downloaded or changed). */
export function capabilities(win) {
  const nav = win.navigator || {};
  return {
    serviceWorker: Boolean(win.isSecureContext && nav.serviceWorker),
    cacheStorage: typeof win.caches === "object" && win.caches !== null,
    print: typeof win.print === "function",
    clipboard: Boolean(nav.clipboard && typeof nav.clipboard.writeText === "function"),
    webShare: typeof nav.share === "function",
    compression: typeof win.CompressionStream === "function" && typeof win.DecompressionStream === "function",
    canvas: typeof win.HTMLCanvasElement === "function",
  };
}

/** Everything the pages ask: the app, the OS, the capabilities, what the engine lacks here (`needs` from
 * the build: support.js), and what follows from them. */
export function where(win, needs) {
  const { app, os } = appOf(win.navigator?.userAgent);
  const caps = capabilities(win);
  const inApp = app !== null;
  const gaps = missing(win, needs);
  return {
    app,
    os,
    inApp,
    caps,
    missing: gaps,
    engine: gaps.length === 0,
    // An app's browser refuses downloads (blob: and <a download>) and has no working print (Android
    // WebView lacks window.print; WKWebView's does nothing unless the app handles it).
    print: caps.print && !inApp,
    download: !inApp,
    offline: caps.serviceWorker && caps.cacheStorage,
  };
}

let here = null;
/** This page's answer, asked once. */
export function whereHere(needs) {
  here ??= where(window, needs);
  return here;
}
