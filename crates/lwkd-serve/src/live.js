// lwkd serve: follows the build over Server-Sent Events. Injected into pages by the server
// only; the built files never contain it.
(function () {
  "use strict";
  const script = document.currentScript;
  let generation = Number(script.dataset.generation);
  const events = new EventSource(script.dataset.events);
  const OVERLAY = "lwkd-errors";

  events.onmessage = function (message) {
    const state = JSON.parse(message.data);
    if (state.errors.length > 0) {
      showErrors(state.errors);
    } else if (state.generation === generation) {
      hideErrors();
    } else if (state.search_only && state.generation === generation + 1 && !document.querySelector("form[data-index]")) {
      // A new search index: only a search page has anything to reload.
      generation = state.generation;
    } else if (state.css_only && state.generation === generation + 1) {
      generation = state.generation;
      swapStylesheets();
      hideErrors();
    } else {
      events.close();
      location.reload();
    }
  };

  // A fresh copy of each stylesheet replaces the old one once loaded: no flash, no reload.
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("lwkd", String(generation));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    }
  }

  function showErrors(errors) {
    hideErrors();
    const box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";
    const title = document.createElement("h2");
    title.textContent = "lwkd: the last build has errors; showing the last good site";
    title.style.cssText = "color:#ff8080;font:bold 16px/1.4 ui-monospace,monospace;margin:0 0 1rem";
    box.appendChild(title);
    for (const error of errors) {
      const line = document.createElement("pre");
      line.textContent = error;
      line.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem";
      box.appendChild(line);
    }
    const hint = document.createElement("p");
    hint.textContent = "Fix the file and save: this page updates by itself.";
    box.appendChild(hint);
    document.body.appendChild(box);
  }

  function hideErrors() {
    const box = document.getElementById(OVERLAY);
    if (box) box.remove();
  }
})();
