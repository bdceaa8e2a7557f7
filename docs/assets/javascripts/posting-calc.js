// The posting-period calculator of the procedure page: "推荐结果须在单位公示不少于5个工作日" (2.5.1.3).
// The same count as guantong/workdays.py (posting_end), over the same calendar data
// (assets/data/calendar.json, generated from guantong/data/calendar.toml at build time); a browser test
// checks the two agree. Mounts on [data-gt-posting-calc], on first load and after instant navigation.
(function () {
  "use strict";
  var CALENDAR_URL = new URL("../data/calendar.json", document.currentScript.src).href;
  var calendar = null;

  function load() {
    if (!calendar) {
      calendar = fetch(CALENDAR_URL).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (c) {
        c.off = new Set(c.days_off);
        c.on = new Set(c.workdays);
        return c;
      });
      calendar.catch(function () { calendar = null; });
    }
    return calendar;
  }

  function iso(d) { return d.toISOString().slice(0, 10); }

  function isWorkday(c, d) {
    var key = iso(d), dow = d.getUTCDay();
    if (c.on.has(key)) return true;
    return dow !== 0 && dow !== 6 && !c.off.has(key);
  }

  // The n-th working day counting the start itself; null with a reason when a year is not covered.
  function postingEnd(c, start, n) {
    var d = new Date(start.getTime()), counted = 0;
    for (;;) {
      var y = d.getUTCFullYear();
      if (y < c.first_year || y > c.last_year) return { gap: y };
      if (isWorkday(c, d) && ++counted === n) return { end: d };
      d.setUTCDate(d.getUTCDate() + 1);
    }
  }

  function parse(text) {
    var m = /^\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*$/.exec(text || "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d : null;
  }

  function cn(d) { return d.getUTCFullYear() + "年" + (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日"; }

  function mount(root) {
    if (root.dataset.gtMounted) return;
    root.dataset.gtMounted = "1";
    var input = root.querySelector("input"), out = root.querySelector("output"), n = +root.dataset.workdays || 5;
    function update() {
      var start = parse(input.value);
      if (!input.value.trim()) { out.textContent = ""; return; }
      if (!start) { out.textContent = "请输入有效日期，如 2026-06-17。"; return; }
      load().then(function (c) {
        var r = postingEnd(c, start, n);
        out.textContent = r.gap
          ? "节假日安排只收录到 " + c.first_year + "–" + c.last_year + " 年，" + r.gap + " 年的放假和调休安排尚未收录，暂不能计算；请按国务院办公厅公布的当年节假日安排自行计算。"
          : "公示满 " + n + " 个工作日的最早日期：" + cn(r.end) + "（" + iso(r.end) + "，已扣除节假日、计入调休上班日）。";
        out.dataset.end = r.gap ? "" : iso(r.end);
      }, function () { out.textContent = "日历数据加载失败，请刷新页面后重试。"; });
    }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  }

  function mountAll() { document.querySelectorAll("[data-gt-posting-calc]").forEach(mount); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
