/* YASGUI writes its interface in English, much of it beyond what its options set (switch
   labels, tooltips, button titles). This small adaptation puts the page's words in their
   place: it watches the editor's part of the page and replaces each text or attribute
   (title, aria-label, placeholder) that is exactly one of YASGUI's English strings, or
   matches one of its patterns, with what the page gives for it (editor-config's "yasgui":
   texts and patterns, from the catalogue). Data never changes: the query's text, the table's
   cells, the charts and the completion hints are left alone. */
"use strict";

(function () {
  const ATTRIBUTES = ["title", "aria-label", "placeholder"];
  const LEAVE = ".CodeMirror-line, .CodeMirror-hints, thead, tbody td, .ltc-view, pre";

  function translator(words) {
    const texts = words.texts || {};
    const patterns = (words.patterns || []).map((p) => ({match: new RegExp(p.match), text: p.text}));
    return function (english) {
      const trimmed = english.trim();
      if (!trimmed) return null;
      let said = Object.prototype.hasOwnProperty.call(texts, trimmed) ? texts[trimmed] : null;
      if (said === null) {
        for (const p of patterns) {
          const m = p.match.exec(trimmed);
          if (m) {
            said = p.text.replace(/%\((\w+)\)s/g, (_, key) => (m.groups || {})[key] || "");
            break;
          }
        }
      }
      if (said === null || said === trimmed) return null;
      return english.replace(trimmed, said);
    };
  }

  function watch(root, words) {
    const say = translator(words);
    const left = (node) => {
      const element = node.nodeType === 1 ? node : node.parentElement;
      return !element || !!element.closest(LEAVE);
    };
    const text = (node) => {
      if (left(node)) return;
      const said = say(node.data);
      if (said !== null) node.data = said;
    };
    const attributes = (element) => {
      if (left(element)) return;
      for (const name of ATTRIBUTES) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        const said = say(value);
        if (said !== null) element.setAttribute(name, said);
      }
    };
    const all = (node) => {
      if (node.nodeType === 3) { text(node); return; }
      if (node.nodeType !== 1 || left(node)) return;
      attributes(node);
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.nodeType === 1 && n.matches(LEAVE) ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT)});
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === 3) text(n);
        else attributes(n);
      }
    };
    all(root);
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "childList") record.addedNodes.forEach(all);
        else if (record.type === "characterData") text(record.target);
        else attributes(record.target);
      }
    }).observe(root, {subtree: true, childList: true, characterData: true,
                      attributes: true, attributeFilter: ATTRIBUTES});
  }

  window.LtcEditor = Object.assign(window.LtcEditor || {}, {translate: {watch, translator}});
})();
