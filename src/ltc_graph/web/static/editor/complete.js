/* What the editor knows of this graph while one types:
   - the project's predeclared prefixes: YASQE's SPARQL mode keeps the prefixes a query
     declares in its parse state (startState's `prefixes: {}`) and marks any other as an
     error, although the server declares ltc:, cluster:, ... itself. The mode is wrapped
     (through the CodeMirror mode registry YASQE inherits) so that every parse starts with
     them: `SELECT ?c WHERE { ?c a ltc:Cluster }` is valid, a prefix nobody declares is not.
   - names: typing a word of three letters or more offers the graph's resources whose label,
     alternative label, acronym or notation contains it (any language, any case), asked of
     this endpoint in SPARQL; choosing one writes its prefixed name (cluster:afil).
   Set up by editor.js with the page's settings (LtcEditor.complete.setup). */
"use strict";

(function () {
  if (typeof Yasgui === "undefined") return;
  const Yasqe = Yasgui.Yasqe;
  const terms = window.LtcEditor.terms;
  const WORD = /^[\p{L}\p{N}][\p{L}\p{N}_-]{2,}$/u;
  // SPARQL's keywords and functions: a word that begins one is being written, not a name
  const KEYWORDS = ("select construct describe ask where filter optional union minus graph "
    + "service bind values order group having limit offset distinct reduced prefix base from "
    + "named as by asc desc not exists in true false undef str lang langmatches datatype "
    + "bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase encode_for_uri "
    + "contains strstarts strends strbefore strafter year month day hours minutes seconds "
    + "timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt "
    + "sameterm isiri isuri isblank isliteral isnumeric regex substr replace count sum min max "
    + "avg sample group_concat separator a").split(" ");
  let settings = {endpoint: "", prefixes: {}, lang: "en", base: "https://w3id.org/ltc"};

  function seedPrefixes() {
    const original = Yasqe.modes.sparql11;
    Yasqe.defineMode("sparql11", function (config, parserConfig) {
      const mode = original(config, parserConfig);
      const startState = mode.startState;
      mode.startState = function () {
        const state = startState.apply(this, arguments);
        state.prefixes = Object.assign({}, settings.prefixes);
        return state;
      };
      return mode;
    });
  }

  /* The SPARQL asking for resources whose names contain `word` (checked against WORD). */
  function lookup(word) {
    const needle = word.toLowerCase();
    return `SELECT ?item (SAMPLE(?shown) AS ?label) (MIN(?rank) AS ?best) (SAMPLE(?said) AS ?matched)
WHERE {
  ?item rdfs:label|skos:altLabel|skos:prefLabel|ltc:acronym|skos:notation ?text .
  FILTER(isIRI(?item) && STRSTARTS(STR(?item), "${settings.base}/"))
  BIND(LCASE(STR(?text)) AS ?lower)
  FILTER(CONTAINS(?lower, "${needle}"))
  BIND(IF(?lower = "${needle}", 0, IF(STRSTARTS(?lower, "${needle}"), 1, 2)) AS ?rank)
  OPTIONAL { ?item rdfs:label ?own . FILTER(LANG(?own) = "${settings.lang}") }
  OPTIONAL { ?item rdfs:label ?english . FILTER(LANG(?english) = "en") }
  BIND(COALESCE(?own, ?english, STR(?text)) AS ?shown)
  BIND(STR(?text) AS ?said)
}
GROUP BY ?item
ORDER BY ?best STRLEN(STR(?label)) ?item
LIMIT 20`;
  }

  const found = new Map();  // word -> Promise of [{name, label, matched, iri}]
  const about = new Map();  // prefixed name -> {label, matched, iri}, for the hints' display

  function ask(word) {
    if (!found.has(word)) {
      const body = new URLSearchParams({query: lookup(word)});
      const answer = fetch(settings.endpoint, {
        method: "POST", body,
        headers: {Accept: "application/sparql-results+json"},
      }).then((r) => (r.ok ? r.json() : {results: {bindings: []}}))
        .then((json) => json.results.bindings.map((b) => {
          const iri = b.item.value;
          const short = terms.shorten(iri);
          const name = short || `<${iri}>`;
          const entry = {name, iri, label: b.label ? b.label.value : "",
                         matched: b.matched ? b.matched.value : ""};
          about.set(name, entry);
          return entry;
        }))
        .catch(() => []);
      found.set(word, answer);
    }
    return found.get(word);
  }

  /* The word being typed before the cursor, from the line's text (the SPARQL tokenizer
     would read "afil" as the keyword "a" then "fil"): {word, start, line} or null. */
  function wordAt(yasqe) {
    const doc = yasqe.getDoc();
    if (doc.somethingSelected()) return null;
    const cursor = doc.getCursor();
    const line = yasqe.getLine(cursor.line);
    const before = line.slice(0, cursor.ch);
    const match = /[\p{L}\p{N}_-]+$/u.exec(before);
    if (!match || !WORD.test(match[0]) || /[\p{L}\p{N}_-]/u.test(line.charAt(cursor.ch))) {
      return null;
    }
    const lead = before.slice(0, match.index);
    if (/[?$:<"'@^\\.]$/.test(lead) || lead.includes("#")) return null;  // a variable, a name…
    if (/"[^"]*$/.test(lead) || /'[^']*$/.test(lead)) return null;  // inside a string
    const lower = match[0].toLowerCase();
    if (KEYWORDS.some((k) => k.startsWith(lower))) return null;
    return {word: match[0], start: match.index, line: cursor.line, end: cursor.ch};
  }

  function render(element, self, hint) {
    const entry = about.get(hint.text) || {label: "", matched: ""};
    const label = document.createElement("span");
    label.className = "hint-label";
    label.textContent = entry.label;
    const name = document.createElement("span");
    name.className = "hint-name";
    name.textContent = hint.text;
    element.append(label, " ", name);
    if (entry.matched && entry.matched.toLowerCase() !== entry.label.toLowerCase()) {
      const matched = document.createElement("span");
      matched.className = "hint-matched";
      matched.textContent = " · " + entry.matched;
      element.append(matched);
    }
  }

  const completer = {
    name: "names",
    bulk: false,
    autoShow: true,
    persistenceId: null,
    isValidCompletionPosition: (yasqe) => wordAt(yasqe) !== null,
    preProcessToken: (yasqe, token) => {
      const at = wordAt(yasqe);
      if (!at) return token;
      return Object.assign({}, token, {
        string: at.word, autocompletionString: at.word, start: at.start, end: at.end,
        from: {line: at.line, ch: at.start}, to: {line: at.line, ch: at.end}});
    },
    get: (yasqe, token) => (WORD.test(token.string || "")
      ? ask(token.string).then((entries) => entries.map((e) => e.name)) : Promise.resolve([])),
    postprocessHints: (yasqe, hints) => hints.map((hint) => Object.assign(hint, {render})),
  };

  function setup(options) {
    settings = Object.assign(settings, options);
    seedPrefixes();
    Yasqe.registerAutocompleter(completer, false);
  }

  window.LtcEditor.complete = {setup, lookup};
})();
