/* The editor's result views beside the table, as YASR plugins, each offered when the answer
   has its shape (and opened by a `#defaultView:Name` comment, as the Wikidata Query Service
   does; editor.js reads it):
   - barchart: a column of labels and a column of numbers (Observable Plot);
   - map: a column of places (the dataset's place IRIs, or place names); coordinates come
     from this server's gazetteer (/sparql/places.json), outlines from world-atlas (d3-geo),
     never a tile server;
   - graph: two columns of IRIs, as nodes and edges (d3-force);
   - timeline: a column of dates or years, on a real time axis (Observable Plot).
   Every mark links to the page of what it shows. Words come from the page. */
"use strict";

(function () {
  if (typeof Yasgui === "undefined") return;
  const terms = window.LtcEditor.terms;
  const words = () => terms.settings.words;
  const PLACE = () => terms.settings.base + "/id/place/";
  const PLACE_WORDS = /city|cities|place|town|seat|location|luogo|luoghi|citt|comune|sede|sedi/i;
  const TIME_WORDS = /year|date|start|end|from|^to$|until|since|anno|data|inizio|fine|^dal$|^al$/i;
  const LABEL_WORDS = /^(.*?)(Name|Label|name|label|Title|title)$/;
  const MAX = {bars: 100, places: 300, nodes: 250, items: 150};
  const COLORS = ["#3b6fb6", "#e08a2c", "#5aa469", "#8e6bb8"];

  /* What each column holds, once per answer. */
  const cache = new WeakMap();
  function shape(yasr) {
    const results = yasr.results;
    if (!results || !results.getBindings || !results.getBindings()) return null;
    if (cache.has(results)) return cache.get(results);
    const vars = results.getVariables();
    const rows = results.getBindings();
    const columns = vars.map((name) => {
      const values = rows.map((r) => r[name]).filter(Boolean);
      const all = (test) => values.length > 0 && values.every(test);
      const years = all((t) => t.type !== "uri" && (terms.time(t) || {}).precision === "year");
      return {
        name,
        iri: all((t) => t.type === "uri"),
        number: all(terms.isNumber),
        date: all((t) => terms.isDate(t) && !!terms.time(t)) || (TIME_WORDS.test(name) && years),
        place: all((t) => t.type === "uri" && t.value.startsWith(PLACE())),
        placeName: PLACE_WORDS.test(name) && all((t) => t.type !== "uri" && t.type !== "bnode"
                                                         && !terms.isNumber(t)),
        text: all((t) => t.type !== "uri" && t.type !== "bnode" && !terms.isNumber(t)
                         && !terms.isDate(t)),
      };
    });
    const found = {vars, rows, columns};
    cache.set(results, found);
    return found;
  }

  /* The column that names an IRI column's resources: xName, xLabel, else the next text
     column. */
  function labelOf(s, column) {
    const named = s.columns.find((c) => c.text && LABEL_WORDS.test(c.name)
                                        && LABEL_WORDS.exec(c.name)[1] === column.name);
    if (named) return named;
    const next = s.columns[s.columns.indexOf(column) + 1];
    return next && next.text && !s.columns.some((c) => c.iri && c !== column
      && LABEL_WORDS.test(next.name) && LABEL_WORDS.exec(next.name)[1] === c.name) ? next : null;
  }

  function text(term) {
    return terms.shown(term).text;
  }

  /* Text widths as the browser draws them, so labels are cut to fit, never clipped. */
  const ruler = document.createElement("canvas").getContext("2d");
  function measure(text, font) {
    ruler.font = font || "12px system-ui, sans-serif";
    return ruler.measureText(text).width;
  }

  function fit(label, room, font) {
    if (measure(label, font) <= room) return label;
    let kept = label;
    while (kept.length > 1 && measure(kept + "…", font) > room) kept = kept.slice(0, -1);
    return kept.trimEnd() + "…";
  }

  /* The left margin for labels: the longest, up to a share of the width. */
  function margin(labels, width, share) {
    const widest = Math.max(0, ...labels.map((l) => measure(l)));
    return Math.round(Math.min(width * share, widest + 14));
  }

  function widthOf(yasr) {
    return Math.max(280, Math.min(yasr.resultsEl.clientWidth || 800, 1100));
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
  }

  function note(box, message) {
    const p = document.createElement("p");
    p.className = "view-note";
    p.textContent = message;
    box.append(p);
    return p;
  }

  /* The frame every view draws in, with its note on rows left out. */
  function frame(plugin, kind, total, drawn) {
    const box = document.createElement("div");
    box.className = "ltc-view chart " + kind + "-view";
    box.dataset.view = kind;
    plugin.yasr.resultsEl.append(box);
    if (drawn < total) note(box, format(words().drawnFirst, {count: drawn}));
    return box;
  }

  /* The view's name for assistive technology; no role "img": its marks are links. */
  function describe(svg, label) {
    svg.setAttribute("aria-label", label);
    svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    return svg;
  }

  /* Common to the views: a label, the answer's shape test, an SVG download. */
  class View {
    constructor(yasr, kind) {
      this.yasr = yasr;
      this.kind = kind;
      this.priority = 1;
      this.label = (words().views || {})[kind] || kind;
    }

    getIcon() {
      return null;
    }

    canHandleResults() {
      const s = shape(this.yasr);
      return !!s && s.rows.length > 0 && !!this.fit(s);
    }

    download(name) {
      const svg = this.yasr.resultsEl.querySelector(".ltc-view svg");
      if (!svg) return undefined;
      return {
        getData: () => "data:image/svg+xml;charset=utf-8,"
          + encodeURIComponent(new XMLSerializer().serializeToString(svg)),
        contentType: "image/svg+xml",
        filename: `${name || "query"}-${this.kind}.svg`,
        title: (terms.settings.yasgui.texts || {})["Download result"] || "",
      };
    }

    destroy() {}
  }

  class BarChart extends View {
    constructor(yasr) { super(yasr, "barchart"); }

    fit(s) {
      const value = s.columns.find((c) => c.number);
      const label = s.columns.find((c) => c.text && !c.date) || s.columns.find((c) => c.iri);
      return value && label ? {value, label, link: s.columns.find((c) => c.iri)} : null;
    }

    draw() {
      const s = shape(this.yasr);
      const {value, label, link} = this.fit(s);
      const bars = new Map();
      for (const row of s.rows) {
        if (!row[value.name] || !row[label.name]) continue;
        const name = text(row[label.name]);
        const bar = bars.get(name) || {name, value: 0,
          href: link && row[link.name] ? terms.href(row[link.name].value) : null};
        bar.value += Number(row[value.name].value);
        bars.set(name, bar);
      }
      const all = [...bars.values()];
      const items = all.slice(0, MAX.bars);
      const box = frame(this, "barchart", all.length, items.length);
      const width = widthOf(this.yasr);
      const marginLeft = margin(items.map((b) => b.name), width, 0.42);
      const digits = Math.max(...items.map((b) => measure(String(b.value))));
      const chart = Plot.plot({
        width, height: 24 * items.length + 62, marginLeft, marginRight: 12 + digits,
        marginBottom: 44, style: {fontSize: "12px"},
        x: {label: value.name, grid: true, labelOffset: 38},
        y: {domain: items.map((b) => b.name), label: null,
            tickFormat: (n) => fit(n, marginLeft - 12)},
        marks: [
          Plot.barX(items, {y: "name", x: "value", fill: COLORS[0], href: "href",
                            title: (b) => `${b.name}: ${b.value}`}),
          Plot.text(items, {y: "name", x: "value", text: (b) => String(b.value), dx: 4,
                            textAnchor: "start", fill: "#1a1a1a"}),
          Plot.ruleX([0]),
        ],
      });
      box.append(describe(chart, this.label));
    }
  }

  /* The world's outlines, fetched once per page. */
  let outlines = null;
  function loadOutlines() {
    if (!outlines) {
      outlines = fetch(terms.settings.outlines).then((r) => {
        if (!r.ok) throw new Error(r.statusText);
        return r.json();
      });
      outlines.catch(() => { outlines = null; });
    }
    return outlines;
  }

  class MapView extends View {
    constructor(yasr) { super(yasr, "map"); }

    fit(s) {
      const place = s.columns.find((c) => c.place) || s.columns.find((c) => c.placeName);
      if (!place) return null;
      const label = s.columns.find((c) => c !== place && c.text && !c.placeName && !c.date)
        || s.columns.find((c) => c !== place && c.iri);
      return {place, label};
    }

    async draw() {
      const s = shape(this.yasr);
      const {place, label} = this.fit(s);
      const keys = [...new Set(s.rows.map((r) => r[place.name]).filter(Boolean)
        .map((t) => t.value))].slice(0, MAX.places);
      const box = frame(this, "map", 0, 0);
      box.setAttribute("aria-busy", "true");
      const query = new URLSearchParams();
      for (const key of keys) query.append(place.place ? "iri" : "name", key);
      query.append("lang", terms.settings.lang);
      let found = {};
      try {
        const response = await fetch(terms.settings.places + "?" + query);
        if (response.ok) found = (await response.json()).places || {};
      } catch (error) {
        found = {};
      }
      const spots = new Map();
      const unplaced = new Set();
      for (const row of s.rows) {
        if (!row[place.name]) continue;
        const key = row[place.name].value;
        const where = found[key];
        if (!where || where.latitude === null || where.latitude === undefined) {
          unplaced.add(where ? where.name : text(row[place.name]));
          continue;
        }
        const spot = spots.get(where.iri) || Object.assign({rows: []}, where);
        if (label && row[label.name]) spot.rows.push(text(row[label.name]));
        else spot.rows.push(where.name);
        spots.set(where.iri, spot);
      }
      const cities = [...spots.values()];
      if (!cities.length) {
        note(box, words().noPlaces);
      } else {
        box.append(await this.chart(box, cities));
      }
      if (unplaced.size) note(box, format(words().unplaced, {names: [...unplaced].join(", ")}));
      box.removeAttribute("aria-busy");
    }

    async chart(box, cities) {
      const w = widthOf(this.yasr), h = Math.round(Math.min(560, Math.max(300, w * 0.7)));
      const points = cities.map((c) => [c.longitude, c.latitude]);
      const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
      const pad = 1.5;  // degrees, so one city or a few close ones still show their country
      const extent = {type: "MultiPoint", coordinates: [
        [Math.min(...lons) - pad, Math.min(...lats) - pad],
        [Math.max(...lons) + pad, Math.max(...lats) + pad], ...points]};
      const projection = d3.geoMercator().fitExtent([[40, 30], [w - 40, h - 30]], extent);
      const svg = d3.create("svg").attr("viewBox", [0, 0, w, h]).attr("width", w)
        .attr("height", h).attr("class", "map-chart").attr("font-family", "system-ui, sans-serif")
        .attr("font-size", 12);
      svg.append("rect").attr("width", w).attr("height", h).attr("fill", "#f4f8fb");
      const land = svg.append("g");
      try {
        const atlas = await loadOutlines();
        const countries = topojson.feature(atlas, atlas.objects.countries);
        land.selectAll("path").data(countries.features).join("path")
          .attr("d", d3.geoPath(projection)).attr("fill", "#e3e8ed").attr("stroke", "#9aa8b5")
          .attr("stroke-width", 0.7);
      } catch (error) {
        note(box, words().noOutlines);
      }
      const placed = cities.map((c) => {
        const [x, y] = projection([c.longitude, c.latitude]);
        return Object.assign({}, c, {x, y, r: 4 + 2.5 * Math.sqrt(c.rows.length)});
      }).sort((a, b) => b.rows.length - a.rows.length);
      const taken = placed.map((c) => ({x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r}));
      const marker = svg.append("g").selectAll("a").data(placed).join("a")
        .attr("href", (c) => c.href).attr("class", "place");
      marker.append("circle").attr("class", "marker").attr("cx", (c) => c.x)
        .attr("cy", (c) => c.y).attr("r", (c) => c.r).attr("fill", "#c0392b")
        .attr("fill-opacity", 0.85).attr("stroke", "#fff").attr("stroke-width", 1.5);
      marker.append("title").text((c) => `${c.name} (${c.rows.length})\n`
        + c.rows.slice(0, 20).map((r) => "· " + r).join("\n"));
      marker.append("text").each(function (c) {
        const label = `${c.name} (${c.rows.length})`;
        const tw = measure(label, "bold 12px system-ui, sans-serif") + 2, th = 14;
        const spots = [[c.r + 4, 4, "start"], [-c.r - 4, 4, "end"], [0, -c.r - 5, "middle"],
                       [0, c.r + 14, "middle"], [c.r + 2, -c.r - 2, "start"],
                       [-c.r - 2, -c.r - 2, "end"], [c.r + 2, c.r + 12, "start"],
                       [-c.r - 2, c.r + 12, "end"]];
        const boxOf = ([dx, dy, anchor]) => ({
          x: c.x + dx - (anchor === "end" ? tw : anchor === "middle" ? tw / 2 : 0),
          y: c.y + dy - th + 3, w: tw, h: th});
        const inside = (b) => b.x >= 2 && b.y >= 2 && b.x + b.w <= w - 2 && b.y + b.h <= h - 2;
        const free = (b) => inside(b) && taken.every((p) => b.x + b.w < p.x || p.x + p.w < b.x
          || b.y + b.h < p.y || p.y + p.h < b.y);
        const spot = spots.find((s) => free(boxOf(s)));
        if (!spot) return;  // no room: the marker's title still names it
        taken.push(boxOf(spot));
        d3.select(this).text(label).attr("x", c.x + spot[0]).attr("y", c.y + spot[1])
          .attr("text-anchor", spot[2]).attr("fill", "#1a1a1a").attr("font-weight", "bold")
          .attr("stroke", "#fff").attr("stroke-width", 3).attr("paint-order", "stroke");
      });
      return describe(svg.node(), this.label);
    }
  }

  class GraphView extends View {
    constructor(yasr) { super(yasr, "graph"); }

    fit(s) {
      const iris = s.columns.filter((c) => c.iri);
      return iris.length >= 2 ? {from: iris[0], to: iris[1]} : null;
    }

    draw() {
      const s = shape(this.yasr);
      const {from, to} = this.fit(s);
      const names = {[from.name]: labelOf(s, from), [to.name]: labelOf(s, to)};
      const nodes = new Map();
      const links = new Map();
      const node = (term, group) => {
        if (!nodes.has(term.value)) {
          nodes.set(term.value, {id: term.value, group, href: terms.href(term.value),
            name: terms.shorten(term.value) || term.value, title: term.value});
        }
        return nodes.get(term.value);
      };
      let total = 0;
      for (const row of s.rows) {
        const ends = [[row[from.name], from, 0], [row[to.name], to, 1]].filter((e) => e[0]);
        if (!ends.length) continue;
        total += 1;
        if (nodes.size >= MAX.nodes && !ends.every((e) => nodes.has(e[0].value))) continue;
        const made = ends.map(([term, column, group]) => {
          const n = node(term, group);
          const named = names[column.name];
          if (named && row[named.name]) n.name = text(row[named.name]);
          return n;
        });
        if (made.length === 2 && made[0] !== made[1]) {
          links.set(made[0].id + " " + made[1].id, {source: made[0].id, target: made[1].id});
        }
      }
      const list = [...nodes.values()];
      const box = frame(this, "graph", total, total);
      if (nodes.size >= MAX.nodes) note(box, format(words().drawnFirst, {count: MAX.nodes}));
      box.append(this.chart(list, [...links.values()]));
    }

    chart(nodes, links) {
      const w = widthOf(this.yasr), h = Math.max(320, Math.min(720, 18 * nodes.length + 120));
      const degree = new Map();
      for (const l of links) {
        degree.set(l.source, (degree.get(l.source) || 0) + 1);
        degree.set(l.target, (degree.get(l.target) || 0) + 1);
      }
      const radius = (n) => 4 + Math.min(10, 1.6 * Math.sqrt(degree.get(n.id) || 1) * 2);
      const simulation = d3.forceSimulation(nodes)
        .force("link", d3.forceLink(links).id((n) => n.id).distance(w < 500 ? 55 : 85))
        .force("charge", d3.forceManyBody().strength(w < 500 ? -160 : -320))
        .force("collide", d3.forceCollide((n) => radius(n) + 8))
        .force("x", d3.forceX(w / 2).strength(0.06))
        .force("y", d3.forceY(h / 2).strength(0.1))
        .stop();
      for (let i = 0; i < 400; i++) simulation.tick();
      for (const n of nodes) {
        n.x = Math.max(12, Math.min(w - 12, n.x));
        n.y = Math.max(12, Math.min(h - 12, n.y));
      }
      const svg = d3.create("svg").attr("viewBox", [0, 0, w, h]).attr("width", w)
        .attr("height", h).attr("class", "network-chart")
        .attr("font-family", "system-ui, sans-serif").attr("font-size", 11);
      const line = svg.append("g").attr("stroke", "#9aa8b5").attr("stroke-opacity", 0.7)
        .selectAll("line").data(links).join("line")
        .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
        .attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y);
      const mark = svg.append("g").selectAll("a").data(nodes).join("a")
        .attr("href", (n) => n.href).attr("class", "node");
      mark.append("circle").attr("r", radius).attr("fill", (n) => COLORS[n.group])
        .attr("stroke", "#fff").attr("stroke-width", 1.5).attr("cx", (n) => n.x)
        .attr("cy", (n) => n.y);
      mark.append("title").text((n) => `${n.name}\n${n.title}`);
      // labels where they fit, the most connected first; every node keeps its title
      const taken = nodes.map((n) => ({x: n.x - radius(n), y: n.y - radius(n),
                                       w: 2 * radius(n), h: 2 * radius(n)}));
      const order = [...nodes].sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0));
      const labelled = new Set();
      for (const n of order) {
        const label = fit(n.name, Math.min(200, w / 3), "11px system-ui, sans-serif");
        const tw = measure(label, "11px system-ui, sans-serif") + 2, th = 13;
        const right = n.x + radius(n) + 3 + tw <= w - 2;
        const b = {x: right ? n.x + radius(n) + 3 : n.x - radius(n) - 3 - tw, y: n.y - 9,
                   w: tw, h: th};
        const free = b.x >= 2 && b.y >= 2 && b.y + b.h <= h - 2 && taken.every(
          (p) => b.x + b.w < p.x || p.x + p.w < b.x || b.y + b.h < p.y || p.y + p.h < b.y);
        if (!free) continue;
        taken.push(b);
        labelled.add(n);
        n.label = label;
        n.anchor = right ? "start" : "end";
        n.lx = right ? b.x : b.x + tw;
      }
      mark.filter((n) => labelled.has(n)).append("text").text((n) => n.label)
        .attr("x", (n) => n.lx).attr("y", (n) => n.y + 4).attr("text-anchor", (n) => n.anchor)
        .attr("fill", "#1a1a1a").attr("stroke", "#fff").attr("stroke-width", 3)
        .attr("paint-order", "stroke");
      const near = (n) => new Set(links.flatMap((l) =>
        l.source === n ? [l.target] : l.target === n ? [l.source] : []));
      function highlight(n) {
        const close = n ? near(n) : null;
        mark.attr("opacity", (m) => (!n || m === n || close.has(m) ? 1 : 0.25));
        line.attr("stroke", (l) => (n && (l.source === n || l.target === n) ? "#1a1a1a" : "#9aa8b5"));
      }
      mark.on("mouseenter focus", (event, n) => highlight(n))
        .on("mouseleave blur", () => highlight(null));
      return describe(svg.node(), this.label);
    }
  }

  class Timeline extends View {
    constructor(yasr) { super(yasr, "timeline"); }

    fit(s) {
      const dates = s.columns.filter((c) => c.date);
      if (!dates.length) return null;
      const label = s.columns.find((c) => c.text && !c.date)
        || s.columns.find((c) => c.iri);
      return {start: dates[0], end: dates[1], label, link: s.columns.find((c) => c.iri)};
    }

    draw() {
      const s = shape(this.yasr);
      const {start, end, label, link} = this.fit(s);
      const DAY = 86400000;
      const after = (when) => {
        const at = when.at;
        if (when.precision === "year") return new Date(Date.UTC(at.getUTCFullYear() + 1, 0, 1));
        if (when.precision === "month") {
          return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
        }
        return when.precision === "day" ? new Date(at.getTime() + DAY) : at;
      };
      const all = [];
      for (const row of s.rows) {
        const from = terms.time(row[start.name]);
        if (!from) continue;
        const until = end ? terms.time(row[end.name]) : null;
        const name = label && row[label.name] ? text(row[label.name]) : text(row[start.name]);
        const stop = until && until.at >= from.at ? after(until) : after(from);
        all.push({name, from: from.at, to: stop,
                  point: !until && from.precision === "time",
                  href: link && row[link.name] ? terms.href(row[link.name].value) : null,
                  title: `${name}\n${text(row[start.name])}`
                    + (until ? " – " + text(row[end.name]) : "")});
      }
      all.sort((a, b) => a.from - b.from);
      const items = all.slice(0, MAX.items);
      const box = frame(this, "timeline", all.length, items.length);
      const width = widthOf(this.yasr);
      const marginLeft = margin(items.map((i) => i.name), width, 0.4);
      const first = Math.min(...items.map((i) => i.from.getTime()));
      const last = Math.max(...items.map((i) => i.to.getTime()));
      const middle = (first + last) / 2;
      const span = Math.max(last - first, 30 * DAY);  // a day alone still reads as a date
      const domain = [new Date(Math.min(first, middle - span / 2) - span * 0.03),
                      new Date(Math.max(last, middle + span / 2) + span * 0.03)];
      const room = Math.max(2, Math.floor((width - marginLeft - 24) / 80));
      const years = span / (365 * DAY), months = span / (30 * DAY), days = span / DAY;
      const [interval, parts] = years > 3
        ? [d3.utcYear.every(Math.ceil(years / room)), {year: "numeric"}]
        : months > 3 ? [d3.utcMonth.every(Math.ceil(months / room)),
                        {month: "short", year: "2-digit"}]
          : [d3.utcDay.every(Math.ceil(days / room)), {day: "numeric", month: "short"}];
      const tick = new Intl.DateTimeFormat(terms.settings.lang,
                                           Object.assign({timeZone: "UTC"}, parts));
      const names = [...new Set(items.map((i) => i.name))];
      const chart = Plot.plot({
        width, height: 22 * names.length + 50, marginLeft, marginRight: 24,
        style: {fontSize: "12px"},
        x: {type: "utc", domain, grid: true, label: null, ticks: interval,
            tickFormat: (t) => tick.format(t)},
        y: {domain: names, label: null, tickFormat: (n) => fit(n, marginLeft - 12)},
        marks: [
          Plot.barX(items.filter((i) => !i.point), {
            x1: "from", x2: "to", y: "name", fill: COLORS[0], href: "href", title: "title",
            insetTop: 3, insetBottom: 3, insetLeft: -1.5, insetRight: -1.5}),
          Plot.dot(items.filter((i) => i.point), {x: "from", y: "name", fill: COLORS[1],
                                                    href: "href", title: "title", r: 4}),
        ],
      });
      box.append(describe(chart, this.label));
    }
  }

  Yasgui.Yasr.registerPlugin("barchart", BarChart);
  Yasgui.Yasr.registerPlugin("map", MapView);
  Yasgui.Yasr.registerPlugin("graph", GraphView);
  Yasgui.Yasr.registerPlugin("timeline", Timeline);
  window.LtcEditor.views = {shape};
})();
