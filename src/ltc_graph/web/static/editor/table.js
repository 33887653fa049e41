/* YASR's own views, adapted. The results table: YASR's (DataTables, its filter, page size
   and "simple view"), with cells written by LtcEditor.terms instead of raw terms: prefixed
   names, local links, plain numbers and dates, quiet language tags. The raw response: YASR's,
   named in the page's language. Each is registered under YASR's own name ("table",
   "response"), so it takes the built-in one's place. DataTables' words come from the page
   (editor.js sets its `language` option). */
"use strict";

(function () {
  if (typeof Yasgui === "undefined") return;
  const Base = Yasgui.Yasr.plugins.table;
  const terms = window.LtcEditor.terms;

  class Table extends Base {
    constructor(yasr) {
      super(yasr);
      this.label = (terms.settings.words.views || {}).table || this.label;
      this.helpReference = undefined;
    }

    /* One cell: <div><span>…</span></div>, the shape YASR's ellipsis handling expects. */
    getCellContent(binding, prefixes) {
      const query = {};
      for (const [prefix, ns] of Object.entries(prefixes || {})) query[prefix] = ns;
      const kind = binding.type === "uri" ? "" : terms.isNumber(binding) ? " number" : "";
      return `<div><span class="value${kind}">${terms.cell(binding, query)}</span></div>`;
    }

    /* Unless long cells are to be cut short, no fixed column widths: cells wrap between
       words and a table wider than the screen scrolls inside its box. */
    draw(config) {
      super.draw(config);
      if (this.persistentConfig.isEllipsed !== false || !this.tableEl) return;
      this.destroyResizer();
      this.tableEl.classList.remove("grip-padding");  // the resizer's: cells without padding
      this.tableEl.style.removeProperty("width");
      for (const th of this.tableEl.querySelectorAll("th")) th.style.removeProperty("width");
    }

    /* The page-size menu has no label of its own: it gets the words beside it. */
    drawControls() {
      super.drawControls();
      const said = (terms.settings.yasgui.texts || {})["Page size:"] || "Page size:";
      if (this.tableSizeField) this.tableSizeField.setAttribute("aria-label", said.replace(/:$/, ""));
    }

    getColumns() {
      const columns = super.getColumns();
      // numbers sort as numbers, not as text
      const bindings = (this.yasr.results && this.yasr.results.getBindings()) || [];
      const triple = terms.settings.words.triple || {};
      if (this.yasr.results && this.yasr.results.getType() === "ttl") {  // named by YASR
        for (const column of columns) {
          if (triple[column.name]) column.title = terms.escape(triple[column.name]);
        }
      }
      for (const column of columns.slice(1)) {
        const values = bindings.map((b) => b[column.name]).filter(Boolean);
        if (values.length && values.every(terms.isNumber)) {
          const render = column.render;
          column.type = "num";
          column.className = "dt-right";
          column.render = (data, type, row, meta) => (type === "sort" || type === "type")
            ? (data === "" ? null : Number(data.value)) : render(data, type, row, meta);
        }
      }
      return columns;
    }
  }

  class Response extends Yasgui.Yasr.plugins.response {
    constructor(yasr) {
      super(yasr);
      this.label = (terms.settings.words.views || {}).response || this.label;
      this.helpReference = undefined;
    }

    /* The answer as the server sent it, in a read-only editor that is named. */
    draw(config) {
      super.draw(config);
      if (this.cm) this.cm.getInputField().setAttribute("aria-label", this.label);
    }
  }

  Yasgui.Yasr.registerPlugin("table", Table);
  Yasgui.Yasr.registerPlugin("response", Response);
})();
