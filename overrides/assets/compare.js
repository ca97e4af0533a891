/* The compare page: two reports' statistics tables side by side, from their per-report JSON
   downloads. Everything from the files is inserted as text, never as markup. */
(function () {
  "use strict";
  var form = document.getElementById("nb-compare");
  if (!form) return;
  var root = new URL("..", document.currentScript.src);   // assets/ -> the site root
  var labels = JSON.parse(form.getAttribute("data-labels"));
  var status = document.getElementById("nb-cmp-status"), out = document.getElementById("nb-cmp-out");
  var ID = /^[1-8][0-9]{5}-[a-z0-9]+(?:-[a-z0-9]+)*-(?:19|20)[0-9]{2}$/;
  var WIDE = 3;  // rows with more columns than this are compared by their total (as on report pages)

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function idOf(text) {  // a report id, or a report page's address
    var t = String(text || "").trim(), m = t.match(/([1-8][0-9]{5}-[a-z0-9-]+-(?:19|20)[0-9]{2})(?:\.html)?\/?$/);
    t = m ? m[1] : t;
    return ID.test(t) ? t : null;
  }
  function load(id) {
    return fetch(new URL("data/reports/" + id + ".json", root)).then(function (r) {
      if (!r.ok) throw new Error("没有找到报告 " + id);
      return r.json();
    });
  }
  function cells(report, code) {  // "row|column" -> value (null: blank)
    var t = report.tables && report.tables[code], o = {};
    if (!t || t.status !== "table") return null;
    Object.keys(t.rows).forEach(function (row) {
      var list = t.rows[row], pick = list.length <= WIDE ? list : list.slice(-1);
      pick.forEach(function (c) { o[row + "|" + c.column] = c.value; });
    });
    return o;
  }
  function label(fmt, code, key) {
    var parts = key.split("|"), def = labels[fmt] && labels[fmt][code];
    var row = def && def.rows.filter(function (r) { return r[0] === parts[0]; })[0];
    if (!row) return key;
    var col = row[3].filter(function (c) { return c[0] === parts[1]; })[0];
    return row[1] + " " + row[2] + (row[3].length > 1 && col ? " × " + col[1] : "");
  }
  function num(v) { return v == null ? "空白" : String(v); }
  function render(a, b) {
    out.textContent = "";
    var names = [a, b].map(function (r) { return r.agency.name + " " + r.year + "年度"; });
    var codes = [];
    [a, b].forEach(function (r) { Object.keys(r.tables || {}).forEach(function (c) { if (codes.indexOf(c) < 0) codes.push(c); }); });
    var shown = 0;
    codes.forEach(function (code) {
      var ca = cells(a, code), cb = cells(b, code);
      if (!ca || !cb) return;
      var keys = Object.keys(ca).filter(function (k) { return k in cb; });
      if (!keys.length) return;
      shown++;
      var wrap = el("div", null, "nb-table-wrap"), table = el("table", null, "nb-list nb-compare");
      table.appendChild(el("caption", (a.tables[code] || b.tables[code]).title));
      var head = el("tr");
      ["项目", names[0], names[1], "增减"].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.appendChild(th); });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      keys.forEach(function (k) {
        var tr = el("tr"), th = el("th", label(a.tables[code].format, code, k));
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(el("td", num(ca[k]), "nb-num"));
        tr.appendChild(el("td", num(cb[k]), "nb-num"));
        var d = ca[k] == null || cb[k] == null ? null : Math.round((cb[k] - ca[k]) * 1e6) / 1e6;
        tr.appendChild(el("td", d == null ? "—" : (d > 0 ? "+" : "") + d, "nb-num" + (d > 0 ? " nb-up" : d < 0 ? " nb-down" : "")));
        body.appendChild(tr);
      });
      wrap.appendChild(table);
      out.appendChild(wrap);
    });
    status.textContent = shown ? "已并排列出 " + shown + " 张两份报告都有的统计表。" : "两份报告没有可以并排比较的统计表。";
  }
  function run() {
    var a = idOf(form.elements.a.value), b = idOf(form.elements.b.value);
    out.textContent = "";
    if (!a || !b) { status.textContent = "请填写两份报告的编号（如 510727-zfb-2024）或报告页的网址。"; return; }
    status.textContent = "正在读取……";
    Promise.all([load(a), load(b)]).then(function (both) { render(both[0], both[1]); })
      .catch(function (e) { status.textContent = e.message || "读取失败。"; });
  }
  var params = new URLSearchParams(location.search);
  form.elements.a.value = params.get("a") || "";
  form.elements.b.value = params.get("b") || "";
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var u = new URL(location.href);
    u.searchParams.set("a", form.elements.a.value.trim());
    u.searchParams.set("b", form.elements.b.value.trim());
    history.replaceState(null, "", u.href);
    run();
  });
  if (params.get("a") || params.get("b")) run();
})();
