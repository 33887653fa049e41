/* The query editor at /sparql: YASGUI's editor (YASQE) and results (YASR) on this endpoint
   only, with the project's prefixes predeclared, completion of the graph's names, result
   views chosen by `#defaultView:` comments (static/editor/), the examples with their
   parameters bound, and the user's queries kept in this browser (localStorage): the current
   one survives a reload, the History list reopens those run before.

   The first query is, in order: `#query=<percent-encoded SPARQL>` in the URL (opened, not
   run), the canned query of `?canned=NAME` (the server writes it into the page), the one
   left in the editor last time, the default. Without JavaScript or YASGUI the plain form
   still works. Every word comes from the page (editor-config). */
"use strict";

(function () {
  const holder = document.getElementById("yasgui");
  if (!holder || typeof Yasgui === "undefined" || !window.LtcEditor) return;
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const words = config.words;
  const E = window.LtcEditor;
  const STORE = "ltc-graph.editor";
  const HISTORY_SIZE = 50;
  const VIEWS = {table: "table", barchart: "barchart", map: "map", graph: "graph",
                 timeline: "timeline", response: "response"};

  E.terms.setup({base: config.base, prefixes: config.prefixes, lang: config.lang, words,
                 yasgui: config.yasgui, places: config.places, outlines: config.outlines});
  E.complete.setup({endpoint: config.endpoint, prefixes: config.prefixes, lang: config.lang,
                    base: config.base});

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
  }

  /* The browser's memory of the editor: {current, history: [{query, at}]}. */
  function remembered() {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || {};
    } catch (error) {
      return {};
    }
  }

  function remember(part) {
    try {
      localStorage.setItem(STORE, JSON.stringify(Object.assign(remembered(), part)));
    } catch (error) { /* storage full or refused: the editor works without it */ }
  }

  function queryInHash() {
    const match = /^#query=([\s\S]*)$/.exec(window.location.hash);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch (error) {
      return null;
    }
  }

  function firstQuery() {
    const linked = queryInHash();
    if (linked !== null) return linked;
    if (config.fromUrl) return config.query;
    const last = remembered().current;
    return typeof last === "string" ? last : config.query;
  }

  /* The editor. YASQE merges arrays by index, so its completers are set on its defaults. */
  const Yasqe = Yasgui.Yasqe;
  Yasqe.defaults.autocompleters = ["prefixes", "variables", "names"];
  document.getElementById("plain-form").hidden = true;
  const yasqe = new Yasqe(holder, {
    value: firstQuery(),
    persistenceId: null,
    consumeShareLink: null,
    createShareableLink: null,
    showQueryButton: false,
    resizeable: false,
    editorHeight: "auto",
    viewportMargin: Infinity,
    collapsePrefixesOnLoad: true,
    prefixCcApi: config.prefixList,
    requestConfig: {endpoint: config.endpoint, method: "POST"},
  });
  yasqe.getInputField().setAttribute("aria-label", words.editor);

  /* The results: YASR with the project's views, its words and no link to another site. */
  const table = Yasgui.Yasr.plugins.table.defaults;
  table.openIriInNewWindow = false;
  table.tableConfig.language = words.datatable;
  const status = document.getElementById("editor-status");

  class Results extends Yasgui.Yasr {
    drawDocumentationButton() {
      this.documentationLink = document.createElement("a");  // YASGUI's help: another site
    }

    updateResponseInfo() {
      let said = "";
      if (this.results && !this.results.hasError()) {
        const rows = this.results.getBindings();
        if (rows) {
          said = rows.length === 1 ? words.oneResult
            : format(words.results, {count: rows.length.toLocaleString(config.lang)});
        }
        const time = this.results.getResponseTime();
        if (time && said) {
          said += " " + format(words.seconds, {seconds: (time / 1000).toLocaleString(
            config.lang, {maximumFractionDigits: 2})});
        }
        const headers = this.results.res && this.results.res.headers;
        if (headers && headers.get && headers.get("X-Result-Truncated") === "true") {
          said += ". " + format(words.capped, {cap: headers.get("X-Result-Cap")});
        }
      }
      this.dataElement.classList.toggle("empty", !said);
      this.dataElement.textContent = said;
      status.textContent = said;
    }

    fillFallbackBox(drawn) {
      this.emptyFallbackElement();
      const plugin = this.plugins[drawn || this.drawnPlugin || ""];
      if (!plugin || plugin.hideFromSelection) return;
      const chosen = this.getSelectedPlugin();
      const p = document.createElement("p");
      p.textContent = format(words.unfit, {view: chosen ? chosen.label : this.getSelectedPluginName()});
      this.fallbackInfoEl.append(p);
    }

    updatePluginSelectors(compatible) {
      super.updatePluginSelectors(compatible);
      if (!this.pluginSelectorsEl) return;
      for (const button of this.pluginSelectorsEl.querySelectorAll("button")) {
        const off = button.classList.contains("disabled");
        button.disabled = off;
        button.closest("li").hidden = off;
        button.setAttribute("aria-pressed", button.classList.contains("selected") ? "true" : "false");
      }
    }
  }

  function renderError(error) {
    const box = document.createElement("div");
    const lead = document.createElement("p");
    const message = (error && error.text) || "";
    const unreachable = !message || /Failed to fetch|NetworkError|Load failed/.test(message);
    lead.textContent = unreachable ? words.unreachable : words.failed;
    box.append(lead);
    if (!unreachable) {
      const said = document.createElement("pre");
      said.lang = "en";  // the server's messages are in English
      said.textContent = message.trim();
      box.append(said);
    }
    return box;
  }

  const results = document.getElementById("results");
  const yasr = new Results(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: () => Object.assign({}, config.prefixes, yasqe.getPrefixesFromQuery()),
    pluginOrder: ["table", "barchart", "map", "graph", "timeline", "response"],
    defaultPlugin: "table",
    errorRenderers: [renderError],
    getDownloadFileName: () => "query",
    // cells wrap between words rather than being cut short; the switch still offers it
    plugins: {table: {dynamicConfig: {isEllipsed: false}}},
  });

  /* Running: the Run button, the view a #defaultView comment asks for, the history. */
  const run = document.getElementById("run");
  const runLabel = run.querySelector(".run-label");
  function busy(running) {
    run.classList.toggle("running", running);
    runLabel.textContent = running ? words.stop : words.run;
    run.setAttribute("aria-busy", running ? "true" : "false");
    if (running) status.textContent = words.running;
  }

  function viewAskedIn(text) {
    const match = /^[ \t]*#[ \t]*defaultView[ \t]*:[ \t]*(\w+)/im.exec(text);
    return (match && VIEWS[match[1].toLowerCase()]) || "table";
  }

  yasr.on("drawn", () => { results.dataset.drawn = yasr.drawnPlugin; });
  yasqe.on("queryBefore", () => {
    const text = yasqe.getValue();
    results.hidden = false;
    delete results.dataset.drawn;
    yasr.selectedPlugin = viewAskedIn(text);
    addToHistory(text);
    busy(true);
  });
  yasqe.on("queryResponse", (_yasqe, response, duration) => {
    busy(false);
    yasr.setResponse(response, duration);
  });
  yasqe.on("queryAbort", () => {
    busy(false);
    status.textContent = "";
  });
  run.addEventListener("click", () => {
    if (yasqe.req) yasqe.abortQuery();
    else yasqe.query().catch(() => {});
  });

  /* The current query survives a reload once the user has changed it (a page that was only
     looked at leaves the last one in place); once edited, the URL no longer overrides it. */
  let saving = null;
  let edited = false;
  function saveNow() {
    clearTimeout(saving);
    if (edited) remember({current: yasqe.getValue()});
  }
  yasqe.on("change", () => {
    edited = true;
    clearTimeout(saving);
    saving = setTimeout(saveNow, 250);
    if (window.location.hash || config.fromUrl) {
      const lang = new URL(window.location.href).searchParams.get("lang");
      history.replaceState(null, "", window.location.pathname
                           + (lang ? "?lang=" + encodeURIComponent(lang) : ""));
      config.fromUrl = false;
    }
  });
  window.addEventListener("pagehide", saveNow);
  window.addEventListener("hashchange", () => {
    const linked = queryInHash();
    if (linked !== null) open(linked);
  });

  function open(text) {
    yasqe.setValue(text);
    yasqe.collapsePrefixes(true);
    yasqe.refresh();
  }

  /* History: the queries run, newest first, each reopened with a click (not run). */
  const historyBox = document.getElementById("history");
  const historyList = document.getElementById("history-list");
  const when = new Intl.DateTimeFormat(config.lang, {dateStyle: "short", timeStyle: "short"});

  function gist(text) {
    const lines = text.split("\n").map((l) => l.trim())
      .filter((l) => l && !/^(PREFIX|BASE)\b/i.test(l) && !l.startsWith("#"));
    const said = lines.join(" ").replace(/\s+/g, " ");
    return said.length > 110 ? said.slice(0, 109) + "…" : said || words.noQueryText;
  }

  function showHistory() {
    const entries = remembered().history || [];
    historyList.replaceChildren(...entries.map((entry) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "history-entry";
      button.title = words.historyOpen;
      const code = document.createElement("code");
      code.textContent = gist(entry.query);
      const time = document.createElement("time");
      time.dateTime = new Date(entry.at).toISOString();
      time.textContent = when.format(new Date(entry.at));
      button.append(code, time);
      button.addEventListener("click", () => {
        open(entry.query);
        yasqe.focus();
        status.textContent = format(words.historyEntry, {query: gist(entry.query)});
      });
      item.append(button);
      return item;
    }));
    document.getElementById("history-count").textContent = entries.length ? `(${entries.length})` : "";
    document.getElementById("history-none").hidden = entries.length > 0;
    document.getElementById("clear-history").hidden = entries.length === 0;
  }

  function addToHistory(text) {
    const entries = (remembered().history || []).filter((e) => e.query !== text);
    entries.unshift({query: text, at: Date.now()});
    remember({history: entries.slice(0, HISTORY_SIZE)});
    showHistory();
  }

  document.getElementById("clear-history").addEventListener("click", () => {
    remember({history: []});
    showHistory();
  });
  historyBox.hidden = false;
  showHistory();

  /* Examples: filtered as one types, in the page's language; each opens with its
     parameters bound (the server wrote the text) and runs. */
  const filter = document.getElementById("example-filter");
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const items = [...document.querySelectorAll("#example-list li")];
  document.getElementById("example-filter-box").hidden = false;
  filter.addEventListener("input", () => {
    const wanted = fold(filter.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const said = fold(item.textContent);
      item.hidden = !wanted.every((w) => said.includes(w));
      if (!item.hidden) shown += 1;
    }
    document.getElementById("example-none").hidden = shown > 0;
  });
  for (const link of document.querySelectorAll("a[data-canned]")) {
    link.addEventListener("click", (event) => {
      const text = config.examples[link.dataset.canned];
      if (typeof text !== "string") return;
      event.preventDefault();
      open(text);
      document.getElementById("examples").open = false;
      run.focus();
      yasqe.query().catch(() => {});
    });
  }

  /* A link to the query in the editor, to copy (/sparql#query=...). */
  const share = document.getElementById("share");
  const shareBox = document.getElementById("share-box");
  const shareUrl = document.getElementById("share-url");
  share.addEventListener("click", () => {
    const url = new URL(window.location.href);
    url.search = "";
    url.hash = "query=" + encodeURIComponent(yasqe.getValue());
    shareUrl.value = url.href;
    shareBox.hidden = false;
    shareUrl.focus();
    shareUrl.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url.href).then(() => {
        status.textContent = words.linkCopied;
      }, () => {});
    }
  });

  /* The skip link goes first in the page, straight to the editor. */
  const skip = document.getElementById("skip-editor");
  const siteSkip = document.querySelector("body > a.skip");
  if (siteSkip) siteSkip.after(skip);
  skip.href = "#query-editor";
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("query-editor").scrollIntoView();
    yasqe.focus();
  });

  document.getElementById("editor-toolbar").hidden = false;
  E.translate.watch(document.getElementById("query-editor"), config.yasgui);
  E.translate.watch(results, config.yasgui);
  window.ltcEditor = {yasqe, yasr};
})();
