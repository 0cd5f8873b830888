// Starts the xlsx worker (src/bin/xlsx_worker.rs). trunk builds the worker's wasm and its
// wasm-bindgen glue as raci-xlsx.js and raci-xlsx_bg.wasm; this script is the worker's entry.
// Unlike trunk's own loader shim, it tells the page when the module cannot be fetched, so the
// user gets a message instead of a wait that never ends.
try {
  importScripts("./raci-xlsx.js");
  wasm_bindgen({ module_or_path: "./raci-xlsx_bg.wasm" }).catch((error) => {
    postMessage({ kind: "failed", error: String(error) });
  });
} catch (error) {
  postMessage({ kind: "failed", error: String(error) });
}
