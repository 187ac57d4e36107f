/* Material fetches its edition's sitemap.xml with every first page view: instant navigation needs
 * it to tell this site's pages from other links. The sitemap lists every page, so it grows with
 * the collection, and a reader who opens one case and leaves would download the addresses of a
 * thousand. This script holds the request back until the reader points at, touches or tabs to a
 * link: before the click that instant navigation needs the sitemap for. A click that comes first
 * is an ordinary page load. Material also asks for a sitemap beside each <link rel=alternate> (our
 * per-page language and feed links), which is never one: those requests are not sent at all.
 * Loaded before Material's bundle. */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  var config = document.getElementById("__config");
  if (!proto || !config) return;
  var sitemap;
  try {
    var base = new URL(JSON.parse(config.textContent).base, location.href);
    sitemap = new URL("sitemap.xml", base.href.replace(/\/?$/, "/")).href;
  } catch (error) {
    return; // Material's own behaviour, unchanged
  }
  var open = proto.open;
  var send = proto.send;
  var held = [];
  var released = false;
  var busy = false; // a sitemap request is on its way
  var INTENT = ["pointerover", "touchstart", "focusin"];

  proto.open = function (method, url) {
    var address = String(url);
    this.kbSitemap = /(^|\/)sitemap\.xml$/.test(address) ? new URL(address, location.href).href : null;
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!this.kbSitemap) return send.apply(this, arguments);
    if (this.kbSitemap !== sitemap) return undefined; // not a sitemap: stays unsent, as if pending
    held.push([this, arguments]);
    if (released && !busy) next();
    return undefined;
  };

  function release(event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest("a[href]")) return;
    released = true;
    INTENT.forEach(function (type) {
      document.removeEventListener(type, release, true);
    });
    next();
  }

  // One at a time: the same address asked twice (the feed link's sitemap is the edition's) comes
  // the second time from the browser's cache.
  function next() {
    var request = held.shift();
    busy = Boolean(request);
    if (!request) return;
    request[0].addEventListener("loadend", next);
    send.apply(request[0], request[1]);
  }
  INTENT.forEach(function (type) {
    document.addEventListener(type, release, { capture: true, passive: true });
  });
})();
