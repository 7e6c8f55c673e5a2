#!/usr/bin/env node
// Downloads the test model stories260K.gguf (ggml-org/models on Hugging Face) into a folder and verifies its sha256.
// Usage: node scripts/fetch-test-model.mjs <folder> [--url URL] [--timeout-ms 30000]
// Writes <folder>/stories260K.gguf and <folder>/SHA256SUMS; fails with a clear message (never hangs) without network.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

const FILE = 'stories260K.gguf';
const ORIGIN = 'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf';
const SHA256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d';
const BYTES = 1_185_376;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function fail(message) {
  console.error(`fetch-test-model: ${message}`);
  process.exit(1);
}

async function download(url, timeoutMs) {
  // One deadline for connect, headers and body together, so a stalled transfer cannot hang.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (signal.aborted) throw new Error(`timed out after ${timeoutMs} ms`);
    const cause = err?.cause?.code ?? err?.cause?.message;
    throw new Error(cause ? `${err.message} (${cause})` : err.message);
  }
}

/** Adds (or replaces) this file's line in SHA256SUMS, keeping the others. */
async function recordChecksum(sumsPath) {
  const old = await readFile(sumsPath, 'utf8').catch(() => '');
  const others = old.split('\n').filter((l) => l.trim() !== '' && !l.trim().endsWith(` ${FILE}`));
  await writeFile(sumsPath, [...others, `${SHA256}  ${FILE}`].join('\n') + '\n');
}

async function main() {
  const folder = process.argv[2];
  if (!folder || folder.startsWith('--')) fail('usage: node scripts/fetch-test-model.mjs <folder> [--url URL] [--timeout-ms N]');
  const url = arg('url', ORIGIN);
  const timeoutMs = Number(arg('timeout-ms', '30000'));
  if (!(timeoutMs > 0)) fail('--timeout-ms must be a positive number');
  console.log(`fetch-test-model: downloading ${url}`);
  let bytes;
  try {
    bytes = await download(url, timeoutMs);
  } catch (err) {
    fail(`could not download ${url}: ${err.message}. Without internet, copy ${FILE} (sha256 ${SHA256}) in by hand.`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== SHA256) fail(`sha256 mismatch: expected ${SHA256}, got ${actual} (${bytes.length} bytes, expected ${BYTES}); nothing written`);
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, FILE);
  const partial = `${target}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, target).catch(async (err) => {
    await rm(partial, { force: true });
    throw err;
  });
  await recordChecksum(path.join(folder, 'SHA256SUMS'));
  console.log(`fetch-test-model: wrote ${target} (${bytes.length} bytes, sha256 verified)`);
}

main().catch((err) => fail(err.message));
