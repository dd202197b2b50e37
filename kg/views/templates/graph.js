/* dipkg graph page: draws the graph in #kg-data with vis-network and wires up the
 * search box, the filters, the legend, the tooltips and the details panel.
 *
 * Article text is untrusted: every string from the data reaches the page through
 * text nodes (el() below) or canvas text, never through the HTML parser.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var NODES = DATA.nodes, EDGES = DATA.edges;
  var stats = {
    nodes: 0, edges: 0, visibleNodes: 0, visibleEdges: 0, articles: DATA.meta.articles,
    settled: false, settleMs: null, iterations: null, selected: null
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
  var outEdges = NODES.map(function () { return []; });
  var inEdges = NODES.map(function () { return []; });
  EDGES.forEach(function (e) { outEdges[e.from].push(e); inEdges[e.to].push(e); });

  function label(id) { return id === null || id === undefined ? null : NODES[id].label; }
  function fmtConf(c) { return c === null || c === undefined ? null : c.toFixed(2); }
  function edgeLabel(e) {
    var s = e.type;
    if (e.role) s += ": " + e.role;
    if (e.modality !== "asserted") s += " (" + e.modality + ")";
    return s;
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
  var initial = DATA.layout.pivots ? pivotLayout(NODES.length, EDGES, DATA.layout.pivots, DATA.layout.unit) : null;

  // ---- the network -----------------------------------------------------------------
  var visNodes = new vis.DataSet(NODES.map(function (n) {
    var s = nodeStyle[n.type];
    return {id: n.id, label: n.label, shape: s.shape, size: n.size,
            x: initial ? initial.x[n.id] : undefined, y: initial ? initial.y[n.id] : undefined,
            color: {background: s.color, border: s.color,
                    highlight: {background: s.color, border: "#222222"},
                    hover: {background: s.color, border: "#222222"}}};
  }));
  var visEdges = new vis.DataSet(EDGES.map(function (e) {
    var r = relStyle[e.type], m = modStyle[e.modality];
    var o = {id: e.id, from: e.from, to: e.to, label: edgeLabel(e), dashes: m.dashes,
             color: {color: r.color, highlight: r.color, hover: r.color,
                     opacity: e.modality === "negated" ? 0.55 : 1}};
    if (!r.symmetric) o.arrows = {to: {enabled: true, scaleFactor: 0.6}};
    if (e.curve) {
      o.smooth = {enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW",
                  roundness: Math.abs(e.curve)};
    }
    return o;
  }));
  stats.nodes = visNodes.length;
  stats.edges = visEdges.length;

  // ---- filters ---------------------------------------------------------------------
  var on = {rel: dict(), mod: dict(), node: dict()};
  DATA.relationTypes.forEach(function (t) { on.rel[t.name] = true; });
  DATA.modalities.forEach(function (t) { on.mod[t.name] = true; });
  DATA.nodeTypes.forEach(function (t) { on.node[t.name] = true; });
  var nodeOk = new Uint8Array(NODES.length), edgeOk = new Uint8Array(EDGES.length);

  function dateOk(d) {
    var from = $("kg-date-from").value, to = $("kg-date-to").value;
    if (!d) return $("kg-date-undated").checked;
    // Compare at the precision of the edge's date, so "2017" is inside 2017-01-01..
    if (from && d < from.slice(0, d.length)) return false;
    if (to && d > to.slice(0, d.length)) return false;
    return true;
  }
  function computeVisibility() {
    var onlyConnected = $("kg-only-connected").checked, nv = 0, ne = 0;
    NODES.forEach(function (n) { nodeOk[n.id] = on.node[n.type] ? 1 : 0; });
    EDGES.forEach(function (e) {
      edgeOk[e.id] = on.rel[e.type] && on.mod[e.modality] && nodeOk[e.from] && nodeOk[e.to]
        && dateOk(e.date) ? 1 : 0;
    });
    if (onlyConnected) {
      var touched = new Uint8Array(NODES.length);
      EDGES.forEach(function (e) { if (edgeOk[e.id]) { touched[e.from] = 1; touched[e.to] = 1; } });
      NODES.forEach(function (n) { nodeOk[n.id] = nodeOk[n.id] && touched[n.id]; });
    }
    for (var i = 0; i < nodeOk.length; i++) nv += nodeOk[i];
    for (var j = 0; j < edgeOk.length; j++) ne += edgeOk[j];
    stats.visibleNodes = nv;
    stats.visibleEdges = ne;
  }
  computeVisibility();
  var nodeView = new vis.DataView(visNodes, {filter: function (n) { return nodeOk[n.id] === 1; }});
  var edgeView = new vis.DataView(visEdges, {filter: function (e) { return edgeOk[e.id] === 1; }});

  function applyFilters() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    showStats();
  }
  function showStats() {
    var m = DATA.meta, s = stats;
    var parts = [s.visibleNodes === s.nodes ? s.nodes + " actors" : s.visibleNodes + " of " + s.nodes + " actors",
                 s.visibleEdges === s.edges ? s.edges + " relations" : s.visibleEdges + " of " + s.edges + " relations",
                 m.articles + (m.articles === 1 ? " article" : " articles")];
    $("kg-stats").textContent = parts.join(" · ");
    document.body.dataset.visibleNodes = String(s.visibleNodes);
    document.body.dataset.visibleEdges = String(s.visibleEdges);
  }

  function swatchNode(style) {
    var c = style.color, p;
    switch (style.shape) {
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
  checkList($("kg-filter-type"), DATA.relationTypes, on.rel,
            function (t) { return swatchLine(t.color, null); }, "relation");
  checkList($("kg-filter-modality"), DATA.modalities, on.mod,
            function (t) { return swatchLine("#555555", t.dashes); }, "modality");
  checkList($("kg-filter-node"), DATA.nodeTypes, on.node, swatchNode, "node");

  (function setUpDates() {
    var full = /^\d{4}-\d{2}-\d{2}$/, from = $("kg-date-from"), to = $("kg-date-to");
    if (!DATA.meta.dateMin) { from.disabled = true; to.disabled = true; }
    [from, to].forEach(function (input) {
      if (full.test(DATA.meta.dateMin || "")) input.min = DATA.meta.dateMin;
      if (full.test(DATA.meta.dateMax || "")) input.max = DATA.meta.dateMax;
      input.addEventListener("change", applyFilters);
    });
    $("kg-date-undated").addEventListener("change", applyFilters);
    $("kg-only-connected").addEventListener("change", applyFilters);
  })();

  function resetFilters() {
    document.querySelectorAll("#kg-side input[type=checkbox]").forEach(function (box) {
      box.checked = box.id !== "kg-only-connected";
    });
    [on.rel, on.mod, on.node].forEach(function (state) {
      for (var k in state) state[k] = true;
    });
    $("kg-date-from").value = "";
    $("kg-date-to").value = "";
    applyFilters();
  }
  $("kg-reset").addEventListener("click", resetFilters);

  var network = new vis.Network($("kg-network"), {nodes: nodeView, edges: edgeView}, DATA.options);

  // ---- layout: physics only until the layout has settled ---------------------------
  var t0 = performance.now();
  function settled(iterations) {
    if (stats.settled) return;
    network.setOptions({physics: {enabled: false}});
    // fit() frames the symbols, not their labels: leave room for the outer labels.
    network.moveTo({scale: network.getScale() * 0.92});
    stats.settled = true;
    stats.settleMs = performance.now();
    stats.layoutMs = stats.settleMs - t0;
    stats.iterations = iterations === undefined ? null : iterations;
    $("kg-loading").hidden = true;
    document.body.dataset.settled = "true";
    resolveSettled(stats);
  }
  var lastIterations = 0;
  network.on("stabilizationProgress", function (p) {
    lastIterations = p.iterations;
    $("kg-loading-bar").firstChild.style.width = Math.round(100 * p.iterations / p.total) + "%";
    $("kg-loading-text").textContent = "Laying out " + stats.nodes + " actors… " +
      Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () { settled(lastIterations); });
  network.once("stabilized", function (p) { settled(p && p.iterations); });
  if (NODES.length < 2) settled(0);

  // ---- tooltips (hover) ------------------------------------------------------------
  var tip = $("kg-tip");
  function edgeSummary(e) {
    return [
      el("div", {className: "kg-head"}, label(e.from), " — ", edgeLabel(e), " → ", label(e.to)),
      el("div", {className: "kg-dim"},
         ["modality: " + e.modality, e.date && "date: " + e.date,
          e.confidence !== null && "confidence: " + fmtConf(e.confidence)].filter(Boolean).join(" · ")),
      e.evidence ? el("div", {className: "kg-evidence"}, e.evidence) : null,
      e.article ? el("div", {className: "kg-dim"}, "source: ", articleBits(e.article)) : null
    ];
  }
  function nodeSummary(n) {
    var roles = outEdges[n.id].filter(function (e) { return e.type === "holds-role"; });
    return [
      el("div", {className: "kg-head"}, n.label),
      el("div", {className: "kg-dim"}, n.type, " · ", n.degree + (n.degree === 1 ? " relation" : " relations")),
      roles.length ? el("div", null, roles.map(function (e) {
        return (e.role || "role") + " of " + label(e.to);
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
  network.on("hoverNode", function (p) { showTip(nodeSummary(NODES[p.node]), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeSummary(EDGES[p.edge]), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  $("kg-canvas-wrap").addEventListener("mouseleave", hideTip);

  // ---- details panel (click) -------------------------------------------------------
  var panel = $("kg-panel");
  function row(name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return null;
    return [el("dt", null, name), el("dd", null, value)];
  }
  function relationButton(e, other) {
    var b = el("button", {type: "button", className: "kg-link"}, edgeLabel(e), " ", other);
    b.addEventListener("click", function () { selectEdge(e.id); });
    return b;
  }
  function showNode(id) {
    var n = NODES[id];
    var roles = outEdges[id].filter(function (e) { return e.type === "holds-role"; });
    var holders = inEdges[id].filter(function (e) { return e.type === "holds-role"; });
    var rels = outEdges[id].map(function (e) { return relationButton(e, "→ " + label(e.to)); })
      .concat(inEdges[id].map(function (e) { return relationButton(e, "← " + label(e.from)); }));
    clear(panel);
    add(panel, [
      el("h2", null, n.label),
      el("dl", null,
         row("type", n.type),
         row("Wikidata", wikidataLink(n.wikidata)),
         row("also", n.aliases.join(", ")),
         row("date", n.date),
         row("place", label(n.place)),
         row("relations", String(n.degree)),
         row("IRI", el("span", {className: "kg-dim"}, n.iri))),
      roles.length ? [el("h3", null, "Roles"), el("ul", null, roles.map(function (e) {
        return el("li", null, (e.role || "role") + " of " + label(e.to),
                  e.modality !== "asserted" ? " (" + e.modality + ")" : null);
      }))] : null,
      holders.length ? [el("h3", null, "Role holders"), el("ul", null, holders.map(function (e) {
        return el("li", null, label(e.from) + " (" + (e.role || "role") + ")");
      }))] : null,
      rels.length ? [el("h3", null, "Relations"), el("ul", null, rels.map(function (b) {
        return el("li", null, b);
      }))] : null,
      n.articles.length ? [el("h3", null, "Articles"), el("ul", null, n.articles.map(function (a) {
        return el("li", null, articleBits(a));
      }))] : null
    ]);
    stats.selected = {node: id};
  }
  function edgeDetails(e) {
    return el("dl", null,
      row("relation", e.type),
      row("from", label(e.from)),
      row("to", label(e.to)),
      row("modality", e.modality),
      row("role", e.role),
      row("date", e.date),
      row("place", label(e.place) || e.placeText),
      row("confidence", fmtConf(e.confidence)),
      row("rule", e.rule),
      row("event", e.event),
      row("article", e.article ? articleBits(e.article) : null));
  }
  function showEdge(id) {
    var e = EDGES[id];
    // Every relation between the same two actors, so all their evidence is in one place.
    var pair = outEdges[e.from].concat(inEdges[e.from]).filter(function (x) {
      return x.id !== e.id && ((x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
    });
    clear(panel);
    add(panel, [
      el("h2", null, label(e.from), " — ", edgeLabel(e), " → ", label(e.to)),
      el("h3", null, "Evidence"),
      el("div", {className: "kg-evidence"}, e.evidence || "(none recorded)"),
      edgeDetails(e),
      pair.length ? [el("h3", null, "Other relations between these actors"),
        pair.map(function (x) {
          return el("div", {className: "kg-relation"},
                    el("div", {className: "kg-head"}, label(x.from), " — ", edgeLabel(x), " → ", label(x.to)),
                    x.evidence ? el("div", {className: "kg-evidence"}, x.evidence) : null,
                    el("div", {className: "kg-dim"},
                       [x.date, x.confidence !== null && "confidence " + fmtConf(x.confidence)]
                         .filter(Boolean).join(" · ")));
        })] : null
    ]);
    stats.selected = {edge: id};
  }
  function showHint() {
    clear(panel);
    add(panel, el("p", {className: "kg-note"}, "Click an actor or a relation to see its details and evidence."));
    stats.selected = null;
  }
  function selectEdge(id) {
    if (edgeOk[id]) network.selectEdges([id]);
    showEdge(id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showHint();
  });

  // ---- search ----------------------------------------------------------------------
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var keys = NODES.map(function (n) {
    return {label: norm(n.label), aliases: n.aliases.map(norm)};
  });
  (function fillNames() {
    var seen = dict(), list = $("kg-names");
    NODES.forEach(function (n) {
      if (seen[n.label]) return;
      seen[n.label] = true;
      list.appendChild(el("option", {value: n.label}));
    });
  })();
  function findNode(query) {
    var q = norm(query);
    if (!q) return null;
    var tests = [
      function (k) { return k.label === q; },
      function (k) { return k.aliases.indexOf(q) >= 0; },
      function (k) { return k.label.indexOf(q) === 0; },
      function (k) { return k.label.indexOf(q) >= 0; },
      function (k) { return k.aliases.some(function (a) { return a.indexOf(q) >= 0; }); }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < keys.length; i++) if (tests[t](keys[i])) return i;
    }
    return null;
  }
  function focusNode(id) {
    if (!nodeOk[id]) {   // a filtered-out actor: show it again rather than focus nothing
      on.node[NODES[id].type] = true;
      var box = document.querySelector('#kg-filter-node input[data-value="' + CSS.escape(NODES[id].type) + '"]');
      if (box) box.checked = true;
      $("kg-only-connected").checked = false;
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2),
                       animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showNode(id);
    return id;
  }
  $("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = $("kg-search").value, id = findNode(query), msg = $("kg-search-msg");
    if (id === null) {
      msg.textContent = query.trim() ? "No actor matches “" + query.trim() + "”." : "";
      return;
    }
    msg.textContent = "";
    focusNode(id);
  });

  showStats();
  window.kg = {network: network, nodes: visNodes, edges: visEdges, nodeView: nodeView,
               edgeView: edgeView, data: DATA, find: findNode, focus: focusNode,
               showNode: showNode, showEdge: showEdge, applyFilters: applyFilters,
               resetFilters: resetFilters};
})();
