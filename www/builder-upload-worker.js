// The embed builder's worker: compiles official tables into a dataset off the page's thread.
//
// It loads the builder's own wasm module (builder-wasm/: the same Rust ingest and codec as
// `crime-data build`, with the spreadsheet reader), which no reader's page ever fetches.
// Messages in: {id, tables: [{name, bytes}]}. Messages out, for that id: {type: 'progress', text}
// at each step, then {type: 'done', result} or {type: 'error', error}. Nothing leaves the
// browser: the tables and the dataset only ever cross between this worker and its page.

import init, { compile } from './builder-wasm/crime_compare_builder.js';

const ready = init({ module_or_path: new URL('./builder-wasm/crime_compare_builder_bg.wasm', import.meta.url) });

/** An error as plain data: the module's {message, file, sheet, row, column, reason}, or an exception's words. */
function plain(error) {
  if (error && typeof error === 'object' && typeof error.message === 'string' && !(error instanceof Error)) return error;
  // A trap inside the module (it is built with panic=abort) leaves it unusable: the page starts a new worker.
  const fatal = error instanceof WebAssembly.RuntimeError;
  return { message: String(error && error.message ? error.message : error), fatal };
}

self.addEventListener('message', async (event) => {
  const { id, tables } = event.data || {};
  try {
    await ready;
    const result = compile(tables, (text) => self.postMessage({ id, type: 'progress', text }));
    // The bytes move to the page rather than being copied.
    const transfer = [result.zip.buffer, ...result.files.map((file) => file.bytes.buffer)];
    self.postMessage({ id, type: 'done', result }, transfer);
  } catch (error) {
    self.postMessage({ id, type: 'error', error: plain(error) });
  }
});
