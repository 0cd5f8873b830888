// A static server for the benchmarks that behaves like a host serving the build's pre-compressed
// copies (scripts/post-build.mjs writes .br and .gz next to the larger files): it answers with the
// .br or .gz file when the browser accepts that encoding, so the figures show what a real first
// visit transfers. Usage: node bench/serve.mjs <dir> <port>
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const [root = 'dist', port = '8765'] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// A page of text in the app's fonts: the first-visit benchmark opens it first, so that the
// browser's one-time font set-up (hundreds of milliseconds in a fresh headless renderer here, paid
// once per browser, not per site) is not counted as the app's first load.
const WARM_UP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>warm-up</title>
<style>body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }</style>
</head><body><h1>Warm-up 0123</h1><p>Accountable, Responsible – “quoted” … <b>bold</b> <i>italic</i> <code>mono</code></p>
<p>↑ ↓ ← → ▾ » ✓ ✗ ⚠ • · — ×</p><p style="font-family: Arial">Arial ↑ ↓ …</p><pre>monospace ↑ ↓ …</pre>
<table><tr><th>Activity</th><td>R</td></tr></table></body></html>`;

createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname === '/__warm-up') {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(WARM_UP);
    return;
  }
  let file = join(root, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  const accepts = String(request.headers['accept-encoding'] ?? '');
  const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', Vary: 'Accept-Encoding' };
  let body = file;
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepts.includes(encoding) && existsSync(file + suffix)) {
      body = file + suffix;
      headers['Content-Encoding'] = encoding;
      break;
    }
  }
  response.writeHead(200, headers).end(readFileSync(body));
}).listen(Number(port), '127.0.0.1');
