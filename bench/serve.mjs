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

createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
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
