// Canned-query pages and embeds: the bar chart (Observable Plot) from the page's JSON data
// block, and buttons that copy a snippet. Loaded as a file: the pages' policy runs no inline
// script. Without JavaScript the table, the downloads and the snippets are all still there.
(function () {
  "use strict";

  function shortened(text, most) {
    return text.length > most ? text.slice(0, most - 1) + "\u2026" : text;
  }

  function drawChart() {
    const data = document.getElementById("chart-data");
    const figure = document.getElementById("chart");
    if (!data || !figure || !window.Plot) {
      return;
    }
    const spec = JSON.parse(data.textContent);
    const labels = spec.rows.map((row) => row.label);
    const longest = Math.min(40, Math.max(...labels.map((label) => label.length)));
    const width = Math.max(320, Math.min(figure.clientWidth || 720, 960));
    const chart = window.Plot.plot({
      width: width,
      height: 48 + 26 * spec.rows.length,
      marginLeft: Math.min(Math.round(width / 2), 12 + 7 * longest),
      x: { label: spec.value, grid: true },
      y: { label: null, domain: labels, tickFormat: (label) => shortened(label, 40) },
      marks: [
        window.Plot.barX(spec.rows, {
          x: "value", y: "label", fill: "#3f6fa0",
          title: (row) => row.label + ": " + row.value,
        }),
        window.Plot.ruleX([0]),
      ],
    });
    figure.insertBefore(chart, figure.firstChild);
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

  function start() {
    drawChart();
    copyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
