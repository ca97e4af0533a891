/* 核对总览 (explorer.md): every report a row, filtered, sorted and downloaded in the browser.
   Data: explorer/index.json (the manifest) and the shards it lists, a national one per year and
   one per year × province; the format is described in src/nianbao/publish/explorer.py. The view lives in the query string
   (src/nianbao/render/explorer_link.py). Text from the data is inserted as text, never as markup. */
(function () {
  "use strict";
  var root = document.getElementById("nb-explorer");
  if (!root) return;

  var FILTERS = ["region", "level", "kind", "year", "rule", "severity", "late", "copied", "table", "sort", "dir"];
  var CHOICES = { late: ["late", "ontime", "unknown"], copied: ["1", "0"], table: ["missing", "image", "lacking"],
                  dir: ["asc", "desc"] };
  var DEFAULT_SORT = "region";
  var STEP = parseInt(root.getAttribute("data-shown"), 10) || 50;
  var indexUrl = new URL(root.getAttribute("data-index"), location.href);
  var siteRoot = new URL(root.getAttribute("data-root") + "/", location.href);
  var $ = function (id) { return document.getElementById(id); };
  var status = $("nb-x-status"), note = $("nb-x-note"), table = $("nb-x-rows"), more = $("nb-x-more");
  var csvButton = $("nb-x-csv"), form = $("nb-x-form");
  var tbody = table.querySelector("tbody");
  var regionSelects = [0, 1, 2].map(function (i) { return $("nb-x-r" + i); });
  var selects = {};
  Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (s) {
    selects[s.getAttribute("data-filter")] = s;
  });
  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-key]"));
  var KEYS = heads.map(function (th) { return th.getAttribute("data-key"); });

  var M = null, manifestBytes = 0, tree = null, ruleIndex = {}, copyRule = -1;
  var cache = {};            // shard file -> promise of {data, rows} (rows decoded when first used)
  var view = {};             // the parsed query string
  var loadedKey = "", loaded = [], sortedRows = [], sortedKey = "", matched = [], limit = STEP;
  var seq = 0;               // the latest view asked for; older loads are dropped

  // ---- dates: day numbers (days since 1970-01-01, UTC) ------------------------------------------
  function dayOf(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000; }
  function isoOf(day) { return day === null ? "" : new Date(day * 86400000).toISOString().slice(0, 10); }
  function pad6(n) { var s = String(n); while (s.length < 6) s = "0" + s; return s; }
  function fmt(n) { return n.toLocaleString("zh-CN"); }

  // ---- the division tree ------------------------------------------------------------------------
  function buildTree(r) {
    var t = { codes: [], names: r.n, parent: [], level: r.l, index: {}, children: [], top: [] };
    var code = 0;
    r.c.forEach(function (step, i) {
      code += step;
      var c = pad6(code);
      t.codes.push(c);
      t.index[c] = i;
      t.children.push([]);
      t.parent.push(r.u[i] ? i - r.u[i] : -1);
    });
    t.parent.forEach(function (p, i) { if (p >= 0) t.children[p].push(i); else t.top.push(i); });
    return t;
  }
  function chain(i) { var out = []; while (i >= 0) { out.unshift(i); i = tree.parent[i]; } return out; }
  var chainCache = {};
  function regionChain(code) {
    if (!(code in chainCache)) chainCache[code] = code in tree.index ? chain(tree.index[code]) : [];
    return chainCache[code];
  }
  function regionName(code) { return code in tree.index ? tree.names[tree.index[code]] : code; }
  function under(code) {  // division codes at or below a region
    var target = tree.index[code], set = {};
    tree.codes.forEach(function (c, i) {
      for (var j = i; j >= 0; j = tree.parent[j]) if (j === target) { set[c] = true; break; }
    });
    return set;
  }

  // ---- shards -----------------------------------------------------------------------------------
  function sparse(flat) {
    var out = [], i = 0;
    for (var j = 0; j < flat.length; j += 2) { i += flat[j]; out[i] = flat[j + 1]; }
    return out;
  }
  // A report's row. Strings only some rows ever need (id, names) are made when first asked for.
  var NONE = [];
  function Row(shard, code, dn, agency) {
    this.shard = shard; this.div = code; this.dn = dn; this.a = agency;
    this.lv = 0; this.kd = 0; this.y = shard.y; this.dl = 0; this.pub = null; this.dat = null;
    this.late = null; this.byDated = false; this.e = 0; this.w = 0; this.i = 0; this.ack = 0; this.sev = 0;
    this.groups = NONE; this.rules = null; this.t = 0; this.c = null; this.o = 0; this._name = null;
  }
  Object.defineProperties(Row.prototype, {
    slug: { get: function () { return this.shard.s[this.shard.A[2 * this.a]]; } },
    agency: { get: function () { return this.div + "-" + this.slug; } },
    id: { get: function () { return this.agency + "-" + this.y; } },
    name: { get: function () {
      if (this._name === null) {
        var nm = this.shard.A[2 * this.a + 1];
        this._name = (nm & 1 ? regionName(this.div) : "") + this.shard.s[nm >> 1];
      }
      return this._name;
    } }
  });
  function decode(d) {
    var rows = new Array(d.n), div = -1, code = "", i = 0, found = [];
    d.F.forEach(function (e) { i += e[0]; found[i] = e; });
    var late = sparse(d.L), lacking = sparse(d.T), copy = sparse(d.C);
    var deadlines = d.D.map(dayOf), shard = { y: d.y, s: d.s, A: d.A };
    for (var r = 0, dn = 0; r < d.n; r++) {
      dn += d.d[r];
      if (dn !== div) { div = dn; code = pad6(dn); }
      var k = d.k[r], row = new Row(shard, code, dn, d.a[r]);
      row.lv = d.K[2 * k];
      row.kd = d.K[2 * k + 1];
      var dl = row.dl = deadlines[row.kd], p = d.P[r], q = d.Q[r], lt = late[r];
      if (p !== null) row.pub = dl + p;
      if (q !== null) row.dat = dl + q + (p || 0);
      if (lt === undefined) row.late = 0;
      else if (lt !== -1) { row.late = lt >> 1; row.byDated = (lt & 1) === 1; }
      if (lacking[r] !== undefined) row.t = lacking[r];
      if (copy[r] !== undefined) row.c = copy[r];
      var g = found[r];
      if (g) {
        row.groups = [];
        for (var j = 1; j < g.length; j += 2) {
          var c = g[j], n = g[j + 1], sev = (c & 7) >> 1, ack = c & 1;
          row.groups.push([c >> 3, sev, ack, n]);
          row.sev |= 1 << sev;
          if (sev === 0) row.e += n; else if (sev === 1) row.w += n; else row.i += n;
          if (ack) row.ack += n;
        }
        row.rules = row.groups.map(groupText).join(" ");
      }
      rows[r] = row;
    }
    return rows;
  }
  function groupText(g) { return M.rules[g[0]][0] + (g[3] > 1 ? "×" + g[3] : "") + (g[2] ? "（已确认）" : ""); }
  function shardFile(s) { return s[0] + (s[1] ? "-" + s[1] : "") + ".json"; }
  function fetchShard(s) {  // the shard's JSON; decoded once, when first used (rowsOf)
    var file = shardFile(s);
    if (!cache[file]) {
      cache[file] = fetch(new URL(file + "?h=" + s[4], indexUrl).href).then(function (r) {
        if (!r.ok) throw new Error(file);
        return r.json();
      }).then(function (data) { return { data: data, rows: null }; }, function (err) { delete cache[file]; throw err; });
    }
    return cache[file];
  }
  function rowsOf(entry) {
    if (!entry.rows) { entry.rows = decode(entry.data); entry.data = null; }
    return entry.rows;
  }

  // ---- the view in the query string -------------------------------------------------------------
  function parse(search) {
    var params = new URLSearchParams(search), out = {}, ignored = false;
    FILTERS.forEach(function (key) {
      var v = params.get(key);
      if (v === null || v === "") return;
      if (valid(key, v)) out[key] = v; else ignored = true;
    });
    return { view: out, ignored: ignored };
  }
  function valid(key, v) {
    switch (key) {
      case "region": return Object.prototype.hasOwnProperty.call(tree.index, v);
      case "level": return M.levels.indexOf(v) >= 0;
      case "kind": return M.kinds.indexOf(v) >= 0;
      case "year": return M.years.indexOf(+v) >= 0 && /^\d{4}$/.test(v);
      case "rule": return v.split(",").every(function (id) { return Object.prototype.hasOwnProperty.call(ruleIndex, id); });
      case "severity": return M.severities.indexOf(v) >= 0;
      case "sort": return KEYS.indexOf(v) >= 0;
      default: return (CHOICES[key] || []).indexOf(v) >= 0;
    }
  }
  function query(v) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (key) { if (v[key]) params.set(key, v[key]); });
    return params.toString();
  }
  function writeUrl() {
    var q = query(view);
    history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
  }

  // ---- controls ---------------------------------------------------------------------------------
  function option(select, value, text, title) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    if (title) o.title = title;
    select.appendChild(o);
  }
  function fillControls() {
    M.years.slice().reverse().forEach(function (y) { option(selects.year, String(y), y + "年度"); });
    M.rules.forEach(function (r) { option(selects.rule, r[0], r[0] + " " + r[1], r[1]); });
    tree.top.forEach(function (i) { option(regionSelects[0], tree.codes[i], tree.names[i]); });
  }
  var shownRegion = null;
  function showRegion(code) {
    if (code === shownRegion) return;
    shownRegion = code;
    var path = code ? regionChain(code) : [];
    regionSelects.forEach(function (select, depth) {
      if (depth > 0) {
        while (select.options.length > 1) select.remove(1);
        var above = path[depth - 1];
        var kids = above === undefined ? [] : tree.children[above];
        kids.forEach(function (i) { option(select, tree.codes[i], tree.names[i]); });
        select.disabled = !kids.length;
      }
      select.value = path[depth] === undefined ? "" : tree.codes[path[depth]];
    });
  }
  function showView() {
    showRegion(view.region);
    Object.keys(selects).forEach(function (key) { selects[key].value = view[key] || ""; });
    var key = view.sort || DEFAULT_SORT, dir = view.dir || "asc";
    heads.forEach(function (th) {
      var on = th.getAttribute("data-key") === key;
      if (on) th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
      th.querySelector(".nb-x-arrow").textContent = on ? (dir === "asc" ? " ▲" : " ▼") : "";
    });
  }
  function readControls() {
    var v = {};
    Object.keys(selects).forEach(function (key) { if (selects[key].value) v[key] = selects[key].value; });
    for (var d = regionSelects.length - 1; d >= 0; d--) {
      if (regionSelects[d].value) { v.region = regionSelects[d].value; break; }
    }
    if (view.sort) v.sort = view.sort;
    if (view.dir) v.dir = view.dir;
    return v;
  }

  // ---- filtering and sorting --------------------------------------------------------------------
  function predicate(v) {
    var regions = v.region ? under(v.region) : null;
    var level = v.level ? M.levels.indexOf(v.level) : -1, kind = v.kind ? M.kinds.indexOf(v.kind) : -1;
    // rule: one rule id, or several separated by commas (any of them: the league's 表内计算有误)
    var year = v.year ? +v.year : 0, rules = v.rule ? v.rule.split(",").map(function (id) { return ruleIndex[id]; }) : null;
    var sev = v.severity ? 1 << M.severities.indexOf(v.severity) : 0;
    var tables = 0;
    if (v.table) {
      for (var b = 0; b < 2 * M.tables.length; b++) {
        var st = M.statuses[b % 2];
        if (v.table === "lacking" || v.table === st) tables |= 1 << b;
      }
    }
    return function (r) {
      if (regions && !regions[r.div]) return false;
      if (level >= 0 && r.lv !== level) return false;
      if (kind >= 0 && r.kd !== kind) return false;
      if (year && r.y !== year) return false;
      if (sev && !(r.sev & sev)) return false;
      if (tables && !(r.t & tables)) return false;
      if (v.late && (v.late === "unknown" ? r.late !== null : r.late === null || (v.late === "late") !== (r.late > 0))) return false;
      if (rules || v.copied) {
        var has = false, copied = false;
        for (var j = 0; j < r.groups.length; j++) {
          if (rules && rules.indexOf(r.groups[j][0]) >= 0) has = true;
          if (r.groups[j][0] === copyRule) copied = true;
        }
        if (rules && !has) return false;
        if (v.copied && (v.copied === "1") !== copied) return false;
      }
      return true;
    };
  }
  function bits(n) { var c = 0; while (n) { c += n & 1; n >>= 1; } return c; }
  var VALUE = {
    region: function (r) { return r.dn; }, agency: function (r) { return r.name; },
    level: function (r) { return r.lv; }, kind: function (r) { return r.kd; }, year: function (r) { return r.y; },
    published: function (r) { return r.pub; }, dated: function (r) { return r.dat; },
    deadline: function (r) { return r.dl; }, late: function (r) { return r.late; },
    errors: function (r) { return r.e; }, warnings: function (r) { return r.w; }, infos: function (r) { return r.i; },
    rules: function (r) { return r.rules; }, tables: function (r) { return bits(r.t); },
    copy: function (r) { return r.c; }
  };
  function sortRows(rows, key, dir) {
    var get = VALUE[key] || VALUE[DEFAULT_SORT], sign = dir === "desc" ? -1 : 1;
    var keyed = rows.map(function (r) { return [get(r), r]; });
    keyed.sort(function (a, b) {  // unknown values last either way; ties in report order
      var x = a[0], y = b[0];
      if (x === y) return a[1].o - b[1].o;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -sign : sign;
    });
    return keyed.map(function (k) { return k[1]; });
  }

  // ---- what a view loads --------------------------------------------------------------------------
  function shardsFor(v) {  // a national view: each year's national shard; a region: its provinces'
    var provinces = { "": true };
    if (v.region) {
      provinces = {};
      Object.keys(under(v.region)).forEach(function (c) { provinces[c.slice(0, 2)] = true; });
    }
    var chosen = M.shards.filter(function (s) {
      return (!v.year || s[0] === +v.year) && provinces[s[1]] === true;
    });
    // In report order as far as shards go (province, then year): ties of any sort keep it.
    chosen.sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]; });
    var bytes = chosen.reduce(function (n, s) { return n + s[3]; }, manifestBytes);
    var narrowed = null;
    if (!v.year && bytes > M.budget && chosen.length) {
      // Too much for one view: the latest year with reports, said so in the note.
      narrowed = Math.max.apply(null, chosen.map(function (s) { return s[0]; }));
      chosen = chosen.filter(function (s) { return s[0] === narrowed; });
    }
    return { shards: chosen, narrowed: narrowed };
  }

  // ---- rendering ----------------------------------------------------------------------------------
  function link(href, text, title) {
    var a = document.createElement("a");
    a.href = new URL(href, siteRoot).href;
    a.textContent = text;
    if (title) a.title = title;
    return a;
  }
  function lateText(r) {
    if (r.late === null) return "日期不详";
    return (r.late ? "逾期 " + r.late + " 天" : "按期") + (r.byDated ? "（按落款日期）" : "");
  }
  function tablesText(r) {
    var out = [];
    M.tables.forEach(function (t, i) {
      if (r.t >> (2 * i) & 1) out.push(t[1] + "缺表");
      if (r.t >> (2 * i + 1) & 1) out.push(t[1] + "只有图片");
    });
    return out.join("、");
  }
  function copyText(r) { return r.c === null ? "" : String(r.c); }
  function cell(tr, content, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    if (typeof content === "string") td.textContent = content; else if (content) td.appendChild(content);
    tr.appendChild(td);
    return td;
  }
  function rowElement(r) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-id", r.id);
    cell(tr, link("regions/" + r.div + ".html", regionChain(r.div).map(function (i) { return tree.names[i]; }).join(" ")));
    cell(tr, link("reports/" + r.id + ".html", r.name));
    cell(tr, M.levels[r.lv] || "—");
    cell(tr, M.kinds[r.kd] || "—");
    cell(tr, String(r.y), "nb-num");
    cell(tr, isoOf(r.pub) || "—", "nb-x-date");
    cell(tr, isoOf(r.dat) || "—", "nb-x-date");
    cell(tr, isoOf(r.dl), "nb-x-date");
    cell(tr, lateText(r), r.late ? "nb-x-late" : r.late === null ? "nb-x-unknown" : "");
    cell(tr, String(r.e), r.e ? "nb-num nb-x-error" : "nb-num nb-x-zero");
    cell(tr, String(r.w), r.w ? "nb-num nb-x-warning" : "nb-num nb-x-zero");
    cell(tr, String(r.i), r.i ? "nb-num" : "nb-num nb-x-zero");
    var rules = cell(tr, "", "nb-x-rules");
    r.groups.forEach(function (g, j) {
      if (j) rules.appendChild(document.createTextNode(" "));
      var rule = M.rules[g[0]];
      rules.appendChild(link("about/rules.html#" + encodeURIComponent(rule[0]), rule[0], rule[1]));
      var rest = groupText(g).slice(rule[0].length);
      if (rest) rules.appendChild(document.createTextNode(rest));
    });
    cell(tr, tablesText(r));
    cell(tr, copyText(r), "nb-num");
    return tr;
  }
  function render() {
    var frag = document.createDocumentFragment();
    var n = Math.min(limit, matched.length);
    for (var j = 0; j < n; j++) frag.appendChild(rowElement(matched[j]));
    tbody.textContent = "";
    tbody.appendChild(frag);
    var rest = matched.length - n;
    more.hidden = rest <= 0;
    if (rest > 0) more.textContent = "显示更多（还有 " + fmt(rest) + " 份）";
    status.textContent = matched.length
      ? "共 " + fmt(matched.length) + " 份报告符合条件" + (rest > 0 ? "，显示前 " + fmt(n) + " 份" : "") + "。"
      : "没有符合条件的报告。";
    csvButton.disabled = !matched.length;
  }

  // ---- applying a view ------------------------------------------------------------------------------
  function apply(ignored) {
    var mine = ++seq, started = performance.now();
    var plan = shardsFor(view);
    if (plan.narrowed) view.year = String(plan.narrowed);
    showView();
    writeUrl();
    var notes = [];
    if (ignored) notes.push("网址中有无法识别的筛选条件，已忽略。");
    if (plan.narrowed) notes.push((view.region ? "所选地区" : "全国") + "全部年度的数据较多，先显示" + plan.narrowed +
                                  "年度；可以改选其他年度" + (view.region ? "。" : "，或选择省级行政区后查看全部年度。"));
    note.textContent = notes.join("");
    note.hidden = !notes.length;
    var key = plan.shards.map(shardFile).join(",");
    root.setAttribute("data-state", "loading");
    if (key !== loadedKey) status.textContent = "正在加载数据……";
    var asked = performance.now();
    var ready = key === loadedKey ? Promise.resolve(null) : Promise.all(plan.shards.map(fetchShard));
    return ready.then(function (parts) {
      if (mine !== seq) return;
      var arrived = performance.now();
      if (parts) {
        loaded = [].concat.apply([], parts.map(rowsOf));
        loaded.forEach(function (r, i) { r.o = i; });
        loadedKey = key;
        sortedKey = "";
      }
      var sort = (view.sort || DEFAULT_SORT) + " " + (view.dir || "asc");
      if (sort !== sortedKey) {
        sortedRows = sortRows(loaded, view.sort || DEFAULT_SORT, view.dir || "asc");
        sortedKey = sort;
      }
      matched = sortedRows.filter(predicate(view));
      limit = STEP;
      render();
      root.setAttribute("data-view", query(view));
      root.setAttribute("data-state", "ready");
      var now = performance.now();  // for bench/bench_explorer.py: the work, and the wait for the shards
      root.dispatchEvent(new CustomEvent("nb-explorer-view", { detail: { rows: matched.length, ms: now - started,
                                                                         waited: parts ? arrived - asked : 0 } }));
    }, function () {
      if (mine !== seq) return;
      status.textContent = "数据未能加载，请检查网络后刷新页面重试。";
      root.setAttribute("data-state", "error");
    });
  }

  // ---- CSV of the whole view ---------------------------------------------------------------------
  var FORMULA = /^[=+\-@\t\r]/;
  function csvCell(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return String(v);
    var s = String(v);
    // Text that a spreadsheet would run as a formula gets a leading apostrophe (house rule,
    // src/nianbao/publish/writers.py), unless it is a plain number.
    if (s.length > 1 && FORMULA.test(s) && !isFinite(Number(s))) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  var CSV_HEAD = ["报告编号", "省级", "地级", "县级", "行政区划代码", "机构", "机构编号", "层级", "类别", "年度",
                  "发布日期", "落款日期", "发布期限", "逾期天数", "逾期天数所据日期", "错误", "警告", "提示",
                  "其中已确认原文如此", "核对规则", "统计表", "雷同度"];
  function csvRow(r) {
    var places = ["", "", ""];
    regionChain(r.div).forEach(function (i) { places[tree.level[i]] = tree.names[i]; });
    return [r.id, places[0], places[1], places[2], r.div, r.name, r.agency, M.levels[r.lv] || "", M.kinds[r.kd] || "",
            r.y, isoOf(r.pub), isoOf(r.dat), isoOf(r.dl), r.late, r.late === null ? "" : r.byDated ? "落款日期" : "发布日期",
            r.e, r.w, r.i, r.ack, r.rules || "", tablesText(r), r.c];
  }
  function download() {
    var lines = [CSV_HEAD.map(csvCell).join(",")];
    matched.forEach(function (r) { lines.push(csvRow(r).map(csvCell).join(",")); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "核对总览" + (view.year ? "-" + view.year : "") + ".csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  }

  // ---- start ------------------------------------------------------------------------------------
  function start(text) {
    M = JSON.parse(text);
    manifestBytes = new TextEncoder().encode(text).length;
    tree = buildTree(M.regions);
    M.rules.forEach(function (r, i) { ruleIndex[r[0]] = i; });
    copyRule = M.copy in ruleIndex ? ruleIndex[M.copy] : -1;
    fillControls();
    var parsed = parse(location.search);
    view = parsed.view;
    root.querySelector(".nb-x-ui").hidden = false;
    form.addEventListener("change", function (e) {
      var depth = e.target.getAttribute("data-depth");
      if (depth !== null) {  // a region: clear the levels below it
        for (var d = +depth + 1; d < regionSelects.length; d++) regionSelects[d].value = "";
      }
      view = readControls();
      apply(false);
    });
    form.addEventListener("reset", function (e) {
      e.preventDefault();
      view = {};
      apply(false);
    });
    heads.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        var current = view.sort || DEFAULT_SORT;
        var dir = key === current && (view.dir || "asc") === "asc" ? "desc" : "asc";
        view.sort = key === DEFAULT_SORT && dir === "asc" ? undefined : key;
        view.dir = dir === "asc" ? undefined : dir;
        if (!view.sort) delete view.sort;
        if (!view.dir) delete view.dir;
        apply(false);
      });
    });
    more.addEventListener("click", function () { limit += STEP; render(); });
    csvButton.addEventListener("click", download);
    window.addEventListener("popstate", function () { view = parse(location.search).view; apply(false); });
    apply(parsed.ignored);
  }
  fetch(indexUrl.href).then(function (r) {
    if (!r.ok) throw new Error("index");
    return r.text();
  }).then(start).catch(function () {
    root.querySelector(".nb-x-ui").hidden = false;
    status.textContent = "数据未能加载，请检查网络后刷新页面重试。";
    root.setAttribute("data-state", "error");
  });
})();
