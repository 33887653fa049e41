// Canned-query pages and embeds: the bar chart (Observable Plot) from the page's JSON data
// block, buttons that copy a snippet, and the links to the editor following the form's values
// as they change. Loaded as a file: the pages' policy runs no inline script. Without
// JavaScript the table, the downloads, the snippets and the links are all still there.
(function () {
  "use strict";

  // Plot draws its axis labels in 10 px system-ui: measured in that font.
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = "10px system-ui, sans-serif";

  function wide(text) {
    return measure.measureText(text).width;
  }

  // The label whole if it fits in `room` pixels, else cut with an ellipsis to fit.
  function fitted(text, room) {
    if (wide(text) <= room) {
      return text;
    }
    let cut = text.length;
    while (cut > 1 && wide(text.slice(0, cut) + "\u2026") > room) {
      cut -= 1;
    }
    return text.slice(0, cut).trimEnd() + "\u2026";
  }

  // Ticks for the values: whole numbers only when every value is one (counts).
  function ticksFor(values, width) {
    const most = Math.max(2, Math.floor(width / 90));
    if (!values.every(Number.isInteger)) {
      return most;
    }
    const top = Math.max(1, ...values);
    const step = Math.max(1, Math.ceil(top / most));
    const ticks = [];
    for (let tick = 0; tick <= top; tick += step) {
      ticks.push(tick);
    }
    return ticks;
  }

  function drawChart() {
    const data = document.getElementById("chart-data");
    const box = document.getElementById("chart");
    if (!data || !box || !window.Plot) {
      return;
    }
    const spec = JSON.parse(data.textContent);
    const labels = spec.rows.map((row) => row.label);
    const values = spec.rows.map((row) => row.value);
    const width = Math.max(300, Math.min(box.clientWidth || 720, 960));
    const marginLeft = Math.ceil(Math.min(width * 0.5, 280, 14 + Math.max(...labels.map(wide))));
    const room = marginLeft - 14;  // the tick and its gap take 9 px
    const ticks = ticksFor(values, width);
    const chart = window.Plot.plot({
      width: width,
      height: 48 + 26 * spec.rows.length,
      marginLeft: marginLeft,
      marginRight: 24,
      x: { label: spec.value, grid: true, ticks: ticks,
           tickFormat: Array.isArray(ticks) ? "d" : undefined },
      y: { label: null, domain: labels, tickFormat: (label) => fitted(label, room) },
      marks: [
        window.Plot.barX(spec.rows, {
          x: "value", y: "label", fill: "#3f6fa0",
          title: (row) => row.label + ": " + row.value,
        }),
        window.Plot.ruleX([0]),
      ],
    });
    chart.setAttribute("aria-hidden", "true");  // the box is the image, with its own text
    box.appendChild(chart);
    box.setAttribute("data-drawn", "true");
  }

  function copyButtons() {
    for (const button of document.querySelectorAll("button[data-copy]")) {
      if (!navigator.clipboard) {
        continue;
      }
      const label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", () => {
        const code = document.getElementById(button.dataset.copy);
        navigator.clipboard.writeText(code.textContent).then(() => {
          button.textContent = button.dataset.done;
          setTimeout(() => { button.textContent = label; }, 1500);
        });
      });
    }
  }

  // As the server writes URLs: ':' and '/' kept, spaces as '+', the rest percent-encoded.
  function encoded(text) {
    return encodeURIComponent(text).replace(/%3A/gi, ":").replace(/%2F/gi, "/")
      .replace(/%20/g, "+").replace(/[!'()*]/g,
        (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  }

  function editorLinks() {
    const form = document.getElementById("params");
    const links = document.querySelectorAll("a[data-editor]");
    if (!form || !links.length) {
      return;
    }
    function follow() {
      const pairs = [];
      for (const [name, value] of new FormData(form)) {
        if (name !== "lang" && value !== "") {
          pairs.push(encoded(name) + "=" + encoded(value));
        }
      }
      for (const link of links) {
        link.href = link.dataset.editor + (pairs.length ? "&" + pairs.join("&") : "");
      }
    }
    form.addEventListener("input", follow);
    form.addEventListener("change", follow);
  }

  function start() {
    drawChart();
    copyButtons();
    editorLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
