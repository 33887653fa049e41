/* The charts of the dashboard and of resource pages, drawn from the JSON data blocks the
   server puts beside them (computed from canned queries).

   A chart is an element with data-chart="KIND" and role="img": an image whose text
   alternative (its aria-label) the server writes in the page's language; its data is the
   element whose id is data-source (by default "KIND-data"), a <script type="application/json">
   that is never run. The table under a chart holds the same figures and the links, for the
   keyboard, screen readers and readers without JavaScript; this script folds it away once
   the chart is up. Nothing inside the image takes the focus: a mark opens its page on a
   click (a pointer's shortcut). Every word drawn comes from the data block (its `words` and
   the names from the graph), in the page's language; `foreign` names the labels that are in
   another language, marked with `lang` where they are drawn.

   Each chart is laid out for the width it is given, from a phone's up: labels are measured,
   then wrapped, turned or placed so that each is whole, inside the chart and apart from the
   others; a chart is drawn again when its width changes. Observable Plot draws the scales,
   bars and cells, d3 the labels, the network and the map (outlines from world-atlas served
   by this site, no tile server: markers and labels stay when the outlines cannot be
   loaded). */
"use strict";

(function () {
  const COLORS = {
    companies: "#3b6fb6", research: "#e08a2c", other: "#5aa469", unbroken: "#b9c2cc",
    overview: "#3b6fb6", sumOfStated: "#9cc0e6",
    cluster: "#3b6fb6", network: "#e08a2c", programme: "#5aa469", member: "#3b6fb6",
  };
  const ON_COLOR = {companies: "#fff", research: "#1a1a1a", other: "#1a1a1a",
                    unbroken: "#1a1a1a"};
  const STATUSES = ["#3b6fb6", "#a8551c", "#3c7a47", "#7d4e9e", "#80620f", "#a23b55",
                    "#4f5b66"];
  const INK = "#1a1a1a", MUTED = "#4f5b66", GRID = "#c8d0d8", PALE = "#dbe6f3";
  const FONT = 12, LINE = 15, FAMILY = "system-ui, sans-serif";
  const STYLE = {fontSize: `${FONT}px`, fontFamily: FAMILY, color: INK};
  const lang = document.documentElement.lang || "en";

  /* Measuring and wrapping text, as the browser will draw it. */
  const pen = document.createElement("canvas").getContext("2d");

  function measure(text, weight = "normal") {
    pen.font = `${weight} ${FONT}px ${FAMILY}`;
    return pen.measureText(String(text)).width;
  }

  function widest(texts, weight) {
    return Math.max(0, ...texts.map((t) => measure(t, weight)));
  }

  /* Lines of at most `room` pixels, broken at spaces (not at no-break spaces; a word wider
     than that is a line of its own: callers give room for the widest word). */
  function wrap(text, room, weight) {
    const lines = [];
    let line = "";
    for (const word of String(text).split(/[ \n\t]+/).filter(Boolean)) {
      const longer = line ? `${line} ${word}` : word;
      if (line && measure(longer, weight) > room) {
        lines.push(line);
        line = word;
      } else {
        line = longer;
      }
    }
    return line ? [...lines, line] : lines.length ? lines : [""];
  }

  function fit(box, most) {
    return Math.max(280, Math.min(Math.floor(box.clientWidth) || 800, most));
  }

  function tongue(d, text) {
    return (d.foreign || {})[text] || null;
  }

  /* A text of one or more lines; `y` is the first line's baseline. */
  function write(parent, lines, x, y, options = {}) {
    const text = parent.append("text").attr("x", x).attr("y", y)
      .attr("text-anchor", options.anchor || "start").attr("fill", options.fill || INK)
      .attr("font-size", FONT);
    if (options.weight) text.attr("font-weight", options.weight);
    if (options.italic) text.attr("font-style", "italic");
    if (options.lang) text.attr("lang", options.lang);
    if (options.rotate) text.attr("transform", `rotate(${options.rotate} ${x} ${y})`);
    if (options.halo) {
      text.attr("stroke", "#fff").attr("stroke-width", 3).attr("paint-order", "stroke");
    }
    lines.forEach((line, i) => text.append("tspan").attr("x", x).attr("dy", i ? LINE : 0)
      .text(line));
    return text;
  }

  /* A mark opens its page on a click; it is no link and takes no focus (the table under
     the chart holds the links). A mark for the page itself opens nothing. */
  function opens(element, href) {
    if (!href || href === window.location.pathname) return;
    element.classList.add("opens");
    element.dataset.href = href;
    element.addEventListener("click", () => window.location.assign(href));
  }

  /* Plot binds each element of a mark to its datum's index. A mark for the page itself opens
     its cluster instead, where it has one (a PNRR component's cells on the component's page). */
  function openMarks(chart, className, items) {
    for (const element of chart.querySelectorAll(`g.${className} > *`)) {
      const item = items[element.__data__];
      if (item) {
        opens(element, item.href === window.location.pathname ? item.clusterHref : item.href);
      }
    }
  }

  /* The chart is an image described by its box's aria-label: nothing in it is announced. */
  function image(node) {
    for (const element of node.querySelectorAll("[aria-label], [aria-description], [role]")) {
      element.removeAttribute("aria-label");
      element.removeAttribute("aria-description");
      element.removeAttribute("role");
    }
    const svgs = node.tagName.toLowerCase() === "svg" ? [node] : node.querySelectorAll("svg");
    for (const svg of svgs) svg.setAttribute("aria-hidden", "true");
    return node;
  }

  /* A legend of swatches: [{color, text, lang, shape}]. */
  function legend(entries, className = "chart-legend") {
    const list = document.createElement("ul");
    list.className = className;
    for (const entry of entries) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `swatch ${entry.shape || ""}`.trim();
      if (entry.color) swatch.style.background = entry.color;
      const words = document.createElement("span");
      words.textContent = entry.text;
      if (entry.lang) words.lang = entry.lang;
      item.append(swatch, " ", words);
      list.append(item);
    }
    return list;
  }

  function together(...parts) {
    const wrapper = document.createElement("div");
    wrapper.append(...parts);
    return wrapper;
  }

  /* Rows of bars, each with its label whole above it, wrapped to the chart's width. */
  function rowsOf(names, width, bars) {
    const lines = names.map((name) => wrap(name, width - 14, "bold"));
    const head = Math.max(1, ...lines.map((l) => l.length)) * LINE + 3;
    return {lines, head, bars, height: head + bars + 12};
  }

  function rowLabels(svg, d, names, rows, y) {
    const labels = svg.append("g").attr("class", "row-labels");
    names.forEach((name, i) => write(labels, rows.lines[i], 11, y.apply(name) + FONT - 1,
                                     {weight: "bold", halo: true, lang: tongue(d, name)}));
  }

  function valueAt(parent, value, x, top, height) {
    write(parent, [String(value)], x + 4, top + height / 2 + FONT * 0.35);
  }

  /* Members per cluster, stacked by type; clusters stating no figure say so in words. */
  function members(d, box) {
    const kinds = ["companies", "research", "other", "unbroken"].filter(
      (k) => d.segments.some((s) => s.category === k));
    const width = fit(box, 960);
    const most = Math.max(1, ...d.clusters.map((c) => c.total || 0));
    const rows = rowsOf(d.order, width, 20);
    const chart = Plot.plot({
      width, height: 4 + d.order.length * rows.height + 40, style: STYLE,
      marginTop: 4, marginLeft: 8, marginBottom: 40,
      marginRight: Math.ceil(measure(String(most))) + 12,
      x: {domain: [0, most], nice: true, grid: true, label: d.words.members},
      y: {domain: d.order, axis: null, padding: 0},
      color: {domain: kinds, range: kinds.map((k) => COLORS[k])},
      marks: [
        Plot.barX(d.segments, {
          y: "cluster", x: "value", fill: "category", order: kinds, className: "segment",
          insetTop: rows.head, insetBottom: 12,
          title: (s) => `${s.name}\n${d.words[s.category]}: ${s.value}`,
        }),
        Plot.ruleX([0]),
      ],
    });
    const x = chart.scale("x"), y = chart.scale("y"), svg = d3.select(chart);
    rowLabels(svg, d, d.order, rows, y);
    const values = svg.append("g").attr("class", "values");
    const blank = svg.append("g").attr("class", "not-stated");
    const inside = svg.append("g").attr("class", "parts").attr("pointer-events", "none");
    const stacked = new Map();
    const parts = d3.rollup(d.segments, (v) => v.length, (s) => s.cluster);
    for (const kind of kinds) {  // each part's figure in it, where a total has parts
      for (const s of d.segments.filter((t) => t.category === kind && parts.get(t.cluster) > 1)) {
        const from = stacked.get(s.cluster) || 0;
        stacked.set(s.cluster, from + s.value);
        const x1 = x.apply(from), x2 = x.apply(from + s.value);
        if (x2 - x1 >= measure(String(s.value)) + 8) {
          write(inside, [String(s.value)], (x1 + x2) / 2,
                y.apply(s.cluster) + rows.head + 10 + FONT * 0.35,
                {anchor: "middle", fill: ON_COLOR[kind]});
        }
      }
    }
    for (const c of d.clusters) {
      const top = y.apply(c.short) + rows.head;
      if (c.total === null) {
        write(blank, [d.words.notStated], 4, top + 10 + FONT * 0.35,
              {fill: MUTED, italic: true});
      } else {
        valueAt(values, c.total, x.apply(c.total), top, 20);
      }
    }
    openMarks(chart, "segment", d.segments);
    return together(legend(kinds.map((k) => ({color: COLORS[k], text: d.words[k]}))), chart);
  }

  /* The overview's totals beside the sum of the figures the clusters state. */
  function totals(d, box) {
    const which = ["overview", "sumOfStated"];
    const width = fit(box, 960);
    const names = d.rows.map((r) => r.category);
    const rows = rowsOf(names, width, 2 * 14 + 3);
    const most = Math.max(1, ...d.rows.flatMap((r) => [r.overview, r.sumOfStated]));
    const bars = (key) => d.rows.map((r) => ({category: r.category, which: key,
                                              value: r[key]}));
    const title = (b) => `${b.category}\n${d.words[b.which]}: ${b.value}`;
    const chart = Plot.plot({
      width, height: 4 + names.length * rows.height + 40, style: STYLE,
      marginTop: 4, marginLeft: 8, marginBottom: 40,
      marginRight: Math.ceil(measure(String(most))) + 12,
      x: {domain: [0, most], nice: true, grid: true, label: d.words.members},
      y: {domain: names, axis: null, padding: 0},
      color: {domain: which, range: which.map((w) => COLORS[w])},
      marks: [
        Plot.barX(bars("overview"), {y: "category", x: "value", fill: "which", title,
                                     className: "total", insetTop: rows.head,
                                     insetBottom: 12 + 14 + 3}),
        Plot.barX(bars("sumOfStated"), {y: "category", x: "value", fill: "which", title,
                                        className: "total", insetTop: rows.head + 14 + 3,
                                        insetBottom: 12}),
        Plot.ruleX([0]),
      ],
    });
    const x = chart.scale("x"), y = chart.scale("y"), svg = d3.select(chart);
    rowLabels(svg, d, names, rows, y);
    const values = svg.append("g").attr("class", "values");
    for (const r of d.rows) {
      const top = y.apply(r.category) + rows.head;
      valueAt(values, r.overview, x.apply(r.overview), top, 14);
      valueAt(values, r.sumOfStated, x.apply(r.sumOfStated), top + 17, 14);
    }
    return together(legend(which.map((w) => ({color: COLORS[w], text: d.words[w]}))), chart);
  }

  /* A programme's projects: one block per project, in a row per cluster, coloured by status;
     a project's name is written in its block where it fits whole. */
  function projects(d, box) {
    const width = fit(box, 960);
    const counts = new Map();
    const items = d.projects.map((p) => {
      const at = counts.get(p.cluster) || 0;
      counts.set(p.cluster, at + 1);
      return {...p, status: p.status || d.words.noStatus, x1: at, x2: at + 1};
    });
    const statuses = [...new Set(items.map((p) => p.status))];
    const colors = statuses.map((_, i) => STATUSES[i % STATUSES.length]);
    const most = Math.max(1, ...counts.values());
    const rows = rowsOf(d.clusters, width, 26);
    const chart = Plot.plot({
      width, height: 4 + d.clusters.length * rows.height + 40, style: STYLE,
      marginTop: 4, marginLeft: 8, marginBottom: 40,
      marginRight: Math.ceil(measure(String(most))) + 12,
      x: {domain: [0, most], grid: true, label: d.words.projects, tickFormat: "d",
          ticks: d3.ticks(0, most, Math.min(most, Math.floor(width / 60)))
            .filter(Number.isInteger)},
      y: {domain: d.clusters, axis: null, padding: 0},
      color: {domain: statuses, range: colors},
      marks: [
        Plot.barX(items, {x1: "x1", x2: "x2", y: "cluster", fill: "status", inset: 1.5,
                          insetTop: rows.head, insetBottom: 12, className: "project",
                          title: (p) => `${p.project}\n${p.cluster}\n${p.status}`}),
        Plot.ruleX([0]),
      ],
    });
    const x = chart.scale("x"), y = chart.scale("y"), svg = d3.select(chart);
    rowLabels(svg, d, d.clusters, rows, y);
    const names = svg.append("g").attr("class", "names").attr("pointer-events", "none");
    const values = svg.append("g").attr("class", "values");
    for (const p of items) {
      const x1 = x.apply(p.x1), x2 = x.apply(p.x2);
      if (x2 - x1 >= measure(p.project) + 10) {
        write(names, [p.project], (x1 + x2) / 2, y.apply(p.cluster) + rows.head + 13 + FONT * 0.35,
              {anchor: "middle", fill: "#fff", lang: tongue(d, p.project)});
      }
    }
    for (const [cluster, count] of counts) {
      valueAt(values, count, x.apply(count), y.apply(cluster) + rows.head, 26);
    }
    openMarks(chart, "project", items);
    return together(legend(statuses.map((s, i) => ({color: colors[i], text: s,
                                                    lang: tongue(d, s)}))), chart);
  }

  /* Column headings of a heat-map: across, wrapped, where each fits its column; else
     turned upright, wrapped into as many lines as the column holds side by side. */
  function headings(names, band) {
    const room = band - 6;
    const across = names.map((n) => wrap(n, room));
    if (across.every((l) => l.length <= 3 && widest(l) <= room)) {
      return {lines: across, upright: false,
              height: Math.max(...across.map((l) => l.length)) * LINE + 2};
    }
    const side = Math.max(1, Math.floor((band - 4) / LINE));
    let room2 = widest(names.flatMap((n) => n.split(/\s+/)));
    let lines = names.map((n) => wrap(n, room2));
    while (!lines.every((l) => l.length <= side)) {
      room2 += 8;
      lines = names.map((n) => wrap(n, room2));
    }
    return {lines, upright: true, height: widest(lines.flat()) + 4};
  }

  /* Clusters (rows) against columns; a cell opens the column's resource. Row labels sit
     left of the cells where the columns keep 44 px each beside them, else above each row. */
  function heatmap(d, box, o) {
    const most = fit(box, 1100);
    const rowsWide = widest(d.rows, "bold");
    const beside = rowsWide + 14 + 44 * d.columns.length <= most;
    const left = beside ? Math.ceil(rowsWide) + 14 : 1;
    const band = Math.min(120, Math.floor((most - left - 2) / d.columns.length));
    const rowLines = d.rows.map((r) => (beside ? [r] : wrap(r, most - 4, "bold")));
    const width = Math.ceil(Math.max(left + band * d.columns.length + 2,
                                     beside ? 0 : widest(rowLines.flat(), "bold") + 4));
    const heads = headings(d.columns.map(o.heading), band);
    const above = 8;  // between a row's label and the cells of the row before
    const head = beside ? 0 : Math.max(...rowLines.map((l) => l.length)) * LINE + above + 1;
    const cell = 30, top = Math.ceil(heads.height) + 10;
    const pairs = d.rows.flatMap((r) => d.columns.map((c) => ({row: r, column: c})));
    const max = Math.max(1, ...d.cells.map(o.value));
    const chart = Plot.plot({
      width, height: top + d.rows.length * (head + cell) + 4, style: STYLE,
      marginTop: top, marginLeft: left, marginRight: 2, marginBottom: 4,
      x: {domain: d.columns, axis: null, padding: 0},
      y: {domain: d.rows, axis: null, padding: 0},
      color: {type: "linear", domain: [0, max], range: ["#e6eef8", "#5b8fcf"]},
      marks: [
        Plot.cell(pairs, {x: "column", y: "row", fill: "#f3f6f9", inset: 2, insetTop: head + 1}),
        Plot.cell(d.cells, {x: o.x, y: "cluster", fill: o.value, title: o.title,
                            className: "cell", inset: 2, insetTop: head + 1}),
        ...(o.ringed ? [Plot.dot(d.cells.filter(o.ringed), {
          x: o.x, y: "cluster", r: 11, dy: head / 2, stroke: INK, strokeWidth: 1.5,
          fill: "none", pointerEvents: "none", className: "reference"})] : []),
        Plot.text(d.cells, {x: o.x, y: "cluster", text: o.value, dy: head / 2, fill: "#111",
                            pointerEvents: "none", className: "value"}),
      ],
    });
    const x = chart.scale("x"), y = chart.scale("y"), svg = d3.select(chart);
    const labels = svg.append("g").attr("class", "row-labels");
    d.rows.forEach((r, i) => {
      const at = y.apply(r), language = tongue(d, r);
      if (beside) {
        write(labels, [r], left - 8, at + (head + cell) / 2 + FONT * 0.35,
              {anchor: "end", weight: "bold", lang: language});
      } else {
        write(labels, rowLines[i], 2, at + above + FONT - 1, {weight: "bold", lang: language});
      }
    });
    const columns = svg.append("g").attr("class", "column-labels");
    d.columns.forEach((c, i) => {
      const lines = heads.lines[i], middle = x.apply(c) + band / 2;
      const language = tongue(d, o.heading(c));
      if (heads.upright) {
        write(columns, lines, middle - ((lines.length - 1) * LINE) / 2 + FONT * 0.35,
              top - 10, {rotate: -90, lang: language});
      } else {
        write(columns, lines, middle, top - 10 - (lines.length - 1) * LINE,
              {anchor: "middle", lang: language});
      }
    });
    openMarks(chart, "cell", d.cells);
    return chart;
  }

  function s3(d, box) {
    const chart = heatmap(d, box, {
      x: "ecosystem", value: (c) => c.synergies, heading: (c) => c, ringed: (c) => c.reference,
      title: (c) => `${c.clusterName}\n${c.ecosystem}\n${c.synergies} ${d.words.synergies}`
        + (c.reference ? `\n${d.words.reference}` : ""),
    });
    return together(legend([{shape: "ring", text: d.words.reference},
                            {shape: "shade", text: d.words.shade}]), chart);
  }

  /* Components by their codes (M2C1), each named in the key under the chart. */
  function pnrr(d, box) {
    const chart = heatmap(d, box, {
      x: "component", value: (c) => c.count, heading: (c) => c,
      title: (c) => `${c.component} ${c.componentName}\n${c.clusterName}:\n`
        + c.projects.map((p) => "· " + (p.itself ? d.words.itself : p.name)).join("\n"),
    });
    const named = new Map(d.cells.map((c) => [c.component, c.componentName]));
    const key = document.createElement("ul");
    key.className = "chart-key";
    for (const code of d.columns) {
      const item = document.createElement("li");
      const strong = document.createElement("strong");
      strong.textContent = code;
      const name = document.createElement("span");
      name.textContent = named.get(code);
      if (tongue(d, named.get(code))) name.lang = tongue(d, named.get(code));
      item.append(strong, " ", name);
      key.append(item);
    }
    return together(chart, key);
  }

  /* Two columns linked: clusters (or a network) on the left, what they share (or its members)
     on the right, each column ordered by its links' places to cross the fewest; labels
     wrapped beside their nodes, on the outer sides. Hovering a node shows its links. A link
     is dashed when the member is in the network only through one of its pilots, working
     groups or tables (`direct` false); its title says each way (`ways`). */
  function network(d, box) {
    const most = fit(box, 1000);
    const nodes = d.nodes.map((n) => ({...n}));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links = d.links.map((l) => ({...l, source: byId.get(l.source),
                                        target: byId.get(l.target)}))
      .filter((l) => l.source && l.target);
    const leftKinds = new Set(links.map((l) => l.source.kind));
    const left = nodes.filter((n) => leftKinds.has(n.kind));
    const right = nodes.filter((n) => !leftKinds.has(n.kind));
    const near = new Map(nodes.map((n) => [n, []]));
    for (const l of links) {
      near.get(l.source).push(l.target);
      near.get(l.target).push(l.source);
    }
    const place = new Map();
    const settle = (column) => column.forEach((n, i) => place.set(n, (i + 0.5) / column.length));
    settle(left);
    for (let round = 0; round < 6; round++) {
      for (const column of [right, left]) {
        const keyed = column.map((n, i) => [near.get(n).length
          ? d3.mean(near.get(n), (m) => place.get(m) ?? 0.5) : 2, i, n]);
        keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        column.splice(0, column.length, ...keyed.map((k) => k[2]));
        settle(column);
      }
    }
    const radius = (n) => (leftKinds.has(n.kind) ? 8 : 4 + 1.5 * Math.min(n.clusters || 1, 6));
    const pad = 4, reach = Math.max(8, ...right.map(radius));
    const gap = Math.max(80, Math.min(420, most * 0.25));
    const room = Math.max(60, (most - gap - 2 * pad - 8 - reach - 2 * 8) / 2);
    const lines = new Map([...left.map((n) => [n, wrap(n.name, room, "bold")]),
                           ...right.map((n) => [n, wrap(n.name, room)])]);
    const leftWide = widest(left.flatMap((n) => lines.get(n)), "bold");
    const rightWide = widest(right.flatMap((n) => lines.get(n)));
    const xLeft = pad + leftWide + 8 + 8;
    const span = Math.max(gap, Math.min(480, most - xLeft - reach - 8 - rightWide - pad));
    const xRight = xLeft + span;
    const width = Math.ceil(xRight + reach + 8 + rightWide + pad);
    const slot = (n) => Math.max(lines.get(n).length * LINE, 2 * radius(n)) + 10;
    const tall = (column) => d3.sum(column, slot);
    const height = Math.ceil(Math.max(tall(left), tall(right)) + 2 * pad);
    for (const [column, x] of [[left, xLeft], [right, xRight]]) {
      const extra = (height - 2 * pad - tall(column)) / Math.max(1, column.length);
      let y = pad;
      for (const n of column) {
        const h = slot(n) + extra;
        Object.assign(n, {x, y: y + h / 2});
        y += h;
      }
    }
    const svg = d3.create("svg").attr("viewBox", [0, 0, width, height]).attr("width", width)
      .attr("height", height).attr("class", "network-chart").attr("font-family", FAMILY)
      .attr("font-size", FONT);
    const curve = d3.linkHorizontal().x((p) => p[0]).y((p) => p[1]);
    const through = (l) => l.direct === false;
    const line = svg.append("g").attr("fill", "none").attr("stroke", "#9aa8b5")
      .attr("stroke-opacity", 0.7).selectAll("path").data(links).join("path")
      .attr("class", (l) => (through(l) ? "link through" : "link"))
      .attr("stroke-dasharray", (l) => (through(l) ? "5 3" : null))
      .attr("stroke-width", (l) => (through(l) ? 1.5 : 1))
      .attr("d", (l) => curve({source: [l.source.x, l.source.y], target: [l.target.x, l.target.y]}));
    line.filter((l) => l.ways && l.ways.length).append("title")
      .text((l) => `${l.source.title} \u2013 ${l.target.title}: ` + l.ways.map((w) =>
        (w.via ? `${d.words.through} ${w.via}` : d.words.directly)
        + (w.role ? `, ${w.role}` : "")).join("; "));
    const node = svg.append("g").selectAll("g").data(nodes).join("g")
      .attr("class", (n) => `node ${n.kind}`);
    node.append("circle").attr("r", radius).attr("fill", (n) => COLORS[n.kind])
      .attr("stroke", "#fff").attr("stroke-width", 1.5).attr("cx", (n) => n.x)
      .attr("cy", (n) => n.y);
    node.each(function (n) {
      const onLeft = leftKinds.has(n.kind), k = lines.get(n).length;
      write(d3.select(this), lines.get(n), onLeft ? n.x - radius(n) - 6 : n.x + radius(n) + 6,
            n.y - ((k - 1) * LINE) / 2 + FONT * 0.35,
            {anchor: onLeft ? "end" : "start", weight: onLeft ? "bold" : null,
             lang: tongue(d, n.name)});
      opens(this, n.href);
    });
    node.append("title").text((n) => `${n.title} (${d.words[n.kind]}`
      + (n.clusters ? `, ${n.clusters} ${d.words.shared})` : ")"));
    const rest = (l) => (through(l) ? MUTED : "#9aa8b5");  // a dashed link a shade darker
    line.attr("stroke", rest);
    function highlight(n) {
      const linked = n ? new Set([n, ...near.get(n)]) : null;
      node.attr("opacity", (m) => (!n || linked.has(m) ? 1 : 0.25));
      line.attr("stroke", (l) => (n && (l.source === n || l.target === n) ? INK : rest(l)))
        .attr("stroke-opacity", (l) => (!n || l.source === n || l.target === n ? 0.9 : 0.15));
    }
    node.on("mouseenter", (event, n) => highlight(n)).on("mouseleave", () => highlight(null));
    const kinds = [...new Set(nodes.map((n) => n.kind))];
    const entries = kinds.map((k) => ({color: COLORS[k], text: d.words[k]}));
    if (links.some(through)) entries.push({shape: "dashed", text: d.words.throughLegend});
    return together(legend(entries), svg.node());
  }

  /* The seats map: outlines from world-atlas, a marker per city at its GeoNames coordinates,
     each label in the nearest free place around its marker, with a line to it when it had
     to move away. */
  async function seats(d, box) {
    const width = fit(box, 1100);
    const height = Math.round(Math.min(620, Math.max(320, width * 0.8)));
    const points = {type: "MultiPoint", coordinates: d.cities.map((c) => [c.longitude, c.latitude])};
    const projection = d3.geoMercator().fitExtent([[40, 30], [width - 40, height - 30]], points);
    const svg = d3.create("svg").attr("viewBox", [0, 0, width, height]).attr("width", width)
      .attr("height", height).attr("class", "map-chart").attr("font-family", FAMILY)
      .attr("font-size", FONT);
    svg.append("rect").attr("width", width).attr("height", height).attr("fill", "#f4f8fb");
    const land = svg.append("g");
    try {
      const response = await fetch(d.outlines);
      if (!response.ok) throw new Error(response.statusText);
      const atlas = await response.json();
      const countries = topojson.feature(atlas, atlas.objects.countries);
      land.selectAll("path").data(countries.features).join("path")
        .attr("d", d3.geoPath(projection)).attr("fill", "#e3e8ed").attr("stroke", "#9aa8b5")
        .attr("stroke-width", 0.7);
    } catch (error) {
      box.dataset.outlines = "missing";  // the markers and labels still say where
    }
    const cities = d.cities.map((c) => {
      const [x, y] = projection([c.longitude, c.latitude]);
      return {...c, x, y, r: 4 + 3 * Math.sqrt(c.seats.length)};
    }).sort((a, b) => b.seats.length - a.seats.length);
    const taken = cities.map((c) => ({x: c.x - c.r - 2, y: c.y - c.r - 2, w: 2 * c.r + 4,
                                      h: 2 * c.r + 4}));
    const free = (b) => b.x >= 2 && b.y >= 2 && b.x + b.w <= width - 2
      && b.y + b.h <= height - 2 && taken.every((p) => b.x + b.w <= p.x || p.x + p.w <= b.x
        || b.y + b.h <= p.y || p.y + p.h <= b.y);
    const slant = Math.SQRT1_2;
    const directions = [[1, 0], [-1, 0], [0, -1], [0, 1], [slant, -slant], [-slant, -slant],
                        [slant, slant], [-slant, slant]];
    const city = svg.append("g").selectAll("g").data(cities).join("g").attr("class", "city");
    city.each(function (c) {
      const group = d3.select(this);
      const text = `${c.name} (${c.seats.length})`;
      const w = measure(text, "bold") + 4, h = LINE;
      let spot = null;
      for (let ring = 0; ring < 14 && !spot; ring++) {
        const distance = c.r + 3 + ring * 12;
        for (const [ux, uy] of directions) {
          const ax = c.x + ux * distance, ay = c.y + uy * distance;
          const b = {x: ux > 0.1 ? ax : ux < -0.1 ? ax - w : ax - w / 2,
                     y: uy > 0.1 ? ay : uy < -0.1 ? ay - h : ay - h / 2, w, h};
          if (free(b)) {
            spot = {b, ring, ux, uy, ax, ay};
            break;
          }
        }
      }
      spot = spot || {b: {x: c.x + c.r + 3, y: c.y - h / 2, w, h}, ring: 0};
      taken.push(spot.b);
      if (spot.ring > 0) {
        group.append("line").attr("x1", c.x + spot.ux * c.r).attr("y1", c.y + spot.uy * c.r)
          .attr("x2", spot.ax).attr("y2", spot.ay).attr("stroke", INK).attr("stroke-width", 1);
      }
      group.append("circle").attr("class", "marker").attr("cx", c.x).attr("cy", c.y)
        .attr("r", c.r).attr("fill", "#c0392b").attr("stroke", "#fff").attr("stroke-width", 1.5);
      write(group, [text], spot.b.x + 2, spot.b.y + h - 4,
            {weight: "bold", halo: true, lang: tongue(d, c.name)});
      group.append("title").text(`${c.name}: ${c.seats.length} ${d.words.seats}\n`
        + c.seats.map((s) => `· ${s.cluster} (${s.type})`).join("\n"));
      opens(this, c.href);
    });
    return svg.node();
  }

  /* The year's events on its months: a bar each from its first to its last day, its name,
     place and dates written above it, from the bar's start, else ending at its end, else from
     the chart's left edge. The dates show their precision: an event dated by the year alone
     (or the month) is a pale, dashed bar across it, its dates written as the year (or the
     month) with a note; one dated only by when it began runs on to the year's end. */
  function events(d, box) {
    const width = fit(box, 1100);
    const year = Number(d.year), day = 86400000;
    const utc = (iso) => new Date(`${iso}T00:00:00Z`);
    const start = new Date(Date.UTC(year, 0, 1)), end = new Date(Date.UTC(year + 1, 0, 1));
    const items = d.events.map((e) => ({...e, from: utc(e.start),
                                        to: e.open ? end : new Date(utc(e.end).getTime() + day)}));
    const months = d3.utcMonth.range(start, end);
    const middles = months.map((m) => new Date((m.getTime()
      + d3.utcMonth.offset(m, 1).getTime()) / 2));
    const short = new Intl.DateTimeFormat(lang, {month: "short", timeZone: "UTC"});
    const narrow = new Intl.DateTimeFormat(lang, {month: "narrow", timeZone: "UTC"});
    const named = widest(months.map((m) => short.format(m))) + 6 <= (width - 8) / 12
      ? short : narrow;
    const dates = new Intl.DateTimeFormat(lang, {day: "numeric", month: "short",
                                                 timeZone: "UTC"});
    const days = new Intl.DateTimeFormat(lang, {day: "numeric", month: "long", year: "numeric",
                                                timeZone: "UTC"});
    const monthly = new Intl.DateTimeFormat(lang, {month: "long", year: "numeric",
                                                   timeZone: "UTC"});
    /* The dates as precisely as the source gives them, short (on the chart) or long. */
    const when = (e, long) => {
      const first = utc(e.start), last = utc(e.end);
      let text = e.precision === "year" ? e.start.slice(0, 4)
        : e.precision === "month" ? monthly.formatRange(first, last)
        : (long ? days : dates).formatRange(first, last);
      if (e.open) text = `${d.words.since} ${e.precision === "year" ? e.start.slice(0, 4)
        : (e.precision === "month" ? monthly : long ? days : dates).format(first)}`;
      if (e.precision !== "day") text += ` (${d.words[e.precision]})`;
      return text;
    };
    const inexact = (e) => e.precision !== "day" || e.open;
    const labels = items.map((e) => wrap([e.name, e.place, when(e, false)
      .replace(/ /g, "\u00a0")].filter(Boolean).join(" · "), width - 8));
    const bar = 12, top = 30;
    const heads = labels.map((l) => l.length * LINE + 3);
    const tops = heads.map((_, i) => top + d3.sum(heads.slice(0, i)) + i * (bar + 12));
    const chart = Plot.plot({
      width, height: top + d3.sum(heads) + items.length * (bar + 12) + 4, style: STYLE,
      marginTop: top, marginLeft: 4, marginRight: 4, marginBottom: 4,
      x: {type: "utc", domain: [start, end], axis: null},
      marks: [
        Plot.gridX(months, {stroke: GRID, strokeOpacity: 1, className: "months"}),
        Plot.axisX(middles, {anchor: "top", tickSize: 0, tickPadding: 10, label: null,
                             tickFormat: (m) => named.format(m), className: "month-names"}),
      ],
    });
    const x = chart.scale("x"), svg = d3.select(chart);
    const g = svg.append("g").attr("class", "events");
    items.forEach((e, i) => {
      const y = tops[i];
      const x1 = x.apply(e.from), x2 = Math.max(x.apply(e.to), x1 + 6);
      const wide = widest(labels[i]);
      const [at, anchor] = x1 + wide <= width - 4 ? [x1, "start"]  // from the bar's start
        : x2 - wide >= 4 ? [x2, "end"] : [4, "start"];  // to its end, or from the left edge
      write(g, labels[i], at, y + FONT, {anchor, halo: true});
      const rect = g.append("rect").attr("class", inexact(e) ? "event inexact" : "event")
        .attr("x", x1).attr("y", y + heads[i]).attr("width", x2 - x1).attr("height", bar)
        .attr("fill", inexact(e) ? PALE : COLORS.cluster).attr("rx", 2);
      if (inexact(e)) rect.attr("stroke", COLORS.cluster).attr("stroke-dasharray", "4 3");
      rect.append("title").text(`${e.name}\n${when(e, true)}\n`
        + [e.place, e.country].filter(Boolean).join(", "));
      opens(rect.node(), e.href);
    });
    if (!items.some(inexact)) return chart;
    return together(legend([{color: COLORS.cluster, text: d.words.byDay},
                            {shape: "pale", text: d.words.byYear}]), chart);
  }

  const DRAW = {members, totals, s3, pnrr, network, seats, events, projects};

  async function draw(box, first) {
    const kind = box.dataset.chart;
    const source = document.getElementById(box.dataset.source || kind + "-data");
    if (!DRAW[kind] || !source) return;
    try {
      const width = box.clientWidth;
      const chart = image(await DRAW[kind](JSON.parse(source.textContent), box));
      box.replaceChildren(chart);
      box.dataset.width = width;
      box.dataset.drawn = "true";
      const table = box.parentElement.querySelector("details.as-table");
      if (first && table && !table.hasAttribute("data-keep-open")) table.open = false;
    } catch (error) {
      box.dataset.drawn = "failed";  // the table below still holds every figure
      console.error(kind, error);
    }
  }

  async function drawAll() {
    for (const box of document.querySelectorAll("[data-chart]")) await draw(box, true);
  }

  let waiting = null;
  window.addEventListener("resize", () => {
    clearTimeout(waiting);
    waiting = setTimeout(() => {
      for (const box of document.querySelectorAll("[data-chart][data-drawn='true']")) {
        if (Number(box.dataset.width) !== box.clientWidth) draw(box, false);
      }
    }, 200);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
