/* The charts of the dashboard and of resource pages, drawn from the JSON data blocks the
   server puts beside them (computed from canned queries: the tables under the charts say the
   same for readers without JavaScript, and this script folds them away once a chart is up).

   A chart is an element with data-chart="KIND"; its data is the element whose id is
   data-source (by default "KIND-data"), a <script type="application/json"> that is never run.
   Observable Plot draws the bars, cells and timeline; d3-force the network; d3-geo the map,
   from world-atlas outlines served by this site (no tile server: markers and labels stay
   when the outlines cannot be loaded). Every mark links to the page of what it shows. */
"use strict";

(function () {
  const COLORS = {
    companies: "#3b6fb6", research: "#e08a2c", other: "#5aa469", unbroken: "#b9c2cc",
    overview: "#3b6fb6", sumOfStated: "#9cc0e6",
    cluster: "#3b6fb6", network: "#e08a2c", programme: "#5aa469", member: "#3b6fb6",
  };
  const lang = document.documentElement.lang || "en";

  function width(box) {
    return Math.max(320, Math.min(box.clientWidth || 800, 1100));
  }

  function shorten(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  function legend(items, words) {
    const list = document.createElement("ul");
    list.className = "chart-legend";
    for (const key of items) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = COLORS[key];
      item.append(swatch, " " + words[key]);
      list.append(item);
    }
    return list;
  }

  function withLegend(chart, items, words) {
    const wrap = document.createElement("div");
    wrap.append(legend(items, words), chart);
    return wrap;
  }

  /* Members per cluster, stacked by type; clusters stating no figure say so in words. */
  function members(d, box) {
    const kinds = ["companies", "research", "other", "unbroken"].filter(
      (k) => d.segments.some((s) => s.category === k));
    const chart = Plot.plot({
      width: width(box), height: 34 * d.order.length + 50, marginLeft: 170, marginRight: 30,
      x: {label: d.words.members, grid: true},
      y: {domain: d.order, label: null, tickFormat: (s) => shorten(s, 26)},
      color: {domain: kinds, range: kinds.map((k) => COLORS[k])},
      marks: [
        Plot.barX(d.segments, {
          y: "cluster", x: "value", fill: "category", order: kinds, href: "href",
          title: (s) => `${s.name}\n${d.words[s.category]}: ${s.value}`,
        }),
        Plot.text(d.notStated, {
          y: (s) => s, x: 0, text: () => d.words.notStated, textAnchor: "start", dx: 6,
          fill: "#555", fontStyle: "italic", className: "not-stated",
        }),
        Plot.ruleX([0]),
      ],
    });
    return withLegend(chart, kinds, d.words);
  }

  /* The overview's totals beside the sum of the figures the clusters state. */
  function totals(d, box) {
    const bars = d.rows.flatMap((r) => [
      {category: r.category, which: "overview", value: r.overview},
      {category: r.category, which: "sumOfStated", value: r.sumOfStated,
       note: r.clustersStating},
    ]);
    const which = ["overview", "sumOfStated"];
    const chart = Plot.plot({
      width: width(box), height: 46 * d.rows.length + 40, marginLeft: 170, marginRight: 50,
      x: {label: d.words.members, grid: true},
      y: {domain: which, axis: null},
      fy: {label: null, axis: "left", domain: d.rows.map((r) => r.category)},
      color: {domain: which, range: which.map((w) => COLORS[w])},
      marks: [
        Plot.barX(bars, {fy: "category", y: "which", x: "value", fill: "which",
                         title: (b) => `${b.category}\n${d.words[b.which]}: ${b.value}`}),
        Plot.text(bars, {fy: "category", y: "which", x: "value", text: "value",
                         textAnchor: "start", dx: 4}),
        Plot.ruleX([0]),
      ],
    });
    return withLegend(chart, which, d.words);
  }

  /* A heat-map of clusters against columns; each cell links to the column's resource. */
  function heatmap(d, box, options) {
    const max = Math.max(1, ...d.cells.map(options.value));
    return Plot.plot({
      width: width(box), height: 32 * d.rows.length + options.top + 20,
      marginLeft: 170, marginTop: options.top, marginRight: 20,
      x: {domain: d.columns, axis: "top", label: null, tickRotate: options.rotate || 0,
          tickFormat: (s) => shorten(s, 24)},
      y: {domain: d.rows, label: null, tickFormat: (s) => shorten(s, 26)},
      color: {type: "linear", domain: [0, max], range: ["#e6eef8", "#5b8fcf"]},
      marks: [
        Plot.cell(d.cells, {x: options.x, y: "cluster", fill: options.value, href: "href",
                            title: options.title, inset: 1.5}),
        ...(options.extra || []),
        Plot.text(d.cells, {x: options.x, y: "cluster", text: options.value, fill: "#111",
                            pointerEvents: "none"}),
      ],
    });
  }

  function s3(d, box) {
    return heatmap(d, box, {
      x: "ecosystem", value: (c) => c.synergies, top: 110, rotate: -30,
      title: (c) => `${c.clusterName}\n${c.ecosystem}\n${c.synergies} ${d.words.synergies}`
        + (c.reference ? `\n${d.words.reference}` : ""),
      extra: [Plot.dot(d.cells.filter((c) => c.reference), {
        x: "ecosystem", y: "cluster", r: 11, stroke: "#1a1a1a", strokeWidth: 1.5,
        fill: "none", pointerEvents: "none", className: "reference"})],
    });
  }

  function pnrr(d, box) {
    return heatmap(d, box, {
      x: "component", value: (c) => c.count, top: 40,
      title: (c) => `${c.component} ${c.componentName}\n${c.clusterName}:\n`
        + c.projects.map((p) => "· " + (p.itself ? d.words.itself : p.name)).join("\n"),
    });
  }

  /* Nodes and links laid out by d3-force (run to rest before drawing: no animation). */
  function network(d, box) {
    const w = width(box), h = Math.max(280, Math.min(680, 26 * d.nodes.length));
    const nodes = d.nodes.map((n) => ({...n}));
    const links = d.links.map((l) => ({...l}));
    const radius = (n) => (n.kind === "cluster" ? 11 : 5 + 2 * (n.clusters || 1));
    const simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.id).distance(95))
      .force("charge", d3.forceManyBody().strength(-480))
      .force("collide", d3.forceCollide((n) => radius(n) + 14))
      .force("x", d3.forceX(w / 2).strength(0.05))
      .force("y", d3.forceY(h / 2).strength(0.12))
      .stop();
    for (let i = 0; i < 500; i++) simulation.tick();
    for (const n of nodes) {
      n.x = Math.max(20, Math.min(w - 20, n.x));
      n.y = Math.max(16, Math.min(h - 16, n.y));
    }
    const svg = d3.create("svg").attr("viewBox", [0, 0, w, h]).attr("width", w)
      .attr("height", h).attr("class", "network-chart")
      .attr("font-family", "system-ui, sans-serif").attr("font-size", 11);
    const line = svg.append("g").attr("stroke", "#9aa8b5").attr("stroke-opacity", 0.7)
      .selectAll("line").data(links).join("line")
      .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
      .attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y);
    const node = svg.append("g").selectAll("a").data(nodes).join("a")
      .attr("href", (n) => n.href).attr("class", (n) => "node " + n.kind);
    node.append("circle").attr("r", radius).attr("fill", (n) => COLORS[n.kind])
      .attr("stroke", "#fff").attr("stroke-width", 1.5).attr("cx", (n) => n.x)
      .attr("cy", (n) => n.y);
    node.append("text").text((n) => shorten(n.name, 28)).attr("x", (n) => n.x + radius(n) + 3)
      .attr("y", (n) => n.y + 4).attr("fill", "#1a1a1a")
      .attr("font-weight", (n) => (n.kind === "cluster" ? "bold" : null))
      .attr("stroke", "#fff").attr("stroke-width", 3).attr("paint-order", "stroke");
    node.append("title").text((n) => `${n.title} (${d.words[n.kind]}`
      + (n.clusters ? `, ${n.clusters} ${d.words.shared})` : ")"));
    const neighbours = (n) => new Set(links.flatMap((l) =>
      l.source === n ? [l.target] : l.target === n ? [l.source] : []));
    function highlight(n) {
      const near = n ? neighbours(n) : null;
      node.attr("opacity", (m) => (!n || m === n || near.has(m) ? 1 : 0.25));
      line.attr("stroke", (l) => (n && (l.source === n || l.target === n) ? "#1a1a1a" : "#9aa8b5"))
        .attr("stroke-opacity", (l) => (!n || l.source === n || l.target === n ? 0.9 : 0.15));
    }
    node.on("mouseenter focus", (event, n) => highlight(n))
      .on("mouseleave blur", () => highlight(null));
    return withLegend(svg.node(), [...new Set(nodes.map((n) => n.kind))], d.words);
  }

  /* The seats map: outlines from world-atlas, a marker per city at its GeoNames coordinates,
     labels placed where they do not overlap. */
  async function seats(d, box) {
    const w = width(box), h = Math.round(Math.min(620, w * 0.75));
    const points = {type: "MultiPoint", coordinates: d.cities.map((c) => [c.longitude, c.latitude])};
    const projection = d3.geoMercator().fitExtent([[70, 50], [w - 70, h - 40]], points);
    const svg = d3.create("svg").attr("viewBox", [0, 0, w, h]).attr("width", w)
      .attr("height", h).attr("class", "map-chart").attr("font-family", "system-ui, sans-serif")
      .attr("font-size", 12);
    svg.append("rect").attr("width", w).attr("height", h).attr("fill", "#f4f8fb");
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
    const placed = [];
    const cities = d.cities.map((c) => {
      const [x, y] = projection([c.longitude, c.latitude]);
      return {...c, x, y, r: 4 + 3 * Math.sqrt(c.seats.length)};
    }).sort((a, b) => b.seats.length - a.seats.length);
    for (const c of cities) placed.push({x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r});
    const marker = svg.append("g").selectAll("a").data(cities).join("a")
      .attr("href", (c) => c.href).attr("class", "city");
    marker.append("circle").attr("class", "marker").attr("cx", (c) => c.x)
      .attr("cy", (c) => c.y).attr("r", (c) => c.r).attr("fill", "#c0392b")
      .attr("stroke", "#fff").attr("stroke-width", 1.5);
    marker.append("title").text((c) => `${c.name}: ${c.seats.length} ${d.words.seats}\n`
      + c.seats.map((s) => `· ${s.cluster} (${s.type})`).join("\n"));
    marker.append("text").each(function (c) {
      const text = `${c.name} (${c.seats.length})`;
      const tw = 7 * text.length, th = 14;
      const spots = [[c.r + 4, 4, "start"], [-c.r - 4, 4, "end"], [0, -c.r - 5, "middle"],
                     [0, c.r + 14, "middle"], [c.r + 2, -c.r - 2, "start"],
                     [-c.r - 2, -c.r - 2, "end"], [c.r + 2, c.r + 12, "start"],
                     [-c.r - 2, c.r + 12, "end"]];
      const box = ([dx, dy, anchor]) => ({
        x: c.x + dx - (anchor === "end" ? tw : anchor === "middle" ? tw / 2 : 0),
        y: c.y + dy - th + 3, w: tw, h: th});
      const free = (b) => placed.every((p) => b.x + b.w < p.x || p.x + p.w < b.x
        || b.y + b.h < p.y || p.y + p.h < b.y);
      const spot = spots.find((s) => free(box(s))) || spots[0];
      placed.push(box(spot));
      d3.select(this).text(text).attr("x", c.x + spot[0]).attr("y", c.y + spot[1])
        .attr("text-anchor", spot[2]).attr("fill", "#1a1a1a").attr("font-weight", "bold")
        .attr("stroke", "#fff").attr("stroke-width", 3).attr("paint-order", "stroke");
    });
    return svg.node();
  }

  /* The year's events from start to end, one bar each. */
  function events(d, box) {
    const day = 86400000;
    const items = d.events.map((e) => ({...e, from: new Date(e.start + "T00:00:00Z"),
                                        to: new Date(new Date(e.end + "T00:00:00Z").getTime() + day)}));
    const month = new Intl.DateTimeFormat(lang, {month: "short", timeZone: "UTC"});
    return Plot.plot({
      width: width(box), height: 28 * items.length + 50, marginLeft: 230, marginRight: 110,
      x: {type: "utc", domain: [new Date(`${d.year}-01-01T00:00:00Z`),
                                new Date(`${Number(d.year) + 1}-01-01T00:00:00Z`)],
          grid: true, label: null, tickFormat: (t) => month.format(t)},
      y: {domain: items.map((e) => e.name), label: null, tickFormat: (s) => shorten(s, 34)},
      marks: [
        Plot.barX(items, {x1: "from", x2: "to", y: "name", fill: COLORS.cluster, href: "href",
                          insetTop: 4, insetBottom: 4, insetLeft: -1.5, insetRight: -1.5,
                          title: (e) => `${e.name}\n${e.start}${e.end !== e.start ? " – " + e.end : ""}`
                            + `\n${[e.place, e.country].filter(Boolean).join(", ")}`}),
        Plot.text(items, {x: "to", y: "name", text: (e) => e.place, textAnchor: "start", dx: 5,
                          fill: "#444"}),
      ],
    });
  }

  /* A programme's projects: one unit per project, stacked per cluster, coloured by status. */
  function projects(d, box) {
    const items = d.projects.map((p) => ({...p, status: p.status || d.words.noStatus}));
    const most = Math.max(1, ...d.clusters.map((c) => items.filter((p) => p.cluster === c).length));
    return Plot.plot({
      width: width(box), height: 36 * d.clusters.length + 60, marginLeft: 190, marginRight: 30,
      x: {label: d.words.projects, grid: true, ticks: Math.min(most, 10), tickFormat: "d"},
      y: {domain: d.clusters, label: null, tickFormat: (s) => shorten(s, 28)},
      color: {legend: true, domain: [...new Set(items.map((p) => p.status))]},
      marks: [
        Plot.barX(items, {y: "cluster", x: () => 1, fill: "status", href: "href", inset: 1,
                          title: (p) => `${p.project}\n${p.cluster}\n${p.status}`}),
        Plot.text(items, Plot.stackX({y: "cluster", x: () => 1, z: "status",
                                      text: (p) => shorten(p.project, 22), fill: "#fff",
                                      pointerEvents: "none"})),
        Plot.ruleX([0]),
      ],
    });
  }

  const DRAW = {members, totals, s3, pnrr, network, seats, events, projects};

  async function drawAll() {
    for (const box of document.querySelectorAll("[data-chart]")) {
      const kind = box.dataset.chart;
      const source = document.getElementById(box.dataset.source || kind + "-data");
      if (!DRAW[kind] || !source) continue;
      try {
        const chart = await DRAW[kind](JSON.parse(source.textContent), box);
        box.replaceChildren(chart);
        box.dataset.drawn = "true";
        const table = box.parentElement.querySelector("details.as-table");
        if (table && !table.hasAttribute("data-keep-open")) table.open = false;
      } catch (error) {
        box.dataset.drawn = "failed";  // the table below still holds every figure
        console.error(kind, error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
