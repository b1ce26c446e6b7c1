// The site's service worker: bundled by esbuild, and Workbox (injectManifest) writes into it the
// precache list the build computes: every page and every file the pages load.
//
// A page, or a file whose address carries no version, comes from the network while there is
// one, so a new build shows at once and pages never mix two builds; a file whose address carries
// its content hash (name-<hash>.css, file.js?v=<hash>) comes from the precache, since that
// address always means the same bytes. With no network, everything comes from the precache: one
// build, whole. A new worker takes over as soon as the browser lets it; being online never
// depends on when that happens.

import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";

const VERSIONED = /[?&](v|digest)=|-[0-9a-f]{10}\.[a-z0-9]+$/;

async function fromPrecache(url) {
  return (
    (await matchPrecache(url.href)) ??
    (await matchPrecache(url.origin + url.pathname)) ??
    (url.pathname.endsWith("/") ? await matchPrecache(`${url.origin}${url.pathname}index.html`) : undefined)
  );
}

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    (request.mode === "navigate" || !VERSIONED.test(url.pathname + url.search)),
  async ({ url, request }) => {
    try {
      return await fetch(request);
    } catch (error) {
      const cached = await fromPrecache(url); // offline: this build's copy
      if (cached) return cached;
      throw error;
    }
  },
);

// addresses are matched exactly: a query string is part of a versioned file's address
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [], directoryIndex: "index.html" });
cleanupOutdatedCaches();
self.skipWaiting();
clientsClaim();
