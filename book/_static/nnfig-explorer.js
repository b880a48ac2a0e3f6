/* The book's explorer: a training run's layer planes in 3-D, to turn and to scrub through.

   A classic script with no libraries, so that it runs from file:// and offline. Each
   <div class="nnfig-explorer" data-src="…"> (written by nnfig.sphinxext.explorer) gets its
   controls and canvas at once, and its data, a sibling script that calls
   nnfigExplorer.register(id, data) (written by nnfig.compute.explorer), only when it first
   comes into view or is used: the data weigh nothing at page load.

   The view is an orthographic projection: plane p of the net stands at x = (p - mid) * GAP,
   a point (u, v) of it at (x, v, u); the stack turns by `yaw` about the vertical axis, then
   tilts by `pitch`. Colours are the theme's (custom properties of nnfig-palette.css), read
   again when the page's data-theme changes. For tests, each element carries data-ready,
   data-checkpoint, data-yaw, data-pitch and data-selected, and element.nnfigExplorer.screen(p, i)
   gives the position of point i of plane p in CSS pixels of the canvas. */
(function () {
  "use strict";
  var GAP = 1.45; // distance between planes, in half-widths of a plane (as the static figure)
  var VIEW = { yaw: 0.5, pitch: 0.3 }; // close to the static figure's slant
  var DRAG = 0.004; // radians per CSS px: a thumb's sweep across a phone turns the stack ~70°
  var TILT = 0.9; // steeper tilts pile the planes on top of each other
  var PLAY_MS = 250;
  var PICK_PX = 14; // a click this close to a point chooses it
  var data = {}; // figure id -> the registered run
  var views = []; // every explorer of the page

  function el(tag, attrs, parent) {
    var e = document.createElement(tag);
    for (var k in attrs) {
      if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  function colours(node) {
    var style = getComputedStyle(node), out = {};
    ["paper", "ink", "muted", "grid", "class0", "class1"].forEach(function (name) {
      out[name] = style.getPropertyValue("--nnfig-" + name).trim() || "#808080";
    });
    return out;
  }

  /* --- a view: the controls of one explorer and the state it draws --------------------- */

  function View(root) {
    this.root = root;
    this.id = root.getAttribute("data-explorer");
    this.k = 0;
    this.yaw = VIEW.yaw;
    this.pitch = VIEW.pitch;
    this.selected = -1;
    this.build();
    this.state();
  }

  View.prototype.build = function () {
    var root = this.root, self = this;
    root.hidden = false;
    this.canvas = el("canvas", {
      tabindex: "0",
      role: "img",
      "aria-label":
        "The layers of the net as planes in 3-D, every training point on every plane. " +
        "Drag or use the arrow keys to turn and tilt; click a point, or choose one below, " +
        "to follow it through the layers.",
    }, root);
    this.ctx = this.canvas.getContext("2d");
    var bar = el("div", { class: "nnfig-explorer-controls" }, root);
    this.play = el("button", { type: "button", class: "nnfig-explorer-play", text: "Play" }, bar);
    var scrub = el("label", { class: "nnfig-explorer-scrub" }, bar);
    el("span", { text: "Checkpoint" }, scrub);
    this.slider = el("input", { type: "range", min: "0", max: "0", step: "1", value: "0" }, scrub);
    this.readout = el("p", { class: "nnfig-explorer-readout", "aria-live": "polite" }, root);
    this.readout.textContent = "Loading the training run…";
    var opts = el("div", { class: "nnfig-explorer-options" }, root);
    this.square = this.toggle(opts, "Square");
    this.lines = this.toggle(opts, "Joining lines");
    var follow = el("label", {}, opts);
    el("span", { text: "Follow point " }, follow);
    this.pick = el("select", {}, follow);
    el("option", { value: "-1", text: "none" }, this.pick);
    this.reset = el("button", { type: "button", text: "Reset view" }, opts);
    this.controls = [this.play, this.slider, this.square, this.lines, this.pick, this.reset];
    this.controls.forEach(function (c) { c.disabled = true; });
    this.listen();
    if ("ResizeObserver" in window) new ResizeObserver(function () { self.resize(); }).observe(root);
    else window.addEventListener("resize", function () { self.resize(); });
  };

  View.prototype.toggle = function (parent, text) {
    var label = el("label", {}, parent);
    var box = el("input", { type: "checkbox", checked: "" }, label);
    el("span", { text: " " + text }, label);
    return box;
  };

  View.prototype.listen = function () {
    var self = this, c = this.canvas;
    this.slider.addEventListener("input", function () { self.stop(); self.show(+self.slider.value); });
    this.play.addEventListener("click", function () { self.timer ? self.stop() : self.start(); });
    this.square.addEventListener("change", function () { self.draw(); });
    this.lines.addEventListener("change", function () { self.draw(); });
    this.pick.addEventListener("change", function () { self.choose(+self.pick.value); });
    this.reset.addEventListener("click", function () { self.turn(VIEW.yaw - self.yaw, VIEW.pitch - self.pitch); });
    c.addEventListener("pointerdown", function (e) {
      self.drag = { x: e.clientX, y: e.clientY, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener("pointermove", function (e) {
      var d = self.drag;
      if (!d) return;
      var dx = e.clientX - d.x, dy = e.clientY - d.y;
      if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      d.moved = true;
      d.x = e.clientX;
      d.y = e.clientY;
      self.turn(dx * DRAG, dy * DRAG);
    });
    c.addEventListener("pointerup", function (e) {
      var d = self.drag;
      self.drag = null;
      if (d && !d.moved && self.run) {
        var r = c.getBoundingClientRect();
        self.choose(self.nearest(e.clientX - r.left - c.clientLeft, e.clientY - r.top - c.clientTop));
      }
    });
    c.addEventListener("pointercancel", function () { self.drag = null; });
    c.addEventListener("keydown", function (e) {
      var step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[e.key];
      if (!step || !self.run) return;
      e.preventDefault();
      self.turn(step[0], step[1]);
    });
  };

  /* --- state ----------------------------------------------------------------------------- */

  View.prototype.load = function (run) {
    this.run = run;
    var n = run.steps.length, pick = this.pick;
    this.slider.max = String(n - 1);
    run.labels.forEach(function (c, i) {
      el("option", { value: String(i), text: (i + 1) + " (class " + c + ")" }, pick);
    });
    this.controls.forEach(function (c) { c.disabled = false; });
    this.root.setAttribute("data-ready", "true");
    this.resize(); // to the height this stack needs
    this.show(0);
  };

  View.prototype.show = function (k) {
    var run = this.run;
    this.k = Math.max(0, Math.min(run.steps.length - 1, k));
    this.slider.value = String(this.k);
    var step = run.steps[this.k];
    this.slider.setAttribute("aria-valuetext", "step " + step);
    this.readout.textContent =
      "step " + step + " · loss " + parseFloat(run.loss[this.k].toPrecision(3)) +
      " · training accuracy " + Math.round(100 * run.accuracy[this.k]) + "%";
    this.state();
    this.draw();
  };

  View.prototype.start = function () {
    var self = this, last = this.run.steps.length - 1;
    if (this.k === last) this.show(0);
    this.play.textContent = "Pause";
    this.readout.setAttribute("aria-live", "off"); // no announcement per frame
    this.timer = setInterval(function () {
      self.show(self.k + 1);
      if (self.k === last) self.stop();
    }, PLAY_MS);
  };

  View.prototype.stop = function () {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = "Play";
    this.readout.setAttribute("aria-live", "polite");
  };

  View.prototype.turn = function (dyaw, dpitch) {
    this.yaw += dyaw;
    this.pitch = Math.max(-TILT, Math.min(TILT, this.pitch + dpitch));
    this.state();
    this.draw();
  };

  View.prototype.choose = function (i) {
    this.selected = i;
    this.pick.value = String(i);
    this.state();
    this.draw();
  };

  View.prototype.state = function () {
    var r = this.root;
    r.setAttribute("data-checkpoint", String(this.k));
    r.setAttribute("data-yaw", this.yaw.toFixed(3));
    r.setAttribute("data-pitch", this.pitch.toFixed(3));
    r.setAttribute("data-selected", String(this.selected));
  };

  /* --- projection ------------------------------------------------------------------------ */

  // Plane p's point (u, v), in [-1, 1]², to the screen (before fitting): [x, y, depth].
  View.prototype.project = function (p, u, v) {
    var x = (p - (this.run.planes.length - 1) / 2) * GAP;
    var cy = Math.cos(this.yaw), sy = Math.sin(this.yaw);
    var cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    var x1 = x * cy + u * sy, z1 = -x * sy + u * cy;
    return [x1, -(v * cp + z1 * sp), z1 * cp - v * sp];
  };

  var TOP = 34, PAD = 8, SIDE = 24; // room for the planes' names and ranges; margins

  // The projected corners of every plane: [low x, low y, high x, high y].
  View.prototype.bounds = function () {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    for (var p = 0; p < this.run.planes.length; p++) {
      for (var c = 0; c < 4; c++) {
        var q = this.project(p, c & 1 ? 1 : -1, c & 2 ? 1 : -1);
        b = [Math.min(b[0], q[0]), Math.min(b[1], q[1]), Math.max(b[2], q[0]), Math.max(b[3], q[1])];
      }
    }
    return b;
  };

  // Scale and offset that fit every plane into the canvas, below the labels.
  View.prototype.fit = function () {
    var b = this.bounds(), w = b[2] - b[0], h = b[3] - b[1];
    var s = Math.min((this.w - 2 * SIDE) / w, (this.h - TOP - PAD) / h);
    this.scale = s;
    this.origin = [(this.w - s * (b[0] + b[2])) / 2, TOP + (this.h - TOP - PAD - s * h) / 2 - s * b[1]];
  };

  // Height of the canvas: what the stack needs in the first view at this width.
  View.prototype.height = function (w) {
    if (!this.run) return w * 0.5;
    var turned = [this.yaw, this.pitch];
    this.yaw = VIEW.yaw;
    this.pitch = VIEW.pitch;
    var b = this.bounds();
    this.yaw = turned[0];
    this.pitch = turned[1];
    return TOP + PAD + (w - 2 * SIDE) * (b[3] - b[1]) / (b[2] - b[0]);
  };

  View.prototype.at = function (p, u, v) {
    var q = this.project(p, u, v);
    return [this.origin[0] + this.scale * q[0], this.origin[1] + this.scale * q[1], q[2]];
  };

  // Point i of plane p at checkpoint k (default: the one shown), in [-1, 1]².
  View.prototype.coords = function (p, i, k) {
    var flat = this.run.points[k === undefined ? this.k : k][p], n = this.run.quant;
    return [flat[2 * i] / n, flat[2 * i + 1] / n];
  };

  // Where point i of plane p is drawn (at checkpoint k), in CSS pixels of the canvas.
  View.prototype.screen = function (p, i, k) {
    var c = this.coords(p, i, k), s = this.at(p, c[0], c[1]);
    return [s[0], s[1]];
  };

  View.prototype.nearest = function (x, y) {
    var best = -1, dist = PICK_PX;
    for (var p = 0; p < this.run.planes.length; p++) {
      for (var i = 0; i < this.run.labels.length; i++) {
        var s = this.screen(p, i), d = Math.hypot(s[0] - x, s[1] - y);
        if (d < dist) { dist = d; best = i; }
      }
    }
    return best;
  };

  /* --- drawing --------------------------------------------------------------------------- */

  View.prototype.resize = function () {
    var c = this.canvas, w = c.clientWidth; // inside the border: pixels map one to one
    if (!w) return;
    c.style.height = Math.round(Math.max(180, Math.min(440, this.height(w)))) + "px";
    var h = c.clientHeight, dpr = window.devicePixelRatio || 1;
    this.w = w;
    this.h = h;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.draw();
  };

  View.prototype.draw = function () {
    if (!this.run || !this.w) return;
    var ctx = this.ctx, run = this.run, n = run.planes.length, self = this;
    this.colours = colours(this.root);
    ctx.fillStyle = this.colours.paper; // opaque: the canvas is the figure, as an image is
    ctx.fillRect(0, 0, this.w, this.h);
    this.fit();
    var order = [], done = [];
    for (var p = 0; p < n; p++) order.push(p);
    order.sort(function (a, b) { return self.at(b, 0, 0)[2] - self.at(a, 0, 0)[2]; });
    order.forEach(function (p) {
      self.plane(p);
      done[p] = true;
      // Lines to a nearer neighbour go under it: the nearer plane covers them.
      [p - 1, p + 1].forEach(function (q) {
        if (q >= 0 && q < n && !done[q] && self.lines.checked) self.links(Math.min(p, q));
      });
    });
    order.forEach(function (p) { self.label(p); });
    if (this.selected >= 0) this.path(this.selected);
  };

  View.prototype.polygon = function (p, flat, quant) {
    var ctx = this.ctx;
    ctx.beginPath();
    for (var j = 0; j < flat.length; j += 2) {
      var s = this.at(p, flat[j] / quant, flat[j + 1] / quant);
      j ? ctx.lineTo(s[0], s[1]) : ctx.moveTo(s[0], s[1]);
    }
  };

  View.prototype.plane = function (p) {
    var ctx = this.ctx, col = this.colours, run = this.run;
    this.polygon(p, [-1, -1, 1, -1, 1, 1, -1, 1], 1);
    ctx.closePath();
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = col.paper;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = col.muted;
    ctx.lineWidth = 0.8;
    ctx.stroke();
    ctx.strokeStyle = col.grid;
    ctx.lineWidth = 0.6;
    this.polygon(p, [-1, 0, 1, 0], 1);
    ctx.stroke();
    this.polygon(p, [0, -1, 0, 1], 1);
    ctx.stroke();
    if (this.square.checked) {
      this.polygon(p, run.square[this.k][p], run.quant);
      ctx.globalAlpha = 0.15;
      ctx.fillStyle = col.muted;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = col.ink;
      ctx.lineWidth = 0.8;
      ctx.stroke();
    }
    for (var i = 0; i < run.labels.length; i++) {
      var s = this.screen(p, i), c = run.labels[i];
      ctx.fillStyle = c ? col.class1 : col.class0;
      ctx.beginPath();
      if (c) { // class 1: a triangle, as in the static figures
        ctx.moveTo(s[0], s[1] - 3.6);
        ctx.lineTo(s[0] + 3.2, s[1] + 2.2);
        ctx.lineTo(s[0] - 3.2, s[1] + 2.2);
      } else {
        ctx.arc(s[0], s[1], 2.8, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
  };

  View.prototype.links = function (p) {
    var ctx = this.ctx, col = this.colours, run = this.run;
    ctx.setLineDash([1.5, 2]);
    ctx.lineWidth = 1;
    ctx.globalAlpha = 0.8;
    run.joined.forEach(function (i) {
      var a = this.screen(p, i), b = this.screen(p + 1, i);
      ctx.strokeStyle = run.labels[i] ? col.class1 : col.class0;
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
    }, this);
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  };

  View.prototype.label = function (p) {
    var ctx = this.ctx, col = this.colours, plane = this.run.planes[p];
    // Above the plane's highest corner, wherever the view has turned it.
    var top = null;
    [[-1, 1], [1, 1], [-1, -1], [1, -1]].forEach(function (c) {
      var s = this.at(p, c[0], c[1]);
      if (!top || s[1] < top[1]) top = s;
    }, this);
    var x = this.at(p, 0, 0)[0];
    ctx.textAlign = "center";
    ctx.fillStyle = col.ink;
    ctx.font = plane.name.length > 1 ? "italic 14px serif" : "bold 14px serif"; // x, y: vectors
    ctx.fillText(plane.name, x, top[1] - 17);
    ctx.fillStyle = col.muted;
    ctx.font = "11px sans-serif";
    ctx.fillText(plane.note, x, top[1] - 5);
  };

  // The chosen point on every plane, joined in order: its path through the net.
  View.prototype.path = function (i) {
    var ctx = this.ctx, col = this.colours, pts = [];
    for (var p = 0; p < this.run.planes.length; p++) pts.push(this.screen(p, i));
    [[col.paper, 5], [col.ink, 2]].forEach(function (pen) {
      ctx.strokeStyle = pen[0];
      ctx.lineWidth = pen[1];
      ctx.beginPath();
      pts.forEach(function (s, j) { j ? ctx.lineTo(s[0], s[1]) : ctx.moveTo(s[0], s[1]); });
      ctx.stroke();
      pts.forEach(function (s) {
        ctx.beginPath();
        ctx.arc(s[0], s[1], 5, 0, 2 * Math.PI);
        ctx.stroke();
      });
    });
  };

  /* --- loading on demand ------------------------------------------------------------------ */

  function fetchData(view) {
    var src = view.root.getAttribute("data-src");
    if (data[view.id]) return view.load(data[view.id]);
    if (document.querySelector('script[data-nnfig-explorer="' + view.id + '"]')) return;
    var s = el("script", { src: src, "data-nnfig-explorer": view.id });
    s.onerror = function () { view.readout.textContent = "The training run could not be loaded."; };
    document.head.appendChild(s);
  }

  function watch(view) {
    var once = function () {
      view.root.removeEventListener("pointerdown", once);
      view.root.removeEventListener("focusin", once);
      if (io) io.disconnect();
      fetchData(view);
    };
    var io = "IntersectionObserver" in window && new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) once();
    }, { rootMargin: "200px" });
    if (io) io.observe(view.root);
    else once();
    view.root.addEventListener("pointerdown", once);
    view.root.addEventListener("focusin", once);
  }

  window.nnfigExplorer = {
    register: function (id, run) {
      data[id] = run;
      views.forEach(function (v) { if (v.id === id && !v.run) v.load(run); });
    },
  };

  function init() {
    document.querySelectorAll(".nnfig-explorer[data-explorer]").forEach(function (root) {
      var view = new View(root);
      views.push(view);
      root.nnfigExplorer = view;
      watch(view);
    });
    // The theme's switch sets data-theme on <html>: draw again in the new colours.
    new MutationObserver(function () {
      views.forEach(function (v) { v.draw(); });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
