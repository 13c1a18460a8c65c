// Builds every bundle of vite.config.ts (or the ones named on the command line).
import { build } from "vite";
import { builds } from "../vite.config.ts";

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(builds);
for (const name of names) {
  const config = builds[name];
  if (!config) throw new Error(`Unknown build ${name}; known: ${Object.keys(builds).join(", ")}`);
  const started = Date.now();
  await build(config);
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
