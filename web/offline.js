// Registers the service worker (sw.js, written by scripts/post-build.mjs) that lets the app open
// offline, and tells the app when a new deployment is ready: the page then shows "A new version is
// available" (src/ui/update_prompt.rs), whose Reload sends the event this script waits for.
const READY = "raci-workshop:update-ready";
const ACCEPT = "raci-workshop:update-accept";
// Look for a new deployment this often while the app stays open (a workshop can last all day).
const CHECK_EVERY_MS = 60 * 60 * 1000;

if ("serviceWorker" in navigator) {
  const container = navigator.serviceWorker;
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };

  // A page that runs on a cached build reloads when another build takes over (this tab's Reload, or
  // another tab's), so that it never fetches the files of one build from a page of another.
  if (container.controller) container.addEventListener("controllerchange", reload);

  // A waiting build is an update only when another build is active: on a first visit the new worker
  // is the first build, and nothing is announced.
  const announce = (registration) => {
    if (!registration.waiting || !registration.active) return;
    window.raciWorkshopUpdateReady = true;
    window.dispatchEvent(new Event(READY));
  };

  const watch = (registration) => {
    if (!registration) return;
    const follow = (worker) => {
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed") announce(registration);
      });
    };
    announce(registration);
    // The browser may have started fetching the new build (it checks when the page is opened)
    // before this script ran.
    follow(registration.installing);
    registration.addEventListener("updatefound", () => follow(registration.installing));
    const check = () => registration.update().catch(() => {});
    setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") check();
    });
  };

  window.addEventListener(ACCEPT, () => {
    container.getRegistration().then((registration) => {
      const waiting = registration && registration.waiting;
      if (!waiting) return reload();
      waiting.addEventListener("statechange", () => {
        if (waiting.state === "activated") reload();
      });
      waiting.postMessage("raci-workshop:activate");
    });
  });

  // After the page has loaded, so that caching the build does not compete with the first start.
  const register = () => {
    container.register("./sw.js").then(watch, () => {
      // No worker (a private window, a host without HTTPS): the app works online as before.
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
