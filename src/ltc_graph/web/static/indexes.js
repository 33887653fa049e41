// The index pages (/id/KIND/): filter the table as you type and sort it by any column.
// Without this script the page is a plain table in order of name. Its words come from the
// page (#index-words), in the page's language.
"use strict";

(function () {
  const table = document.querySelector("table[data-sortable]");
  if (!table) return;
  const words = JSON.parse(document.getElementById("index-words").textContent);
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const total = rows.length;
  // Case and accents do not matter, as in the search: "citta" finds "Città".
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const texts = new Map(rows.map((row) => [row, fold(row.textContent)]));
  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));

  // Filtering: a row stays when it holds every word typed, in any order.
  const box = document.querySelector(".filter");
  const input = document.getElementById("index-filter");
  const status = document.getElementById("index-status");
  box.hidden = false;
  input.addEventListener("input", () => {
    const wanted = fold(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const keep = wanted.every((word) => texts.get(row).includes(word));
      row.hidden = !keep;
      if (keep) shown += 1;
    }
    status.textContent = wanted.length ? fill(words.shown, {shown, total}) : "";
  });

  // Sorting: each column's header becomes a button; a second press reverses the order.
  const headers = Array.from(table.tHead.rows[0].cells);
  const key = (row, column) => {
    const cell = row.cells[column];
    const given = cell.dataset.sort;
    if (headers[column].dataset.type === "number") {
      return given === undefined || given === "" ? null : Number(given);
    }
    return given === undefined ? fold(cell.textContent.trim()) : given;
  };
  table.classList.add("sorts");  // the styles show the headers on a phone, as a sort bar
  headers.forEach((header, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.append(...header.childNodes);
    header.append(button);
    button.addEventListener("click", () => {
      const before = header.getAttribute("aria-sort");
      const numeric = header.dataset.type === "number";
      // Numbers start from the largest, names from A.
      const descending = before ? before === "ascending" : numeric;
      headers.forEach((other) => other.removeAttribute("aria-sort"));
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const order = descending ? -1 : 1;
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a, column), y = key(b, column);
        if (x === null || x === "") return y === null || y === "" ? 0 : 1;  // empty cells last
        if (y === null || y === "") return -1;
        const by = numeric ? x - y : x.localeCompare(y);
        return by * order || key(a, 0).localeCompare(key(b, 0));
      });
      body.append(...sorted);
    });
  });
})();
