// trunk's post_build hook (Trunk.toml): finishes the build in trunk's staging directory before trunk
// moves it to dist/.
//  0. The parts of the app that load on first use: places the modules scripts/bin/wasm-bindgen
//     split off, under hashed names, beside the glue that loads them.
//  1. Content-Security-Policy: adds the sha256 of every inline script (trunk's start-up module, and
//     trunk serve's live-reload script) to the script-src of index.html's CSP meta tag, and to the
//     same policy in _headers (for Netlify).
//  2. Service worker: writes sw.js from web/sw.js with the build's version and the list of its
//     files, so that the offline cache always holds exactly what this build wrote.
//  3. Release builds: writes .br and .gz next to the larger files, for hosts that serve them.
// Under `trunk serve` (whose live-reload script is in the page) there is no offline cache: sw.js
// then only removes a worker an earlier build registered at that address, and nothing is compressed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const staging = resolve(process.env.TRUNK_STAGING_DIR ?? 'dist');
const source = resolve(process.env.TRUNK_SOURCE_DIR ?? '.');
const release = process.env.TRUNK_PROFILE === 'release';

// 0. The parts of the app's wasm that load on first use.
placeSplitParts();

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const devServer = html.includes('.well-known/trunk/ws');

// 1. The CSP's script hashes.
// The meta tag, found whatever the order and quoting of its attributes (release builds minify the
// HTML: attributes sorted, quotes dropped where they can be).
const cspTag = html.match(/<meta\b[^>]*\bhttp-equiv="?Content-Security-Policy"?[^>]*>/i)?.[0];
if (!cspTag || !/\bcontent="[^"]*"/.test(cspTag)) fail('index.html has no Content-Security-Policy meta tag');
if (devServer) {
  // No registration while developing (see above).
  html = html.replace(/\s*<script type="module" src="\.\/offline\.js"><\/script>/, '');
  // trunk serve fills the live-reload script's address and path into each HTML response it sends,
  // which would change the script after it was hashed: fill them in here, as the browser would find
  // them (trunk's own fallback for the address), so the served script is the hashed one.
  html = html
    .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
    .replace(/(['`])\{\{__TRUNK_WS_BASE__\}\}\1/g, 'new URL(".", window.location.href).pathname');
}
const hashes = [];
for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc=/.test(attributes)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
const hashedTag = cspTag.replace(/(\bcontent=")([^"]*)(")/, (_, start, policy, end) => {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const script = directives.findIndex((d) => d.startsWith('script-src '));
  if (script < 0) fail('the CSP has no script-src');
  directives[script] = [...new Set([...directives[script].split(/\s+/), ...hashes])].join(' ');
  return start + directives.join('; ') + end;
});
html = html.replace(cspTag, hashedTag);
writeFileSync(indexPath, html);
// The same hashes in the Netlify headers file, whose policy matches the meta tag's.
const headersPath = join(staging, '_headers');
try {
  writeFileSync(headersPath, readFileSync(headersPath, 'utf8').replace('{{SCRIPT_HASHES}}', hashes.join(' ')));
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}

// 2. The service worker.
const skip = (file) => file === 'sw.js' || file === '_headers' || /\.(br|gz)$/.test(file);
const files = listFiles(staging).filter((file) => !skip(file)).sort();
const version = createHash('sha256');
for (const file of files) version.update(file).update('\0').update(readFileSync(join(staging, file))).update('\0');
const buildVersion = version.digest('hex').slice(0, 16);
const worker = devServer
  ? KILL_SWITCH()
  : readFileSync(join(source, 'web', 'sw.js'), 'utf8')
      .replace('"{{BUILD_VERSION}}"', JSON.stringify(buildVersion))
      .replace('["{{BUILD_FILES}}"]', JSON.stringify(files));
writeFileSync(join(staging, 'sw.js'), worker);
console.log(devServer ? 'post-build: trunk serve, no offline cache' : `post-build: sw.js version ${buildVersion}, ${files.length} files`);

// 3. Pre-compressed copies.
if (release && !devServer) {
  const worth = /\.(wasm|js|css|html|svg|webmanifest|json)$/;
  const rows = [];
  for (const file of listFiles(staging)) {
    if (!worth.test(file)) continue;
    const path = join(staging, file);
    const bytes = readFileSync(path);
    rmSync(`${path}.br`, { force: true });
    rmSync(`${path}.gz`, { force: true });
    if (bytes.length < 1024) continue;
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(bytes, { level: 9 });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    rows.push([file, bytes.length, gz.length, br.length]);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const [file, raw, gz, br] of rows) {
    console.log(`post-build: ${file.padEnd(44)} ${kb(raw).padStart(10)} gzip ${kb(gz).padStart(9)} brotli ${kb(br).padStart(9)}`);
  }
}

// scripts/bin/wasm-bindgen left the parts it split off a glue's wasm in target/wasm-split/<name>/,
// with the module that loads them (__wasm_split.js, which the glue imports by that name). They go
// beside the glue: each part under a name with its content's hash (cached for good, like trunk's
// files), and the loader pointed at those names and at the glue's hashed name.
function placeSplitParts() {
  for (const glue of readdirSync(staging).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(join(staging, glue), 'utf8');
    if (code.includes('__wasm_split_placeholder__')) {
      fail(`${glue} was not split: build through scripts/serve or scripts/test, or put scripts/bin first on PATH`);
    }
    if (!code.includes('./__wasm_split.js')) continue;
    const name = glue.replace(/-[0-9a-f]{16}\.js$/, '').replace(/\.js$/, '');
    const parts = join(source, 'target', 'wasm-split', name);
    let loader = readFileSync(join(parts, '__wasm_split.js'), 'utf8').replaceAll(`"./${name}.js"`, `"./${glue}"`);
    for (const part of readdirSync(parts).filter((file) => file.endsWith('.wasm'))) {
      const bytes = readFileSync(join(parts, part));
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      // split_review_panel.wasm is placed as raci-workshop-review_panel-<hash>.wasm.
      const stem = part.replace(/\.wasm$/, '').replace(/^split_(\w+)$/, '$1');
      const placed = `${name}-${stem}-${hash}.wasm`;
      writeFileSync(join(staging, placed), bytes);
      loader = loader.replaceAll(`"./${part}"`, `"./${placed}"`);
    }
    writeFileSync(join(staging, '__wasm_split.js'), loader);
  }
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)).split(sep).join('/'));
}

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

function KILL_SWITCH() {
  return `// trunk serve: no offline cache while developing. This worker removes the cache and the worker
// that an earlier build may have registered at this address, so the page you see is the one just built.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("raci-workshop-")).map((n) => caches.delete(n))))
      .then(() => self.registration.unregister()),
  );
});
`;
}
