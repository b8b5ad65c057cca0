// The production build (`npm run build`, issue 9): src/**/*.ts — the generated
// Prisma client in src/db/generated included, so `npm run -s generate` runs
// first — compiled ahead of time to plain JavaScript in dist/src/**/*.js, run
// with plain `node dist/src/main.js` (`npm run start:prod`, the Docker image).
// Against `node --import tsx src/main.ts` this saves compiling TypeScript at
// every start and the loader's memory (bench/memory.ts measures both ways).
//
// Each .ts file is transpiled on its own (esbuild, the compiler tsx itself
// uses; no type checking — that is `npm run typecheck`), relative `.ts` import
// specifiers rewritten to `.js`; other files under src/ (the simulator's JSON)
// are copied. What the code reads next to itself through paths computed from
// import.meta.url (node_modules, prisma/, criteria/, locales/, package.json)
// is linked into dist/ with relative symbolic links, so dist/src/… resolves
// those paths exactly as src/… does in the repository, and a copy of the whole
// app directory (Docker's COPY keeps the links) still works.
//
//   node --import tsx scripts/build.ts [--out dist]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { transformSync } from "esbuild";

/** Linked into the output directory, relative to it: what the code finds from import.meta.url. */
export const LINKED = ["node_modules", "prisma", "criteria", "locales", "package.json"] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

const isSource = (file: string) => file.endsWith(".ts") && !file.endsWith(".d.ts");

/** `import … from "./x.ts"`, `export … from "../y.ts"`, `import("./z.ts")` → `.js` */
export function rewriteSpecifiers(code: string): string {
  return code.replace(/((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']*?)\.ts\2/g, "$1$2$3.js$2");
}

/** One TypeScript module to ESM JavaScript for Node 20, specifiers rewritten. */
export function compileTs(source: string, sourcefile: string): string {
  const { code } = transformSync(source, {
    loader: "ts", format: "esm", target: "node20", sourcefile,
    // keep class fields as tsc would emit them for this tsconfig
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
  });
  return rewriteSpecifiers(code);
}

/**
 * Compiles `dirs` (relative to root; other files in them are copied) plus single
 * `files` into `out` at the same relative paths, and links LINKED into `out`.
 * `out` is emptied first. Returns the number of files compiled.
 */
export function buildJs(root: string, out: string, dirs: string[], files: string[] = []): number {
  rmSync(out, { recursive: true, force: true }); // removes the links, never what they point to
  const all = [...dirs.flatMap((d) => filesUnder(path.join(root, d))), ...files.map((f) => path.join(root, f))];
  let compiled = 0;
  for (const file of all) {
    const rel = path.relative(root, file);
    if (rel.endsWith(".d.ts")) continue;
    const dest = path.join(out, isSource(rel) ? rel.replace(/\.ts$/, ".js") : rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    if (isSource(rel)) {
      writeFileSync(dest, compileTs(readFileSync(file, "utf8"), rel));
      compiled++;
    } else copyFileSync(file, dest);
  }
  mkdirSync(out, { recursive: true });
  for (const name of LINKED) symlinkSync(path.relative(out, path.join(root, name)), path.join(out, name));
  return compiled;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const { values } = parseArgs({ options: { out: { type: "string", default: "dist" } } });
  const out = path.resolve(root, values.out);
  if (out === root || !out.startsWith(root + path.sep)) throw new Error(`--out must be a directory inside ${root}`);
  const started = performance.now();
  const n = buildJs(root, out, ["src"]);
  console.log(`built ${n} files into ${path.relative(root, out)}/src in ${((performance.now() - started) / 1000).toFixed(1)} s; run: node ${path.relative(root, out)}/src/main.js`);
}
