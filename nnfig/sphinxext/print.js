// Turns the one-page book into a print book; nnfig/sphinxext/pdf.py runs it before printing.
window.nnfigPrint = (() => {
  "use strict";
  const article = () => document.querySelector("article.bd-article");
  const text = (heading) => {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, mjx-assistive-mml").forEach((e) => e.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  const shown = (e) => e.getClientRects().length > 0;

  // The web's extras out: the figure gallery (its pages are inlined too), the API
  // reference (the code's own documentation, for readers at a screen) and the explorers.
  function dropWebOnly(root) {
    for (const name of ["gallery/index", "api"]) {
      const start = document.getElementById(`document-${name}`);
      if (!start) continue;
      start.nextElementSibling.remove();
      start.remove();
    }
    root.querySelectorAll(".nnfig-explorer").forEach((e) => e.remove());
  }

  // The root page's own sections (notation, how the figures are made) come before chapter 1.
  function frontMatterFirst(root) {
    const toctree = root.querySelector(":scope > .toctree-wrapper");
    root.querySelectorAll(":scope > section").forEach((e) => root.insertBefore(e, toctree));
  }

  // Light-theme figures, vector where matplotlib could draw them: swaps maps PNG → SVG.
  function vectorFigures(swaps) {
    document.querySelectorAll("img.only-dark").forEach((img) => img.closest("a, picture, img").remove());
    document.querySelectorAll("a.nnfig-zoom").forEach((a) => a.replaceWith(...a.childNodes));
    for (const img of document.querySelectorAll("img.nnfig-img")) {
      const svg = swaps[img.getAttribute("src").split("/").pop()];
      if (!svg) continue;
      img.closest("picture")?.querySelectorAll("source").forEach((s) => s.remove());
      img.removeAttribute("srcset");
      img.loading = "eager";
      img.src = svg;
    }
  }

  // The contents: every section and subsection (h2, h3), each a link to its section.
  function contents(root) {
    const nav = document.createElement("nav");
    nav.id = "nnfig-print-toc";
    nav.innerHTML = '<p class="nnfig-print-toc-title">Contents</p><ol></ol>';
    const list = nav.querySelector("ol");
    const entries = [];
    for (const h of article().querySelectorAll("section > h2, section > h3")) {
      if (!shown(h)) continue;
      const entry = { id: h.parentElement.id, level: h.tagName === "H2" ? 1 : 2, title: text(h) };
      // On one page, two chapters' sections can share an id: a link would find the first.
      if (document.querySelectorAll(`[id="${entry.id}"]`).length !== 1) {
        throw new Error(`section "${entry.title}": id "${entry.id}" is not unique in the book (label it)`);
      }
      const item = document.createElement("li");
      item.className = `nnfig-print-toc-l${entry.level}`;
      item.innerHTML = `<a href="#${entry.id}"><span class="title"></span><span class="page"></span></a>`;
      item.querySelector(".title").textContent = entry.title;
      list.appendChild(item);
      entries.push(entry);
    }
    root.querySelector(":scope > h1").after(nav);
    return entries;
  }

  return {
    // Returns the contents' entries: {id, level, title} of each section, in order.
    prepare(swaps) {
      const root = article().querySelector(":scope > section");
      dropWebOnly(root);
      frontMatterFirst(root);
      vectorFigures(swaps);
      document.querySelectorAll("details").forEach((d) => (d.open = true)); // solutions shown
      // Each included document (a chapter, the references) starts a new page.
      document.querySelectorAll('span[id^="document-"]').forEach((span) => {
        const section = span.nextElementSibling;
        if (section && section.tagName === "SECTION") section.classList.add("nnfig-print-chapter");
      });
      return contents(root);
    },
    async imagesReady() {
      const images = [...document.images].filter(shown);
      await Promise.all(images.map((img) => img.decode().catch(() => null)));
      await document.fonts.ready;
      const broken = images.filter((img) => !(img.naturalWidth > 0)).map((img) => img.src);
      if (broken.length) throw new Error(`images that did not load: ${broken.join(", ")}`);
    },
    // Writes each section's page (from the previous print) into the contents.
    number(pages) {
      document.querySelectorAll("#nnfig-print-toc .page").forEach((span, i) => {
        span.textContent = pages.length ? String(pages[i]) : "000";
      });
    },
  };
})();
