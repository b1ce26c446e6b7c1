// Renders the anywidgets of a built page from the widget state myst-nb saved into it, with no
// kernel, no require.js and no CDN: each model's ES module (_esm) is imported from a Blob URL
// and its render() gets a small model object over the saved state.
(() => {
  const STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';

  function makeModel(state) {
    const values = { ...state };
    const listeners = new Map();
    return {
      get: (name) => values[name],
      set(name, value) {
        values[name] = value;
        for (const cb of listeners.get(`change:${name}`) ?? []) cb();
      },
      on(event, cb) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(cb);
      },
      off(event, cb) {
        if (!event) listeners.clear();
        else if (!cb) listeners.delete(event);
        else listeners.get(event)?.delete(cb);
      },
      save_changes() {}, // no kernel to tell
      send() {},
      widget_manager: null,
    };
  }

  const modules = new Map();
  function loadModule(esm) {
    if (!modules.has(esm)) {
      const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules.set(esm, import(url).finally(() => URL.revokeObjectURL(url)));
    }
    return modules.get(esm);
  }

  const styles = new Set();
  function addStyle(css) {
    if (!css || styles.has(css)) return;
    styles.add(css);
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }

  async function renderAll() {
    const stateEl = document.querySelector(STATE);
    if (!stateEl) return;
    let models;
    try {
      models = JSON.parse(stateEl.textContent).state ?? {};
    } catch (err) {
      console.error("widget state is not valid JSON", err);
      return;
    }
    for (const view of document.querySelectorAll(VIEW)) {
      try {
        const entry = models[JSON.parse(view.textContent).model_id];
        if (!entry || entry.model_module !== "anywidget") continue;
        const state = entry.state;
        addStyle(state._css);
        const mod = await loadModule(state._esm);
        let widget = mod.default ?? mod;
        if (typeof widget === "function") widget = await widget();
        const el = document.createElement("div");
        el.className = "anywidget-static";
        view.after(el);
        const model = makeModel(state);
        await widget.initialize?.({ model });
        await widget.render({ model, el });
        // a static form saved beside the view (a figure's drawing, sphinxext/figures.py) was
        // shown until now: the live widget replaces it
        for (const old of view.parentElement.querySelectorAll(":scope > [data-widget-fallback]")) {
          old.remove();
        }
      } catch (err) {
        console.error("could not render a widget", err);
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})();
