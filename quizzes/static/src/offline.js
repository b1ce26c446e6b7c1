// Register the service worker the build writes at the site's root (sw.js): after one visit it
// has precached every page and what the pages load, so the book opens with no connection. Where
// there is no service worker (file://, old browsers, blocked storage) nothing happens and the
// site works as a plain site.

const root = new URL(document.documentElement.dataset.content_root ?? "./", document.baseURI);

if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register(new URL("sw.js", root), { updateViaCache: "none" }).catch(() => {
    /* no service worker here: the site works online as a plain site */
  });
}
