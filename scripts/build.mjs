/**
 * `npm run build` (run by `npm start` first): bundles the bot into dist/ for plain Node, so start-up
 * does not compile TypeScript or resolve hundreds of module files (the console answered its first
 * question in 2.2 s of CPU under tsx, about 0.6 s bundled). Plain JavaScript so that it runs
 * without tsx.
 *
 * Small pure-JavaScript packages are bundled in. Left outside: native addons, packages that load
 * their own files or workers at run time, and the large ones only a platform, a followed source or
 * a picture needs (imported on first use, so the console never loads them).
 */
import { build } from 'esbuild';

const EXTERNAL = [
  '@mozilla/readability',
  '@resvg/resvg-js',
  '@slack/bolt',
  'better-sqlite3',
  'discord.js',
  'feedsmith',
  'linkedom',
  'pg',
  'pino',
  'undici',
  'vega',
  'vega-lite',
];

await build({
  entryPoints: ['src/main.ts', 'src/discord-shard.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS packages (yaml) require Node's own modules.
  banner: {
    js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
