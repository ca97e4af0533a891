/* Nianbao site scripts: charts (vendored ECharts, loaded only where a chart is) and the
   Pagefind search page. Text from the index is inserted as text, never as markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  var assets = new URL(".", script.src);            // .../assets/
  var siteRoot = new URL("..", assets);             // the site root, wherever it is hosted

  // Words on nearly every report page, most frequent first. Pagefind loads a word's whole
  // posting list; for these it is several hundred KB at 10,000 reports. When a query has
  // other words too, these are left to the exact-phrase ranking below instead.
  var COMMON = ["公开", "政府", "信息", "工作", "年度", "报告", "情况", "申请", "主动", "推进", "加强", "建设", "政务"];
  function pruneQuery(term) {
    if (!term || !(window.Intl && Intl.Segmenter)) return term;
    var words = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(term))
      .filter(function (s) { return s.isWordLike; }).map(function (s) { return s.segment; });
    if (words.length < 2) return term;
    var kept = words.filter(function (w) { return COMMON.indexOf(w) < 0; });
    // Nothing to drop: pass the term as typed (Pagefind 1.4 segments it the way it indexed).
    if (kept.length === words.length) return term;
    if (!kept.length) {  // only common words: the rarest of them
      kept = [words.slice().sort(function (a, b) { return COMMON.indexOf(b) - COMMON.indexOf(a); })[0]];
    }
    return kept.join(" ");
  }
  var SHOWN = 10;  // results loaded per query: each costs one fragment download
  var PALETTE = ["#2f6f4e", "#7fb08f", "#b42318", "#d98b3a", "#8c7b6b", "#4f6d8f"];

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function chartOption(d) {
    var font = { fontFamily: "Noto Sans CJK SC, sans-serif" };
    var base = {
      textStyle: font, color: PALETTE, animation: false,
      title: { text: d.title, left: 0, textStyle: { fontSize: 14, fontWeight: 600, color: "#2b2118" } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 56, right: 20, top: 64, bottom: 50 },
      // A year with no report says so on the axis, rather than looking like a year of zeros.
      xAxis: { type: "category", data: d.years.map(function (y) {
        return (d.empty || []).indexOf(y) >= 0 ? y + "\n无报告" : y;
      }) }
    };
    var behind = d.reports || [];
    base.tooltip.formatter = function (items) {
      var i = items.length ? items[0].dataIndex : 0;
      var lines = [d.years[i] + "（所据报告 " + (behind[i] == null ? "—" : behind[i]) + " 份）"];
      items.forEach(function (it) {
        var v = it.value == null ? "—" : (d.kind === "shares" ? Number(it.value).toFixed(1) + "%" : it.value);
        lines.push(it.marker + it.seriesName + "：" + v);
      });
      return lines.join("<br>");
    };
    if (d.kind === "shares") {
      var totals = d.years.map(function (_, i) {
        return d.series.reduce(function (s, x) { return s + (x.data[i] || 0); }, 0);
      });
      base.yAxis = { type: "value", max: 100, axisLabel: { formatter: "{value}%" } };
      // Shares over too few requests are not shown: one refusal of one request is not 100 %.
      var enough = function (i) { return totals[i] && totals[i] >= (d.min_share || 1); };
      base.series = d.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "share", barMaxWidth: 36,
                 data: s.data.map(function (v, i) { return enough(i) ? (100 * (v || 0) / totals[i]) : null; }) };
      });
    } else {
      base.yAxis = { type: "value", name: "件" };
      base.series = d.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "outcome", barMaxWidth: 36, data: s.data };
      }).concat([{ name: "本年新收申请", type: "line", data: d.new, color: "#2b2118", symbolSize: 6 }]);
    }
    return base;
  }

  function drawCharts() {
    var nodes = document.querySelectorAll(".nb-chart[data-chart]");
    if (!nodes.length) return;
    loadScript(new URL("vendor/echarts.min.js", assets).href).then(function () {
      nodes.forEach(function (el) {
        var chart = window.echarts.init(el, null, { renderer: "canvas" });
        chart.setOption(chartOption(JSON.parse(el.getAttribute("data-chart"))));
        el.setAttribute("data-drawn", "1");
        window.addEventListener("resize", function () { chart.resize(); });
      });
    });
  }

  // Pagefind excerpts are escaped text with <mark>; rebuild them from text to be sure.
  function excerptNode(html) {
    var p = document.createElement("p");
    p.className = "nb-excerpt";
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var inMark = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { inMark = true; return; }
      if (part === "</mark>") { inMark = false; return; }
      var t = document.createElement("textarea");
      t.innerHTML = part.replace(/<[^>]*>/g, "");   // decode entities only
      var text = document.createTextNode(t.value);
      if (inMark) { var m = document.createElement("mark"); m.appendChild(text); p.appendChild(m); }
      else p.appendChild(text);
    });
    return p;
  }

  function searchPage() {
    var box = document.getElementById("nb-search");
    if (!box) return;
    var form = box.querySelector("form"), q = document.getElementById("nb-q");
    var status = document.getElementById("nb-status"), list = document.getElementById("nb-results");
    var selects = { province: document.getElementById("nb-f-province"), year: document.getElementById("nb-f-year"),
                    level: document.getElementById("nb-f-level") };
    var params = new URLSearchParams(location.search);
    q.value = params.get("q") || "";
    var header = document.querySelector(".nb-search-input");
    if (header) header.value = q.value;
    var pagefindUrl = new URL("pagefind/pagefind.js", siteRoot).href;
    import(pagefindUrl).then(function (pagefind) {
      pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 40 });
      pagefind.init();
      Object.keys(selects).forEach(function (key) {
        if (params.get(key)) selects[key].value = params.get(key);
      });
      run();
      function run() {
        var term = q.value.trim();
        var filters = {};
        Object.keys(selects).forEach(function (k) { if (selects[k].value) filters[k] = selects[k].value; });
        list.textContent = "";
        if (!term && !Object.keys(filters).length) { status.textContent = "请输入关键词。"; return; }
        status.textContent = "正在搜索……";
        pagefind.search(pruneQuery(term) || null, { filters: filters }).then(function (res) {
          status.textContent = "找到 " + res.results.length + " 个结果" + (res.results.length > SHOWN ? "，显示前 " + SHOWN + " 个" : "") + "。";
          return Promise.all(res.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
        }).then(function (items) {
          // Pagefind matches Chinese by segments; pages holding the exact phrase come first.
          items = (items || []).map(function (it, i) { return { it: it, i: i, exact: term && (it.content || "").indexOf(term) >= 0 }; })
            .sort(function (a, b) { return (b.exact - a.exact) || (a.i - b.i); })
            .map(function (x) { return x.it; });
          items.forEach(function (it) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.className = "nb-result-title";
            a.href = it.url;
            a.textContent = (it.meta && it.meta.title) || it.url;
            li.appendChild(a);
            li.appendChild(excerptNode(it.excerpt || ""));
            list.appendChild(li);
          });
        });
      }
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var u = new URL(location.href);
        u.searchParams.set("q", q.value);
        Object.keys(selects).forEach(function (k) {
          if (selects[k].value) u.searchParams.set(k, selects[k].value); else u.searchParams.delete(k);
        });
        history.replaceState(null, "", u.href);
        run();
      });
      Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", run); });
    }).catch(function () { status.textContent = "搜索索引未能加载。"; });
  }

  function start() { drawCharts(); searchPage(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
