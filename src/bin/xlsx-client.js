// The page's side of the xlsx worker (src/bin/xlsx_worker.rs). The page imports this module only
// when a workbook is first imported or exported (src/ui/xlsx_client.rs), so the first page load
// carries none of it. It starts the worker, waits until its wasm is loaded, and answers each
// request with the worker's reply.
//
// A request is rejected with a string in plain words, or with null when the Excel module cannot be
// loaded at all (the page says what to do then).

const STOPPED = (why) =>
  `The Excel module stopped (${why}); nothing was changed. Try again, or save the workbook as ` +
  "CSV and import that.";
const BUSY =
  "The Excel module is still busy with the previous workbook; try again when it is done.";

let connection = null;
let nextId = 1;

function connect() {
  const state = { broken: false, pending: null, loading: null };
  state.worker = new Worker(new URL("./xlsx-loader.js", import.meta.url));
  state.ready = new Promise((resolve, reject) => {
    state.loading = { resolve, reject };
  });
  // The page awaits `ready`; nobody else must see an unhandled rejection.
  state.ready.catch(() => {});
  const fail = (reason) => {
    state.broken = true;
    state.loading?.reject(null);
    state.loading = null;
    state.pending?.reject(reason);
    state.pending = null;
  };
  state.worker.onmessage = ({ data }) => {
    if (data.kind === "ready") {
      state.loading?.resolve();
      state.loading = null;
    } else if (data.kind === "failed") {
      fail(null);
    } else if (state.pending && state.pending.id === data.id) {
      const { resolve } = state.pending;
      state.pending = null;
      resolve(data);
    }
  };
  // The script could not be fetched, or the module stopped (a crash ends every request).
  state.worker.onerror = (event) => {
    event.preventDefault();
    fail(state.loading ? null : STOPPED(event.message));
  };
  return state;
}

/** Sends `message` ({kind, ...}) to the worker, transferring `transfer` (an ArrayBuffer) if given. */
export async function request(message, transfer) {
  if (!connection || connection.broken) {
    connection?.worker.terminate();
    connection = connect();
  }
  const current = connection;
  try {
    await current.ready;
  } catch {
    current.worker.terminate();
    if (connection === current) connection = null;
    throw null;
  }
  if (current.pending) throw BUSY;
  const id = nextId++;
  const reply = new Promise((resolve, reject) => {
    current.pending = { id, resolve, reject };
  });
  current.worker.postMessage({ ...message, id }, transfer ? [transfer] : []);
  return reply;
}
