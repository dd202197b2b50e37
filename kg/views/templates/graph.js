/* dipkg graph page: draws the graph in #kg-data with vis-network (or, for very large
 * graphs, sigma.js on WebGL) and wires up the
 * search box, the filters, the date slider, the legend, the tooltips and the panel.
 *
 * What is drawn is the aggregated graph: one edge per actor pair and relation type
 * (DATA.edges), each listing its statements (DATA.statements, one per extracted
 * relation).  Filters count the statements that pass them, per edge: an edge with none
 * is hidden, and its width follows the count.
 *
 * Article text is untrusted: every string from the data reaches the page through
 * text nodes (el() below) or canvas text, never through the HTML parser.
 */
(function () {
  "use strict";

  var marks = {script: performance.now()};   // where the time to interactive goes
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  marks.parsed = performance.now();
  var NODES = DATA.nodes, EDGES = DATA.edges, STMTS = DATA.statements, MONTHS = DATA.months;
  var stats = {
    nodes: NODES.length, edges: EDGES.length, statements: STMTS.length, visibleNodes: 0,
    visibleEdges: 0, visibleStatements: 0, articles: DATA.meta.articles, settled: false,
    settleMs: null, iterations: null, selected: null, highlighted: null, focus: null, marks: marks
  };
  window.kgStats = stats;
  // Resolves with kgStats once the layout has settled (for tests and benchmarks).
  var resolveSettled;
  window.kgSettled = new Promise(function (resolve) { resolveSettled = resolve; });

  // ---- DOM helpers: strings always become text nodes -------------------------------
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      for (var k in props) {
        if (props[k] !== null && props[k] !== undefined) e[k] = props[k];
      }
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); return; }
    if (typeof child === "object" && child.nodeType) { parent.appendChild(child); return; }
    parent.appendChild(document.createTextNode(String(child)));
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  var SVG = "http://www.w3.org/2000/svg";  // a namespace name, not a request
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    for (var i = 2; i < arguments.length; i++) e.appendChild(arguments[i]);
    return e;
  }
  function button(text, onClick, className) {
    var b = el("button", {type: "button", className: className || "kg-link"}, text);
    b.addEventListener("click", onClick);
    return b;
  }

  // ---- styles and indexes --------------------------------------------------------
  // Maps keyed by data (type names, ids) have no prototype, so "__proto__" is just a key.
  function dict() { return Object.create(null); }
  function byName(list) {
    var out = dict();
    list.forEach(function (x) { out[x.name] = x; });
    return out;
  }
  var nodeStyle = byName(DATA.nodeTypes), relStyle = byName(DATA.relationTypes),
      modStyle = byName(DATA.modalities);
  var nodeEdges = NODES.map(function () { return []; });   // aggregated edges at each node
  EDGES.forEach(function (e) {
    nodeEdges[e.from].push(e);
    if (e.to !== e.from) nodeEdges[e.to].push(e);
  });
  var edgeOf = new Int32Array(STMTS.length);                 // statement -> aggregated edge
  EDGES.forEach(function (e) { e.statements.forEach(function (s) { edgeOf[s] = e.id; }); });

  function label(id) { return id === null || id === undefined ? null : NODES[id].label; }
  function other(e, id) { return e.from === id ? e.to : e.from; }
  function fmtConf(c) { return c === null || c === undefined ? null : c.toFixed(2); }
  function arrow(e) { return e.symmetric ? " — " : " → "; }
  function stmtLabel(s) {
    var out = s.type;
    if (s.role) out += ": " + s.role;
    if (s.modality !== "asserted") out += " (" + s.modality + ")";
    return out;
  }
  function edgeTitle(e) {
    var t = e.type + (e.roles.length ? ": " + e.roles.join(", ") : "");
    return [label(e.from), " — ", t, arrow(e), label(e.to)];
  }
  function modalityText(mods) {
    return Object.keys(mods).sort(function (a, b) { return mods[b] - mods[a]; }).map(function (m) {
      return m + " " + mods[m];
    }).join(", ");
  }
  function dateSpan(first, last) {
    if (!first) return "undated";
    return first === last ? first : first + " – " + last;
  }
  function wikidataLink(qid) {
    // Only a well-formed Q-id becomes a link; anything else is shown as text.
    if (!qid || !/^Q[1-9][0-9]*$/.test(qid)) return qid || null;
    return el("a", {href: "https://www.wikidata.org/wiki/" + qid, target: "_blank",
                    rel: "noopener noreferrer"}, qid);
  }
  function articleBits(id) {
    var a = Object.prototype.hasOwnProperty.call(DATA.articles, id) ? DATA.articles[id] : null;
    if (!a) return id ? [id] : [];
    var out = [a.title || a.id];
    var extra = [a.published, a.language].filter(Boolean).join(", ");
    if (extra) out.push(" (" + extra + ")");
    if (a.source) {
      out.push(el("br"));
      out.push(/^https?:\/\//i.test(a.source)
        ? el("a", {href: a.source, target: "_blank", rel: "noopener noreferrer"}, a.source)
        : el("span", {className: "kg-dim"}, a.source));
    }
    return out;
  }
  // Evidence with its trigger words marked: the statement's own, when the graph records
  // them, else the relation type's trigger words in the article's language.
  var triggerRe = dict();
  function triggerPattern(s) {
    var words = (s.trigger || "").split(/[;|]/).map(function (w) { return w.trim(); }).filter(Boolean);
    var art = s.article && Object.prototype.hasOwnProperty.call(DATA.articles, s.article) ? DATA.articles[s.article] : null;
    var lang = art && art.language, key = s.trigger ? "\u0000" + s.trigger : lang + "\u0000" + s.type;
    if (!words.length && lang && DATA.triggers[lang] && DATA.triggers[lang][s.type]) words = DATA.triggers[lang][s.type];
    if (!words.length) return null;
    if (!(key in triggerRe)) {
      var alts = words.slice().sort(function (a, b) { return b.length - a.length; }).map(function (w) {
        return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      });
      // Whole words only: "met" is not marked inside "metal".
      triggerRe[key] = new RegExp("(^|[^\\p{L}\\p{N}])(" + alts.join("|") + ")(?=$|[^\\p{L}\\p{N}])", "giu");
    }
    return triggerRe[key];
  }
  function evidence(s) {
    var text = s.evidence || "(no evidence recorded)", box = el("div", {className: "kg-evidence"});
    var re = s.evidence ? triggerPattern(s) : null, at = 0, m;
    if (!re) { add(box, text); return box; }
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + m[1].length;
      add(box, text.slice(at, start));
      add(box, el("mark", {title: "trigger word of " + s.type}, m[2]));
      at = start + m[2].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    add(box, text.slice(at));
    return box;
  }

  // ---- initial layout for large graphs ----------------------------------------------
  // Pivot MDS (Brandes & Pich 2006): breadth-first distances from k pivots, double
  // centred and projected on the top two eigenvectors.  Linear in the graph's size, it
  // gives the physics a start that already shows the global shape, so a short
  // stabilisation is enough where a random start would need thousands of iterations.
  function pivotLayout(n, edges, k, unit) {
    var i, j, e, deg = new Int32Array(n + 1);
    edges.forEach(function (e) { if (e.from !== e.to) { deg[e.from]++; deg[e.to]++; } });
    var start = new Int32Array(n + 1);
    for (i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
    var adj = new Int32Array(start[n]), fill = start.slice(0, n);
    edges.forEach(function (e) {
      if (e.from !== e.to) { adj[fill[e.from]++] = e.to; adj[fill[e.to]++] = e.from; }
    });
    k = Math.min(k, n);
    var C = new Float64Array(n * k), minDist = new Float64Array(n).fill(Infinity);
    var dist = new Int32Array(n), queue = new Int32Array(n), pivot = 0;
    for (i = 1; i < n; i++) if (deg[i] > deg[pivot]) pivot = i;
    for (j = 0; j < k; j++) {
      dist.fill(-1);
      dist[pivot] = 0;
      var head = 0, tail = 0, maxd = 0;
      queue[tail++] = pivot;
      while (head < tail) {
        var v = queue[head++];
        for (e = start[v]; e < start[v + 1]; e++) {
          var w = adj[e];
          if (dist[w] < 0) { dist[w] = dist[v] + 1; maxd = dist[w]; queue[tail++] = w; }
        }
      }
      var next = pivot;
      for (i = 0; i < n; i++) {
        var d = dist[i] < 0 ? maxd + 1 : dist[i];   // other components: just beyond this one
        C[j * n + i] = d * d;
        if (d < minDist[i]) minDist[i] = d;
        if (minDist[i] > minDist[next]) next = i;
      }
      pivot = next;
    }
    // Double centring of the squared distances.
    var rowMean = new Float64Array(n), colMean = new Float64Array(k), total = 0;
    for (j = 0; j < k; j++) {
      for (i = 0; i < n; i++) { rowMean[i] += C[j * n + i] / k; colMean[j] += C[j * n + i] / n; }
      total += colMean[j] / k;
    }
    for (j = 0; j < k; j++) {
      for (i = 0; i < n; i++) C[j * n + i] = -0.5 * (C[j * n + i] - rowMean[i] - colMean[j] + total);
    }
    var B = new Float64Array(k * k);
    for (var a = 0; a < k; a++) {
      for (var b = a; b < k; b++) {
        var sum = 0;
        for (i = 0; i < n; i++) sum += C[a * n + i] * C[b * n + i];
        B[a * k + b] = B[b * k + a] = sum;
      }
    }
    function eigen(other) {   // power iteration, kept orthogonal to `other`
      var x = new Float64Array(k), y = new Float64Array(k), it, r, c;
      for (r = 0; r < k; r++) x[r] = 1 + ((r * 7919) % 13) / 13;
      for (it = 0; it < 200; it++) {
        if (other) { var dot = 0; for (r = 0; r < k; r++) dot += x[r] * other[r]; for (r = 0; r < k; r++) x[r] -= dot * other[r]; }
        var norm = 0;
        for (r = 0; r < k; r++) { y[r] = 0; for (c = 0; c < k; c++) y[r] += B[r * k + c] * x[c]; norm += y[r] * y[r]; }
        norm = Math.sqrt(norm) || 1;
        for (r = 0; r < k; r++) x[r] = y[r] / norm;
      }
      return x;
    }
    var v1 = eigen(null), v2 = eigen(v1);
    var xs = new Float64Array(n), ys = new Float64Array(n);
    for (j = 0; j < k; j++) {
      for (i = 0; i < n; i++) { xs[i] += C[j * n + i] * v1[j]; ys[i] += C[j * n + i] * v2[j]; }
    }
    // Scale so an average relation is `unit` long; jitter (seeded) separates actors
    // whose distances are all equal, such as the leaves of one hub.
    var len = 0, m = 0;
    edges.forEach(function (e) {
      if (e.from !== e.to) { len += Math.hypot(xs[e.from] - xs[e.to], ys[e.from] - ys[e.to]); m++; }
    });
    var scale = m && len > 0 ? unit * m / len : unit, seed = 7;
    function rand() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff - 0.5; }
    for (i = 0; i < n; i++) { xs[i] = xs[i] * scale + rand() * unit; ys[i] = ys[i] * scale + rand() * unit; }
    return {x: xs, y: ys};
  }
  // The WebGL renderer has no layout of its own: it always starts from (and keeps) this one.
  var initial = DATA.layout.pivots || DATA.renderer === "webgl"
    ? pivotLayout(NODES.length, EDGES, DATA.layout.pivots || 50, DATA.layout.unit) : null;

  // ---- the network -----------------------------------------------------------------
  function nodeColor(s) {
    return {background: s.color, border: s.color, highlight: {background: s.color, border: "#222222"},
            hover: {background: s.color, border: "#222222"}};
  }
  function edgeColor(e) {
    var c = relStyle[e.type].color;
    return {color: c, highlight: c, hover: c, opacity: dashesOf(e) === modStyle.negated ? 0.55 : 1};
  }
  // Solid when any statement is asserted, else the style of the commonest modality.
  function dashesOf(e) {
    if (e.modalities.asserted) return modStyle.asserted || {dashes: false};
    var best = Object.keys(e.modalities).sort(function (a, b) { return e.modalities[b] - e.modalities[a]; })[0];
    return modStyle[best];
  }
  function edgeText(e, n) {
    return (e.roles.length && e.type === "holds-role" ? e.roles.join(", ") : e.type) + (n > 1 ? " ×" + n : "");
  }
  var DIM_NODE = {background: "#eeeeee", border: "#dddddd", highlight: {background: "#eeeeee", border: "#222222"},
                  hover: {background: "#eeeeee", border: "#999999"}};
  var DIM_EDGE = {color: "#e6e6e6", highlight: "#e6e6e6", hover: "#cccccc", opacity: 0.5};

  // ---- visibility: filters, the date range, isolated actors, focus -------------------
  var on = {rel: dict(), mod: dict(), node: dict()};
  DATA.relationTypes.forEach(function (t) { on.rel[t.name] = true; });
  DATA.modalities.forEach(function (t) { on.mod[t.name] = true; });
  DATA.nodeTypes.forEach(function (t) { on.node[t.name] = true; });
  var range = {lo: 0, hi: Math.max(0, MONTHS.length - 1)};
  var focus = null;   // {node, hops}: only the actor's k-hop network is shown
  var nodeOk = new Uint8Array(NODES.length), edgeOk = new Uint8Array(EDGES.length);
  var shownCount = new Int32Array(EDGES.length);

  function dateOk(d) {
    if (!d) return $("kg-date-undated").checked;
    if (!MONTHS.length || (range.lo === 0 && range.hi === MONTHS.length - 1)) return true;
    // Compare at the precision of the date, so "2017" is inside 2017-01..2017-03.
    var p = Math.min(d.length, 7), x = d.slice(0, p);
    return x >= MONTHS[range.lo].month.slice(0, p) && x <= MONTHS[range.hi].month.slice(0, p);
  }
  function computeVisibility() {
    var i, ns = 0;
    NODES.forEach(function (n) { nodeOk[n.id] = on.node[n.type] ? 1 : 0; });
    shownCount.fill(0);
    STMTS.forEach(function (s) {
      if (on.rel[s.type] && on.mod[s.modality] && nodeOk[s.from] && nodeOk[s.to] && dateOk(s.date)) {
        shownCount[edgeOf[s.id]]++;
        ns++;
      }
    });
    for (i = 0; i < EDGES.length; i++) edgeOk[i] = shownCount[i] > 0 ? 1 : 0;
    if ($("kg-only-connected").checked) keepTouched();
    if (focus) keepEgo(focus.node, focus.hops);
    var nv = 0, ne = 0;
    for (i = 0; i < nodeOk.length; i++) nv += nodeOk[i];
    for (i = 0; i < edgeOk.length; i++) ne += edgeOk[i];
    stats.visibleNodes = nv;
    stats.visibleEdges = ne;
    stats.visibleStatements = ns;
  }
  function keepTouched() {
    var touched = new Uint8Array(NODES.length);
    EDGES.forEach(function (e) { if (edgeOk[e.id]) { touched[e.from] = 1; touched[e.to] = 1; } });
    for (var i = 0; i < NODES.length; i++) nodeOk[i] = nodeOk[i] && touched[i];
  }
  // The actors within `hops` shown relations of `id` (breadth first), and their relations.
  function keepEgo(id, hops) {
    var dist = new Int32Array(NODES.length).fill(-1), queue = [id];
    dist[id] = 0;
    for (var h = 0; h < queue.length; h++) {
      var v = queue[h];
      if (dist[v] >= hops) continue;
      nodeEdges[v].forEach(function (e) {
        var w = other(e, v);
        if (edgeOk[e.id] && nodeOk[w] && dist[w] < 0) { dist[w] = dist[v] + 1; queue.push(w); }
      });
    }
    for (var i = 0; i < NODES.length; i++) nodeOk[i] = dist[i] >= 0 ? 1 : 0;
    EDGES.forEach(function (e) { edgeOk[e.id] = edgeOk[e.id] && nodeOk[e.from] && nodeOk[e.to]; });
  }
  computeVisibility();

  var view = null;   // the renderer: visView() or webglView(), below
  function applyFilters(refit) {
    computeVisibility();
    if (view) view.update();
    showStats();
    if (stats.highlighted !== null) {
      if (nodeOk[stats.highlighted.node]) highlight(stats.highlighted.node); else unhighlight();
    }
    // Re-fit to what is shown, once the layout is there (not while the slider moves).
    if (view && stats.settled && refit !== false && stats.visibleNodes) view.fit();
    paintHistogram();
  }
  function showStats() {
    var m = DATA.meta, s = stats;
    function part(shown, all, what) { return (shown === all ? all : shown + " of " + all) + " " + what; }
    $("kg-stats").textContent = [part(s.visibleNodes, s.nodes, "actors"),
      part(s.visibleEdges, s.edges, "links"), part(s.visibleStatements, s.statements, "statements"),
      m.articles + (m.articles === 1 ? " article" : " articles")].join(" · ");
    document.body.dataset.visibleNodes = String(s.visibleNodes);
    document.body.dataset.visibleEdges = String(s.visibleEdges);
  }

  function swatchNode(style) {
    var c = style.color, p;
    // The WebGL renderer draws every actor as a circle: so does its legend.
    switch (DATA.renderer === "webgl" ? "dot" : style.shape) {
      case "square": p = svg("rect", {x: 3, y: 3, width: 10, height: 10, fill: c}); break;
      case "diamond": p = svg("polygon", {points: "8,1 15,8 8,15 1,8", fill: c}); break;
      case "star": p = svg("polygon", {points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6", fill: c}); break;
      case "triangle": p = svg("polygon", {points: "8,2 15,14 1,14", fill: c}); break;
      case "triangleDown": p = svg("polygon", {points: "1,2 15,2 8,14", fill: c}); break;
      case "hexagon": p = svg("polygon", {points: "4,2 12,2 16,8 12,14 4,14 0,8", fill: c}); break;
      default: p = svg("circle", {cx: 8, cy: 8, r: 6, fill: c});
    }
    return svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true"}, p);
  }
  function swatchLine(color, dashes) {
    var attrs = {x1: 1, y1: 8, x2: 27, y2: 8, stroke: color, "stroke-width": 2.5};
    if (dashes) attrs["stroke-dasharray"] = dashes.join(" ");
    return svg("svg", {width: 28, height: 16, viewBox: "0 0 28 16", "aria-hidden": "true"}, svg("line", attrs));
  }
  function checkList(container, items, state, swatch, group) {
    items.forEach(function (t) {
      var box = el("input", {type: "checkbox", checked: true});
      box.dataset.filter = group;
      box.dataset.value = t.name;
      box.addEventListener("change", function () { state[t.name] = box.checked; applyFilters(); });
      container.appendChild(el("label", null, box, swatch(t), el("span", null, t.name),
                               el("span", {className: "kg-count"}, String(t.count))));
    });
  }
  function checkList(container, items, state, swatch, group) {
    items.forEach(function (t) {
      var box = el("input", {type: "checkbox", checked: true});
      box.dataset.filter = group;
      box.dataset.value = t.name;
      box.addEventListener("change", function () { state[t.name] = box.checked; applyFilters(); });
      container.appendChild(el("label", null, box, swatch(t), el("span", null, t.name),
                               el("span", {className: "kg-count"}, String(t.count))));
    });
  }
  checkList($("kg-filter-type"), DATA.relationTypes, on.rel,
            function (t) { return swatchLine(t.color, null); }, "relation");
  checkList($("kg-filter-modality"), DATA.modalities, on.mod,
            function (t) { return swatchLine("#555555", t.dashes); }, "modality");
  checkList($("kg-filter-node"), DATA.nodeTypes, on.node, swatchNode, "node");

  // ---- the date range: a histogram of statements per month over two sliders ----------
  var bars = [];
  function drawHistogram() {
    var box = $("kg-histogram"), n = MONTHS.length, max = 1;
    MONTHS.forEach(function (m) { if (m.count > max) max = m.count; });
    var chart = svg("svg", {viewBox: "0 0 " + Math.max(n, 1) + " 40", preserveAspectRatio: "none",
                            role: "img", "aria-label": "statements per month"});
    MONTHS.forEach(function (m, i) {
      var h = m.count ? Math.max(2, 38 * m.count / max) : 0;
      var bar = svg("rect", {x: i + 0.1, y: 40 - h, width: 0.8, height: h});
      bar.appendChild(svg("title", {})).textContent = m.month + ": " + m.count;
      bars.push(bar);
      chart.appendChild(bar);
    });
    box.appendChild(chart);
  }
  function paintHistogram() {
    bars.forEach(function (b, i) {
      b.setAttribute("fill", i >= range.lo && i <= range.hi ? "#4e79a7" : "#d0d0d0");
    });
    $("kg-date-label").textContent = MONTHS.length
      ? MONTHS[range.lo].month + " – " + MONTHS[range.hi].month : "no dated relations";
  }
  function setRange(lo, hi, refit) {
    if (!MONTHS.length) { applyFilters(refit); return; }
    range.lo = Math.max(0, Math.min(lo, hi));
    range.hi = Math.min(MONTHS.length - 1, Math.max(lo, hi));
    $("kg-date-lo").value = String(range.lo);
    $("kg-date-hi").value = String(range.hi);
    applyFilters(refit);
  }
  (function setUpDates() {
    var lo = $("kg-date-lo"), hi = $("kg-date-hi");
    [lo, hi].forEach(function (input) {
      input.max = String(Math.max(0, MONTHS.length - 1));
      input.disabled = MONTHS.length < 2;
      input.addEventListener("input", function () { setRange(+lo.value, +hi.value, false); });
      input.addEventListener("change", function () { setRange(+lo.value, +hi.value); });
    });
    hi.value = String(range.hi);
    drawHistogram();
    paintHistogram();
    $("kg-date-undated").addEventListener("change", function () { applyFilters(); });
    $("kg-only-connected").addEventListener("change", function () { applyFilters(); });
  })();

  function resetFilters() {
    document.querySelectorAll("#kg-side input[type=checkbox]").forEach(function (box) { box.checked = true; });
    [on.rel, on.mod, on.node].forEach(function (state) {
      for (var k in state) state[k] = true;
    });
    setFocus(null);
    setRange(0, MONTHS.length - 1);
  }
  $("kg-reset").addEventListener("click", resetFilters);

  // ---- renderers: vis-network (canvas, physics) and sigma.js (WebGL, very large graphs) --
  // Both draw the same aggregated graph, read the same visibility arrays (nodeOk, edgeOk,
  // shownCount) and report to the same handlers, so filters, panels and search are shared.
  function visDataSets() {
    var nodes = new vis.DataSet(NODES.map(function (n) {
      var s = nodeStyle[n.type];
      return {id: n.id, label: n.label, shape: s.shape, value: n.size, size: n.size,
              x: initial ? initial.x[n.id] : undefined, y: initial ? initial.y[n.id] : undefined,
              color: nodeColor(s)};
    }));
    var edges = new vis.DataSet(EDGES.map(function (e) {
      var o = {id: e.id, from: e.from, to: e.to, label: edgeText(e, e.count), value: e.count,
               dashes: dashesOf(e).dashes, color: edgeColor(e), arrows: {to: {enabled: !e.symmetric, scaleFactor: 0.6}}};
      if (e.curve) {
        o.smooth = {enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve)};
      }
      return o;
    }));
    return {nodes: nodes, edges: edges};
  }
  function visView(container, H, ready) {
    var sets = visDataSets(), nodes = sets.nodes, edges = sets.edges;
    var nodeView = new vis.DataView(nodes, {filter: function (n) { return nodeOk[n.id] === 1; }});
    var edgeView = new vis.DataView(edges, {filter: function (e) { return edgeOk[e.id] === 1; }});
    var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, DATA.options);
    var drawnCount = Int32Array.from(EDGES, function (e) { return e.count; }), dimmed = {nodes: [], edges: []};
    var lastIterations = 0;
    network.on("stabilizationProgress", function (p) {
      lastIterations = p.iterations;
      $("kg-loading-bar").firstChild.style.width = Math.round(100 * p.iterations / p.total) + "%";
      $("kg-loading-text").textContent = "Laying out " + stats.visibleNodes + " actors… " +
        Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () { ready(lastIterations); });
    network.once("stabilized", function (p) { ready(p && p.iterations); });
    // Without physics (very large graphs) the start layout is final: ready once drawn.
    if (stats.visibleNodes < 2 || !DATA.layout.physics) network.once("afterDrawing", function () { ready(0); });
    network.on("hoverNode", function (p) { H.hoverNode(p.node, p.pointer.DOM); });
    network.on("hoverEdge", function (p) { H.hoverEdge(p.edge, p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, H.blur); });
    network.on("click", function (p) {
      if (p.nodes.length) H.clickNode(p.nodes[0]);
      else if (p.edges.length) H.clickEdge(p.edges[0]);
      else H.clickStage();
    });
    function undim() {
      nodes.update(dimmed.nodes.map(function (id) {
        return {id: id, color: nodeColor(nodeStyle[NODES[id].type]), font: {color: "#343434"}};
      }));
      edges.update(dimmed.edges.map(function (id) {
        return {id: id, color: edgeColor(EDGES[id]), font: {color: "#444444"}};
      }));
      dimmed = {nodes: [], edges: []};
    }
    return {
      network: network, nodes: nodes, edges: edges,
      update: function () {
        // Widths and labels follow the number of statements that pass the filters.
        var changes = [];
        EDGES.forEach(function (e) {
          var n = shownCount[e.id];
          if (n > 0 && n !== drawnCount[e.id]) {
            drawnCount[e.id] = n;
            changes.push({id: e.id, value: n, label: edgeText(e, n)});
          }
        });
        if (changes.length) edges.update(changes);
        nodeView.refresh();
        edgeView.refresh();
      },
      fit: function (first) {
        if (first) network.setOptions({physics: {enabled: false}});
        network.fit({animation: false});
        // fit() frames the symbols, not their labels: leave room for the outer labels.
        if (first) network.moveTo({scale: network.getScale() * 0.92});
      },
      dim: function (keep, id) {
        undim();
        if (!keep) return;
        for (var i = 0; i < NODES.length; i++) if (nodeOk[i] && !keep[i]) dimmed.nodes.push(i);
        EDGES.forEach(function (e) { if (edgeOk[e.id] && e.from !== id && e.to !== id) dimmed.edges.push(e.id); });
        nodes.update(dimmed.nodes.map(function (i) { return {id: i, color: DIM_NODE, font: {color: "#cccccc"}}; }));
        edges.update(dimmed.edges.map(function (i) { return {id: i, color: DIM_EDGE, font: {color: "#dddddd"}}; }));
      },
      select: function (id) { network.selectNodes([id]); },
      selectEdge: function (id) { network.selectEdges([id]); },
      center: function (id) {
        // Close enough that the actor's neighbourhood is legible, not its whole cluster's labels.
        network.focus(id, {scale: Math.max(network.getScale(), 1.0),
                           animation: {duration: 400, easingFunction: "easeInOutQuad"}});
      },
      drawn: function () { return [network.body.nodeIndices.length, network.body.edgeIndices.length]; }
    };
  }

  function webglView(container, H, ready) {
    var G = new graphology.MultiGraph({type: "mixed"}), keep = null, centre = null, selected = null;
    NODES.forEach(function (n) {
      G.addNode(String(n.id), {x: initial.x[n.id], y: -initial.y[n.id], size: Math.max(2, n.size / 3.5),
                               label: n.label, color: nodeStyle[n.type].color});
    });
    EDGES.forEach(function (e) {
      if (e.from === e.to) return;                       // sigma draws no loops
      var attrs = {color: relStyle[e.type].color, type: e.symmetric ? "line" : "arrow"};
      if (e.symmetric) G.addUndirectedEdgeWithKey(String(e.id), String(e.from), String(e.to), attrs);
      else G.addDirectedEdgeWithKey(String(e.id), String(e.from), String(e.to), attrs);
    });
    function width(n) { return 0.6 + Math.min(6, Math.sqrt(n)); }
    var sigma = new Sigma(G, container, {
      renderEdgeLabels: false, enableEdgeEvents: true, defaultEdgeType: "line", zIndex: true,
      labelRenderedSizeThreshold: 7, allowInvalidContainer: true,
      nodeReducer: function (node, d) {
        var i = +node, out = Object.assign({}, d);
        if (!nodeOk[i]) { out.hidden = true; return out; }
        if (keep && !keep[i]) { out.color = "#eeeeee"; out.label = ""; out.zIndex = 0; } else out.zIndex = 1;
        if (i === selected) out.highlighted = true;
        return out;
      },
      edgeReducer: function (edge, d) {
        var i = +edge, e = EDGES[i], out = Object.assign({}, d);
        if (!edgeOk[i]) { out.hidden = true; return out; }
        out.size = width(shownCount[i]);
        if (keep && e.from !== centre && e.to !== centre) { out.color = "#eeeeee"; out.zIndex = 0; } else out.zIndex = 1;
        return out;
      }
    });
    var camera = sigma.getCamera();
    function pt(ev) { return {x: ev.event.x, y: ev.event.y}; }
    sigma.on("enterNode", function (ev) { H.hoverNode(+ev.node, pt(ev)); });
    sigma.on("enterEdge", function (ev) { H.hoverEdge(+ev.edge, pt(ev)); });
    sigma.on("leaveNode", H.blur);
    sigma.on("leaveEdge", H.blur);
    sigma.on("clickNode", function (ev) { H.clickNode(+ev.node); });
    sigma.on("clickEdge", function (ev) { H.clickEdge(+ev.edge); });
    sigma.on("clickStage", function () { H.clickStage(); });
    camera.on("updated", H.blur);
    requestAnimationFrame(function () { ready(0); });
    function fitShown() {
      if (stats.visibleNodes === NODES.length) { camera.setState({x: 0.5, y: 0.5, ratio: 1, angle: 0}); return; }
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      NODES.forEach(function (n) {
        if (!nodeOk[n.id]) return;
        var p = sigma.viewportToFramedGraph(sigma.graphToViewport({x: initial.x[n.id], y: -initial.y[n.id]}));
        x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
      });
      if (x0 === Infinity) return;
      camera.setState({x: (x0 + x1) / 2, y: (y0 + y1) / 2, angle: 0,
                       ratio: Math.max(0.02, Math.max(x1 - x0, y1 - y0) * 1.15)});
    }
    return {
      network: sigma, nodes: null, edges: null,
      update: function () { sigma.refresh(); },
      fit: fitShown,
      dim: function (k, id) { keep = k; centre = id; sigma.refresh({skipIndexation: true}); },
      select: function (id) { selected = id; sigma.refresh({skipIndexation: true}); },
      selectEdge: function () {},
      center: function (id) {
        var d = sigma.getNodeDisplayData(String(id));
        if (d) camera.animate({x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.4)}, {duration: 400});
      },
      drawn: function () { return [stats.visibleNodes, stats.visibleEdges]; }
    };
  }

  // ---- the renderer, and the moment the page is ready --------------------------------
  var t0 = performance.now();
  function settled(iterations) {
    if (stats.settled) return;
    if (!view) { setTimeout(function () { settled(iterations); }, 0); return; }
    view.fit(true);
    stats.settled = true;
    stats.settleMs = performance.now();
    stats.layoutMs = stats.settleMs - t0;
    stats.iterations = iterations === undefined ? null : iterations;
    $("kg-loading").hidden = true;
    document.body.dataset.settled = "true";
    resolveSettled(stats);
  }
  var handlers = {
    hoverNode: function (id, pt) { showTip(nodeSummary(NODES[id]), pt); },
    hoverEdge: function (id, pt) { showTip(edgeSummary(EDGES[id]), pt); },
    blur: function () { hideTip(); },
    clickNode: function (id) { highlight(id); showNode(id); },
    clickEdge: function (id) { unhighlight(); showEdge(id); },
    clickStage: function () { unhighlight(); showHint(); }
  };
  marks.data = performance.now();
  view = DATA.renderer === "webgl" ? webglView($("kg-network"), handlers, settled)
                                   : visView($("kg-network"), handlers, settled);
  marks.network = performance.now();

  // ---- neighbourhood highlight: the clicked actor, its neighbours, the rest dimmed ----
  function unhighlight() {
    if (stats.highlighted !== null) view.dim(null, null);
    stats.highlighted = null;
  }
  function highlight(id) {
    var keep = new Uint8Array(NODES.length), n = 0, dimmedNodes = 0, dimmedEdges = 0;
    keep[id] = 1;
    nodeEdges[id].forEach(function (e) { if (edgeOk[e.id]) keep[other(e, id)] = 1; });
    for (var i = 0; i < NODES.length; i++) {
      if (nodeOk[i]) { if (keep[i]) n++; else dimmedNodes++; }
    }
    EDGES.forEach(function (e) { if (edgeOk[e.id] && e.from !== id && e.to !== id) dimmedEdges++; });
    view.dim(keep, id);
    stats.highlighted = {node: id, neighbours: n - 1, dimmedNodes: dimmedNodes, dimmedEdges: dimmedEdges};
  }

  // ---- focus: keep an actor's k-hop network ------------------------------------------
  function setFocus(id, hops) {
    focus = id === null || id === undefined ? null : {node: id, hops: hops || 1};
    stats.focus = focus;
    var note = $("kg-focus-note");
    clear(note);
    note.hidden = !focus;
    if (focus) {
      add(note, ["Showing the " + focus.hops + "-hop network of " + label(id) + ". ",
                 button("Show everyone", function () { setFocus(null); applyFilters(); })]);
    }
  }
  function focusOn(id, hops) {
    setFocus(id, hops);
    applyFilters();
    if (nodeOk[id]) { view.select(id); highlight(id); }
    showNode(id);
  }

  // ---- tooltips (hover) ------------------------------------------------------------
  var tip = $("kg-tip");
  function edgeFacts(e) {
    return el("div", {className: "kg-dim"}, [
      e.count + (e.count === 1 ? " statement" : " statements") + " in " + e.articles +
        (e.articles === 1 ? " article" : " articles"),
      dateSpan(e.first, e.last), modalityText(e.modalities)].join(" · "));
  }
  function edgeSummary(e) {
    var s = STMTS[e.statements[0]];
    return [
      el("div", {className: "kg-head"}, edgeTitle(e)),
      edgeFacts(e),
      e.count === 1 ? [evidence(s), s.confidence !== null ? el("div", {className: "kg-dim"},
                         "confidence: " + fmtConf(s.confidence)) : null,
                       s.article ? el("div", {className: "kg-dim"}, "source: ", articleBits(s.article)) : null]
                    : el("div", {className: "kg-dim"}, "Click to read every statement.")
    ];
  }
  function roleGroups(id, outgoing) {
    var groups = dict();
    nodeEdges[id].forEach(function (e) {
      if (e.type !== "holds-role" || (outgoing ? e.from !== id : e.to !== id)) return;
      e.statements.forEach(function (sid) {
        var s = STMTS[sid], k = (s.role || "role") + "\u0000" + other(e, id);
        if (!groups[k]) groups[k] = {role: s.role || "role", other: other(e, id), count: 0, edge: e.id};
        groups[k].count++;
      });
    });
    return Object.keys(groups).map(function (k) { return groups[k]; })
      .sort(function (a, b) { return b.count - a.count || a.role.localeCompare(b.role); });
  }
  function times(n) { return n > 1 ? " ×" + n : ""; }
  function nodeSummary(n) {
    var roles = roleGroups(n.id, true);
    return [
      el("div", {className: "kg-head"}, n.label),
      el("div", {className: "kg-dim"}, n.type, " · ", n.links + (n.links === 1 ? " link" : " links"), " · ",
         n.degree + (n.degree === 1 ? " statement" : " statements")),
      roles.length ? el("div", null, roles.slice(0, 4).map(function (r) {
        return r.role + " of " + label(r.other) + times(r.count);
      }).join("; ")) : null
    ];
  }
  function showTip(content, pointer) {
    clear(tip);
    add(tip, content);
    tip.hidden = false;
    var wrap = $("kg-canvas-wrap"), x = pointer.x + 14, y = pointer.y + 14;
    if (x + tip.offsetWidth > wrap.clientWidth) x = Math.max(0, pointer.x - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > wrap.clientHeight) y = Math.max(0, pointer.y - tip.offsetHeight - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; clear(tip); }
  $("kg-canvas-wrap").addEventListener("mouseleave", hideTip);

  // ---- details panel (click) -------------------------------------------------------
  var panel = $("kg-panel");
  function row(name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return null;
    return [el("dt", null, name), el("dd", null, value)];
  }
  // Relations per month by type, as small stacked bars (months of the whole graph).
  function monthChart(id) {
    if (!MONTHS.length) return null;
    var idx = dict(), per = MONTHS.map(function () { return dict(); }), max = 0, any = false;
    MONTHS.forEach(function (m, i) { idx[m.month] = i; });
    nodeEdges[id].forEach(function (e) {
      e.statements.forEach(function (sid) {
        var s = STMTS[sid], i = s.date ? idx[s.date.slice(0, 7)] : undefined;
        if (i === undefined) return;
        per[i][s.type] = (per[i][s.type] || 0) + 1;
        any = true;
      });
    });
    if (!any) return null;
    per.forEach(function (p) { var t = 0; for (var k in p) t += p[k]; if (t > max) max = t; });
    var chart = svg("svg", {"class": "kg-months", viewBox: "0 0 " + MONTHS.length + " 60",
                            preserveAspectRatio: "none", role: "img", "aria-label": "relations per month by type"});
    per.forEach(function (p, i) {
      var y = 60;
      DATA.relationTypes.forEach(function (t) {
        if (!p[t.name]) return;
        var h = 58 * p[t.name] / max;
        y -= h;
        var r = svg("rect", {x: i + 0.1, y: y, width: 0.8, height: h, fill: t.color});
        r.appendChild(svg("title", {})).textContent = MONTHS[i].month + ": " + t.name + " " + p[t.name];
        chart.appendChild(r);
      });
    });
    return [el("h3", null, "Relations per month"), chart,
            el("div", {className: "kg-dim"}, MONTHS[0].month + " – " + MONTHS[MONTHS.length - 1].month)];
  }
  function nodeRelations(id) {
    var rels = nodeEdges[id].filter(function (e) { return e.type !== "holds-role"; });
    rels.sort(function (a, b) { return b.count - a.count || a.type.localeCompare(b.type); });
    return rels.map(function (e) {
      var dir = e.symmetric ? "— " : (e.from === id ? "→ " : "← ");
      return el("li", null, button([e.type, " ", dir, label(other(e, id))], function () { selectEdge(e.id); }),
                el("span", {className: "kg-count-badge"}, times(e.count)));
    });
  }
  function showNode(id) {
    var n = NODES[id], roles = roleGroups(id, true), holders = roleGroups(id, false), rels = nodeRelations(id);
    var hops = el("select", {"aria-label": "hops"}, [1, 2, 3].map(function (k) {
      return el("option", {value: String(k)}, k + (k === 1 ? " hop" : " hops"));
    }));
    clear(panel);
    add(panel, [
      el("h2", null, n.label),
      el("div", {className: "kg-actions"}, button("Focus", function () { focusOn(id, +hops.value); }, "kg-focus"),
         hops, focus ? button("Show everyone", function () { setFocus(null); applyFilters(); }) : null),
      el("dl", null,
         row("type", n.type), row("Wikidata", wikidataLink(n.wikidata)), row("also", n.aliases.join(", ")),
         row("date", n.date), row("place", label(n.place)),
         row("relations", n.links + " links, " + n.degree + " statements"),
         row("IRI", el("span", {className: "kg-dim"}, n.iri))),
      roles.length ? [el("h3", null, "Roles"), el("ul", null, roles.map(function (r) {
        return el("li", null, r.role + " of " + label(r.other), el("span", {className: "kg-count-badge"}, times(r.count)));
      }))] : null,
      holders.length ? [el("h3", null, "Role holders"), el("ul", null, holders.map(function (r) {
        return el("li", null, label(r.other) + " (" + r.role + ")", el("span", {className: "kg-count-badge"}, times(r.count)));
      }))] : null,
      rels.length ? [el("h3", null, "Relations"), el("ul", null, rels)] : null,
      monthChart(id),
      n.articles.length ? [el("h3", null, "Articles (" + n.articles.length + ")"),
        el("ul", null, n.articles.slice(0, 30).map(function (a) { return el("li", null, articleBits(a)); }))] : null
    ]);
    stats.selected = {node: id};
  }
  function statementBlock(s) {
    return el("div", {className: "kg-relation"},
      el("div", {className: "kg-head"}, label(s.from), " — ", stmtLabel(s), " → ", label(s.to)),
      evidence(s),
      el("div", {className: "kg-dim"}, [s.date || "undated", s.modality,
        (label(s.place) || s.placeText) && "at " + (label(s.place) || s.placeText),
        s.confidence !== null && "confidence " + fmtConf(s.confidence), s.rule && "rule " + s.rule,
        s.event && "event " + s.event]
        .filter(Boolean).join(" · ")),
      s.article ? el("div", {className: "kg-dim"}, "article: ", articleBits(s.article)) : null);
  }
  var PAGE = 100;
  function showEdge(id) {
    var e = EDGES[id], list = el("div"), shown = 0;
    var stmts = e.statements.map(function (i) { return STMTS[i]; }).sort(function (a, b) {
      return (a.date || "9999").localeCompare(b.date || "9999");
    });
    function more() {
      var next = stmts.slice(shown, shown + PAGE);
      next.forEach(function (s) { list.appendChild(statementBlock(s)); });
      shown += next.length;
      var old = panel.querySelector(".kg-more");
      if (old) old.parentNode.removeChild(old);
      if (shown < stmts.length) {
        panel.appendChild(el("p", {className: "kg-more"},
          button("Show " + Math.min(PAGE, stmts.length - shown) + " more of " + (stmts.length - shown), more)));
      }
    }
    clear(panel);
    add(panel, [
      el("h2", null, edgeTitle(e)),
      el("dl", null, row("relation", e.type), row("statements", String(e.count)),
         row("articles", String(e.articles)), row("first", e.first), row("last", e.last),
         row("modalities", modalityText(e.modalities)), row("roles", e.roles.join(", "))),
      el("h3", null, "Statements and evidence"), list
    ]);
    more();
    stats.selected = {edge: id};
  }
  function showHint() {
    clear(panel);
    add(panel, el("p", {className: "kg-note"}, "Click an actor or a relation to see its details and evidence."));
    stats.selected = null;
  }
  function selectEdge(id) {
    if (edgeOk[id]) view.selectEdge(id);
    showEdge(id);
  }
  // ---- search, with names offered as you type -----------------------------------------
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var keys = NODES.map(function (n) {
    return {label: norm(n.label), aliases: n.aliases.map(norm)};
  });
  var TESTS = [
    function (k, q) { return k.label === q; },
    function (k, q) { return k.aliases.indexOf(q) >= 0; },
    function (k, q) { return k.label.indexOf(q) === 0; },
    function (k, q) { return k.label.indexOf(q) >= 0; },
    function (k, q) { return k.aliases.some(function (a) { return a.indexOf(q) >= 0; }); }
  ];
  // Matching actors, best match first (then by number of links), at most `limit`.
  function matches(query, limit) {
    var q = norm(query), out = [], seen = new Uint8Array(NODES.length);
    if (!q) return out;
    for (var t = 0; t < TESTS.length && out.length < limit; t++) {
      var tier = [];
      for (var i = 0; i < keys.length; i++) if (!seen[i] && TESTS[t](keys[i], q)) { tier.push(i); seen[i] = 1; }
      tier.sort(function (a, b) { return NODES[b].links - NODES[a].links; });
      out = out.concat(tier.slice(0, limit - out.length));
    }
    return out;
  }
  function findNode(query) { var m = matches(query, 1); return m.length ? m[0] : null; }
  function suggest() {
    var list = $("kg-suggest"), found = matches($("kg-search").value, 10);
    clear(list);
    list.hidden = !found.length;
    found.forEach(function (id) {
      var n = NODES[id];
      var b = button([n.label, el("span", {className: "kg-count-badge"}, " " + n.type)], function () {
        $("kg-search").value = n.label;
        list.hidden = true;
        focusNode(id);
      });
      b.setAttribute("role", "option");
      list.appendChild(el("li", null, b));
    });
  }
  $("kg-search").addEventListener("input", suggest);
  function focusNode(id) {
    if (!nodeOk[id]) {   // a filtered-out actor: show it again rather than focus nothing
      on.node[NODES[id].type] = true;
      var box = document.querySelector('#kg-filter-node input[data-value="' + CSS.escape(NODES[id].type) + '"]');
      if (box) box.checked = true;
      $("kg-only-connected").checked = false;
      setFocus(null);
      applyFilters(false);
    }
    view.select(id);
    highlight(id);
    view.center(id);
    showNode(id);
    return id;
  }
  $("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = $("kg-search").value, id = findNode(query), msg = $("kg-search-msg");
    $("kg-suggest").hidden = true;
    if (id === null) {
      msg.textContent = query.trim() ? "No actor matches “" + query.trim() + "”." : "";
      return;
    }
    msg.textContent = "";
    focusNode(id);
  });

  showStats();
  window.kg = {view: view, network: view.network, nodes: view.nodes, edges: view.edges,
               drawn: view.drawn, renderer: DATA.renderer, data: DATA, find: findNode, matches: matches, focus: focusNode,
               focusOn: focusOn, highlight: highlight, setRange: setRange,
               showNode: showNode, showEdge: showEdge, applyFilters: applyFilters,
               resetFilters: resetFilters};
})();
