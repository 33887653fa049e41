// Canned-query pages and embeds: the bar chart (Observable Plot) from the page's JSON data
// block, buttons that copy a snippet, and the links to the editor following the form's values
// as they change. Loaded as a file: the pages' policy runs no inline script. Without
// JavaScript the table, the downloads, the snippets and the links are all still there.
(function () {
  "use strict";

  // Plot's labels are 10 px sans-serif: about 6 px a character, 7 to be safe.
  const CHARACTER = 7;

  function shortened(text, most) {
    return text.length > most ? text.slice(0, Math.max(1, most - 1)) + "\u2026" : text;
  }

  function drawChart() {
    const data = document.getElementById("chart-data");
    const box = document.getElementById("chart");
    if (!data || !box || !window.Plot) {
      return;
    }
    const spec = JSON.parse(data.textContent);
    const labels = spec.rows.map((row) => row.label);
    const longest = Math.max(...labels.map((label) => label.length));
    const width = Math.max(300, Math.min(box.clientWidth || 720, 960));
    const marginLeft = Math.min(Math.round(width * 0.45), 12 + CHARACTER * Math.min(40, longest));
    const most = Math.floor((marginLeft - 12) / CHARACTER);
    const values = spec.rows.map((row) => row.value);
    const room = Math.max(2, Math.floor(width / 90));
    const whole = values.every(Number.isInteger);
    let ticks = room;
    if (whole) {  // counts: whole-number ticks only
      const top = Math.max(1, ...values);
      const step = Math.max(1, Math.ceil(top / room));
      ticks = [];
      for (let tick = 0; tick <= top; tick += step) {
        ticks.push(tick);
      }
    }
    const chart = window.Plot.plot({
      width: width,
      height: 48 + 26 * spec.rows.length,
      marginLeft: marginLeft,
      marginRight: 24,
      x: { label: spec.value, grid: true, ticks: ticks, tickFormat: whole ? "d" : undefined },
      y: { label: null, domain: labels, tickFormat: (label) => shortened(label, most) },
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
