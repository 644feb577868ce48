#!/usr/bin/env node
// The example site's static server: no dependencies, loopback only. Serves the files of samples/site (and the kit
// bundle that `npm run build:kit` writes into samples/site/kit/), and answers /config.js with the API base URL.
//
//   node samples/site/serve.mjs [--port 3000] [--api http://localhost:7071/api]
//
// --port 0 takes any free port. The first line on stdout is the site's URL ("Site: http://127.0.0.1:3000/"), so a
// script or test that started it can read where it is. Stops on SIGTERM and SIGINT.
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = dirname(fileURLToPath(import.meta.url));

// Only what a browser needs is served: pages, styles, scripts and their source maps, images. Anything else under the
// folder (this script, the README) is not part of the site.
const contentTypes = new Map([
  [".html", "text/html; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
  [".js", "text/javascript; charset=utf-8"],
  [".map", "application/json; charset=utf-8"],
  [".svg", "image/svg+xml"],
  [".png", "image/png"],
  [".ico", "image/x-icon"],
]);

function readOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "3000" },
      api: { type: "string", default: "http://localhost:7071/api" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0 for any free port), not '${values.port}'.`);
  }
  const api = new URL(values.api);
  if (api.protocol !== "http:" && api.protocol !== "https:") {
    throw new Error(`--api must be an http(s) URL, not '${values.api}'.`);
  }
  return { port, apiBase: api.href.replace(/\/+$/, "") };
}

/** Strict: scripts and styles from this site only, API calls to this site and the API's origin, no framing. */
function securityHeaders(apiOrigin) {
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      `connect-src 'self' ${apiOrigin}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // The opt-out page carries a token in its address: never send it onwards.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  };
}

/** Whether the raw request path has a `.` or `..` segment (plain or percent-encoded): refused before URL parsing folds it. */
function hasDotSegment(url) {
  return url.split("?")[0].split("/").some((segment) => {
    try {
      return /^\.{1,2}$/.test(decodeURIComponent(segment));
    } catch {
      return true;
    }
  });
}

/** The file a request path names, or null when it is not a servable file inside the site's folder. */
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) {
    return null;
  }
  const relative = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  // Dot segments (.., .) and hidden files are refused outright, whatever resolve() would make of them.
  if (relative.split("/").some((segment) => segment.startsWith("."))) {
    return null;
  }
  const file = resolve(root, `.${relative}`);
  return file.startsWith(root + sep) && contentTypes.has(extname(file)) ? file : null;
}

async function answer(request, response, options) {
  const headers = securityHeaders(new URL(options.apiBase).origin);
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { ...headers, Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
    response.end("Method not allowed\n");
    return;
  }
  if (hasDotSegment(request.url ?? "/")) {
    send(request, response, 400, { ...headers, "Content-Type": "text/plain; charset=utf-8" }, "Bad request\n");
    return;
  }
  const { pathname } = new URL(request.url ?? "/", "http://site.invalid");
  if (pathname === "/config.js") {
    send(request, response, 200, { ...headers, "Content-Type": contentTypes.get(".js") },
      `export const apiBase = ${JSON.stringify(options.apiBase)};\n`);
    return;
  }
  const file = fileFor(pathname);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) {
    send(request, response, 404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }, "Not found\n");
    return;
  }
  send(request, response, 200, { ...headers, "Content-Type": contentTypes.get(extname(file)) }, await readFile(file));
}

function send(request, response, status, headers, body) {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  response.writeHead(status, { ...headers, "Content-Length": bytes.length });
  response.end(request.method === "HEAD" ? undefined : bytes);
}

let options;
try {
  options = readOptions();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const server = createServer((request, response) => {
  answer(request, response, options).catch(() => {
    if (!response.headersSent) {
      response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    }
    response.end("Internal error\n");
  });
});

server.on("error", (error) => {
  console.error(`The site could not start: ${error.message}`);
  process.exit(1);
});
server.listen(options.port, "127.0.0.1", () => {
  const { port } = server.address();
  console.log(`Site: http://127.0.0.1:${port}/`);
  console.log(`API:  ${options.apiBase} (served to the pages as /config.js)`);
  if (!existsSync(join(root, "kit", "submissions-kit.js"))) {
    console.error("The kit is not built: run 'npm run build:kit' in the repository root, or the forms cannot load.");
  }
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
