'use strict';
/**
 * The thread behind each OCR worker (src/ocr/pool.ts): tesseract.js's own Node worker script, with
 * one change. tesseract.js ends its Tesseract API and builds a new one on every `reinitialize`, so
 * a worker that turns from the page model to the cell model and back parses each model again
 * (120–300 ms a time, 17 times a report). Here every API a worker has initialised stays alive,
 * keyed by its models, engine and init config, and turning back to one costs nothing. The APIs
 * share one WebAssembly heap: an API costs its model's memory, not another heap.
 *
 * Plain CommonJS beside the compiled code on purpose: a worker thread runs this file as it is,
 * under tsx (tests) and from dist alike.
 */
const { parentPort } = require('node:worker_threads');
const worker = require('tesseract.js/src/worker-script');
const getCore = require('tesseract.js/src/worker-script/node/getCore');
const gunzip = require('tesseract.js/src/worker-script/node/gunzip');
const cache = require('tesseract.js/src/worker-script/node/cache');

/** The module's TessBaseAPI made to hand out kept APIs: `Init` picks or builds one, `End` keeps it. */
function keepApis(mod) {
  const Real = mod.TessBaseAPI;
  const kept = new Map();
  mod.TessBaseAPI = function KeptApi() {
    let real = null;
    return new Proxy(
      {},
      {
        get(_, prop) {
          if (prop === 'Init')
            return (dataPath, langs, oem, config) => {
              const key = JSON.stringify([langs, oem, config ? mod.FS.readFile(config, { encoding: 'utf8' }) : '']);
              real = kept.get(key) ?? null;
              if (real) return 0;
              const api = new Real();
              const status = api.Init(dataPath, langs, oem, config);
              if (status === -1) api.End();
              else kept.set(key, api);
              real = api;
              return status;
            };
          // the thread ends with its worker: nothing to free before that
          if (prop === 'End') return () => {};
          if (!real) throw new Error(`Tesseract API used before Init (${String(prop)})`);
          const v = real[prop];
          return typeof v === 'function' ? v.bind(real) : v;
        },
      },
    );
  };
}

async function getKeepingCore(lstmOnly, corePath, res) {
  const Core = await getCore(lstmOnly, corePath, res);
  return (opts) =>
    Core(opts).then((mod) => {
      keepApis(mod);
      return mod;
    });
}

// loaded as a worker thread; imported elsewhere (a test) it only exports
if (parentPort) {
  parentPort.on('message', (packet) => {
    worker.dispatchHandlers(packet, (obj) => parentPort.postMessage(obj));
  });
  worker.setAdapter({ getCore: getKeepingCore, gunzip, fetch: global.fetch, ...cache });
}

module.exports = { keepApis };
