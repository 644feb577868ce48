// Bundles the kit (src/index.ts, openapi-fetch included) into one browser ES module: `npm run build:kit` writes
// samples/site/kit/submissions-kit.js for the example site; `--outdir <dir>` writes it elsewhere (the bundle test).
import { build } from "esbuild";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const outdir = resolve(values.outdir ?? join(here, "..", "..", "samples", "site", "kit"));

const result = await build({
  entryPoints: [join(here, "src", "index.ts")],
  outfile: join(outdir, "submissions-kit.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  sourcemap: true,
  legalComments: "inline",
  logLevel: "warning",
  // node_modules may be a symlink; keep paths in the bundle's comments and source map repository-relative.
  preserveSymlinks: true,
});
if (result.errors.length > 0) {
  process.exit(1);
}
console.log(`Kit: ${join(outdir, "submissions-kit.js")}`);
