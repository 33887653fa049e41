/* How the query editor shows an answer's terms to people: IRIs as prefixed names (the
   project's prefixes and the query's own), the dataset's IRIs linked to this server's pages
   (https://w3id.org/ltc/id/x opens /id/x), numbers and dates plain, a language tag as a quiet
   superscript (the value's lang attribute says it to software). Shared by the table and the charts
   (window.LtcEditor.terms); no words of its own: those come from the page. */
"use strict";

(function () {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMBERS = new Set(["integer", "decimal", "double", "float", "int", "long", "short",
    "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"].map((t) => XSD + t));
  const DATES = new Set(["date", "dateTime", "gYear", "gYearMonth"].map((t) => XSD + t));
  const LOCAL = /^[A-Za-z0-9_][A-Za-z0-9_.%-]*$/;
  const HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};

  function escape(text) {
    return String(text).replace(/[&<>"']/g, (c) => HTML[c]);
  }

  /* The settings every function below reads: set once by the editor (setup). */
  const settings = {base: "https://w3id.org/ltc", prefixes: {}, lang: "en", words: {}};

  function setup(options) {
    Object.assign(settings, options);
  }

  /* prefix:local for an IRI in a known namespace (the longest that fits), else null. */
  function shorten(iri, extra) {
    const all = Object.assign({}, settings.prefixes, extra || {});
    let best = null;
    for (const [prefix, ns] of Object.entries(all)) {
      if (ns && iri.startsWith(ns) && (!best || ns.length > all[best].length)) {
        const local = iri.slice(ns.length);
        if (local === "" || (LOCAL.test(local) && !local.endsWith("."))) best = prefix;
      }
    }
    return best === null ? null : best + ":" + iri.slice(all[best].length);
  }

  /* Where a link to an IRI goes: the dataset's own IRIs to this server's pages. */
  function href(iri) {
    return iri.startsWith(settings.base + "/") ? iri.slice(settings.base.length) : iri;
  }

  function isNumber(term) {
    return !!term && term.type !== "uri" && NUMBERS.has(term.datatype);
  }

  function isDate(term) {
    return !!term && term.type !== "uri" && DATES.has(term.datatype);
  }

  /* A date-like term as a time (UTC) and its precision; null when it is not one. */
  function time(term) {
    if (!term || term.type === "uri" || term.type === "bnode") return null;
    const value = term.value.trim();
    let match = /^(-?\d{4})$/.exec(value);
    if (match && (term.datatype === XSD + "gYear" || !term.datatype
                  || NUMBERS.has(term.datatype) || term.datatype === XSD + "string")) {
      return {at: new Date(Date.UTC(Number(match[1]), 0, 1)), precision: "year"};
    }
    if (!DATES.has(term.datatype)) return null;
    match = /^(-?\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
    if (!match) return null;
    if (term.datatype === XSD + "gYearMonth") {
      return {at: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)),
              precision: "month"};
    }
    const at = new Date(term.datatype === XSD + "dateTime" ? value
      : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] || 1)));
    return isNaN(at) ? null : {at, precision: term.datatype === XSD + "dateTime" ? "time" : "day"};
  }

  function dateText(term) {
    const when = time(term);
    if (!when) return term.value;
    const options = {timeZone: "UTC"};
    if (when.precision === "year") return term.value;
    if (when.precision === "month") Object.assign(options, {year: "numeric", month: "short"});
    if (when.precision === "day") Object.assign(options, {dateStyle: "medium"});
    if (when.precision === "time") {
      Object.assign(options, {dateStyle: "medium", timeStyle: "short"});
      delete options.timeZone;
    }
    return new Intl.DateTimeFormat(settings.lang, options).format(when.at);
  }

  /* What a person reads for a term: {text, title, lang, kind, href}. */
  function shown(term, extra) {
    if (!term) return {text: "", kind: "empty"};
    if (term.type === "uri") {
      const name = shorten(term.value, extra);
      return {text: name || term.value, title: term.value, href: href(term.value),
              kind: "iri"};
    }
    if (term.type === "bnode") return {text: "_:" + term.value, kind: "bnode"};
    if (term["xml:lang"]) return {text: term.value, lang: term["xml:lang"], kind: "text"};
    if (isNumber(term)) return {text: term.value, kind: "number", title: shorten(term.datatype)};
    if (isDate(term)) {
      return {text: dateText(term), kind: "date", title: term.value + " (" + shorten(term.datatype) + ")"};
    }
    if (term.datatype === XSD + "boolean") {
      const words = settings.words.boolean || {};
      return {text: words[term.value] || term.value, kind: "boolean", title: "xsd:boolean"};
    }
    if (term.datatype && term.datatype !== XSD + "string") {
      const type = shorten(term.datatype) || term.datatype;
      return {text: term.value, kind: "typed", title: type, type};
    }
    return {text: term.value, kind: "text"};
  }

  /* The HTML of a table cell: a link for an IRI, the value and a small language tag. */
  function cell(term, extra) {
    const s = shown(term, extra);
    const title = s.title ? ` title="${escape(s.title)}"` : "";
    if (s.kind === "iri") {
      const kind = s.text === s.title ? "iri full" : "iri short";
      return `<a class="${kind}" href="${escape(s.href)}"${title}>${escape(s.text)}</a>`;
    }
    // the tag is drawn by CSS (::after): seen, but neither read aloud nor copied with the value
    if (s.kind === "text" && s.lang) {
      return `<span class="tagged" lang="${escape(s.lang)}" data-tag="${escape(s.lang)}">`
        + `${escape(s.text)}</span>`;
    }
    if (s.kind === "typed") {
      return `<span class="tagged"${title} data-tag="${escape(s.type)}">${escape(s.text)}</span>`;
    }
    return `<span class="${s.kind}"${title}>${escape(s.text)}</span>`;
  }

  window.LtcEditor = Object.assign(window.LtcEditor || {}, {
    terms: {setup, shorten, href, shown, cell, escape, isNumber, isDate, time, settings},
  });
})();
