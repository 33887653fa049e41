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

  function wordAt(yasqe) {
    const token = yasqe.getCompleteToken();
    const cursor = yasqe.getDoc().getCursor();
    if (!token || token.end !== cursor.ch) return null;
    const word = token.string;
    if (!WORD.test(word)) return null;
    const lower = word.toLowerCase();
    if (KEYWORDS.some((k) => k.startsWith(lower))) return null;
    const before = yasqe.getLine(cursor.line).slice(0, token.start);
    if (/[?$:<"'#@^]$/.test(before) || /#/.test(before)) return null;  // a variable, a comment…
    return word;
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
    preProcessToken: (yasqe, token) => Object.assign(token, {autocompletionString: token.string}),
    get: (yasqe, token) => ask(token.string).then((entries) => entries.map((e) => e.name)),
    postprocessHints: (yasqe, hints) => hints.map((hint) => Object.assign(hint, {render})),
  };

  function setup(options) {
    settings = Object.assign(settings, options);
    seedPrefixes();
    Yasqe.registerAutocompleter(completer, false);
  }

  window.LtcEditor.complete = {setup, lookup};
})();
