// Bundles the kit (src/index.ts, openapi-fetch included) into one browser ES module: `npm run build:kit` writes
// samples/site/kit/submissions-kit.js for the example site; `--outdir <dir>` writes it elsewhere (the bundle test).
import { build } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const outdir = resolve(values.outdir ?? join(here, "..", "..", "samples", "site", "kit"));

// Written beside the target and renamed into place: a page (or a browser test) loading the kit while another build
// runs gets the old file or the new one, never half of one.
const outfile = join(outdir, "submissions-kit.js");
const result = await build({
  entryPoints: [join(here, "src", "index.ts")],
  outfile,
  write: false,
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
mkdirSync(outdir, { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
console.log(`Kit: ${join(outdir, "submissions-kit.js")}`);
