// Previews of the figures, equations and citations a page refers to (nnfig/sphinxext/previews.py).
// Pointing at a reference, or focusing it with the keyboard, shows what it points at; on a
// touch screen a long press does, and a tap still follows the link. The data come from
// _static/previews/<page>.js, written when the book is built; tippy.js places the box.
(() => {
  "use strict";
  const viewer = document.currentScript;
  const dataUrl = new URL(viewer.dataset.previews, viewer.src).href;

  function attach() {
    const { previews, glyphs } = window.nnfigPreviews || { previews: {}, glyphs: "" };
    if (glyphs) document.body.insertAdjacentHTML("beforeend", glyphs);
    const links = document.querySelectorAll("article a.reference.internal[href*='#']");
    for (const link of links) {
      const html = previews[link.getAttribute("href")];
      if (!html || link.closest(".tippy-box")) continue;
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

  // The page's previews load after the page, as a classic script (this works from file:// too).
  function load() {
    const script = document.createElement("script");
    script.src = dataUrl;
    script.onload = attach;
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
