// Previews of the figures, equations and citations a page refers to (nnfig/sphinxext/previews.py).
// Pointing at a reference, or focusing it with the keyboard, shows what it points at; on a
// touch screen a long press does, and a tap still follows the link. Nothing but this file
// loads with the page: tippy.js, Popper and the page's previews (_static/previews/<page>.js,
// written when the book is built) load when a reader first points at or focuses a reference.
(() => {
  "use strict";
  const viewer = document.currentScript;
  const urls = ["popper", "tippy", "previews"].map((key) => new URL(viewer.dataset[key], viewer.src).href);
  const LINKS = "article a.reference.internal[href*='#']";
  const TRIGGERS = ["mouseover", "focusin", "touchstart"];
  let loading = null;

  function script(url) {
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = url; // a classic script: this works from file:// too
      tag.onload = resolve;
      tag.onerror = () => reject(new Error(`previews: could not load ${url}`));
      document.head.appendChild(tag);
    });
  }

  function attach() {
    for (const type of TRIGGERS) document.removeEventListener(type, first);
    const { previews, glyphs } = window.nnfigPreviews;
    if (glyphs) document.body.insertAdjacentHTML("beforeend", glyphs);
    for (const link of document.querySelectorAll(LINKS)) {
      const html = previews[link.getAttribute("href")];
      if (!html) continue;
      link.classList.add("nnfig-previewed");
      window.tippy(link, {
        content: html,
        allowHTML: true,
        theme: "nnfig",
        placement: "auto",
        maxWidth: "min(30rem, calc(100vw - 1rem))",
        delay: [250, 100],
        touch: ["hold", 500],
        appendTo: () => document.body,
        aria: { content: "describedby" },
      });
    }
  }

  function first(event) {
    const link = event.target.closest && event.target.closest(LINKS);
    if (!link) return;
    loading = loading || urls.reduce((done, url) => done.then(() => script(url)), Promise.resolve()).then(attach);
    loading.then(() => {
      // The reader is still at the link that started the loading: show its preview now.
      const here = link.matches(":hover") || link === document.activeElement;
      if (event.type !== "touchstart" && link._tippy && here) link._tippy.show();
    });
  }

  for (const type of TRIGGERS) document.addEventListener(type, first, { passive: true });
})();
