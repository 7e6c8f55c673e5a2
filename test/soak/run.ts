// npm run soak [-- --quick] [--json out.json] [--only killed,broken,...]: kills, corrupts, fuzzes and abuses Ownvoice
// through its public entry points and counts what survived. Prints one line per part; exits 1 on any loss, crash,
// hang or leak. With OWNVOICE_RESULT_FILE set (scripts/test-all.mjs) it also writes each check as passed or failed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RESULT_FILE_ENV, writeResult } from '../harness/results';
import { corporaFolder } from './corpus';
import type { PartResult } from './report';
import { SOAK_PARTS, type SoakOptions } from './parts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const only = value('--only')?.split(',');
  const root = path.resolve(__dirname, '..', '..', '..');
  const options: SoakOptions = { quick: args.includes('--quick'), root, seed: Number(value('--seed') ?? 1), log: (line) => console.log(`  ${line}`) };
  console.log(`soak: ${options.quick ? 'quick' : 'full'} run, seed ${options.seed}`);
  const results: PartResult[] = [];
  for (const part of SOAK_PARTS.filter((p) => !only || only.includes(p.name))) {
    if (options.quick && part.fullOnly && !only) {
      console.log(`soak: ${part.name} runs in the full run only`);
      continue;
    }
    const started = Date.now();
    console.log(`soak: ${part.name}…`);
    let result: PartResult;
    const corpora = corporaFolder(root);
    try {
      if (part.needsCorpus && !existsSync(corpora)) {
        const failed = process.env.CI === 'true' ? 1 : 0;
        result = { part: part.name, trials: 0, failures: failed, worst: `${corpora} is absent`, line: `${part.name} ${failed ? 'FAILED' : 'SKIPPED'}: needs ${corpora}`, checks: [{ name: `${part.name}: corpora present`, failures: failed }] };
      } else result = await part.run(options);
    } catch (error) {
      // A part that cannot finish is itself a failure, never a silent pass.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      result = { part: part.name, trials: 0, failures: 1, worst: `the part crashed: ${detail}`, line: `${part.name} CRASHED: ${detail}`, checks: [{ name: 'finished', failures: 1, example: detail }] };
    }
    results.push(result);
    console.log(`${result.line}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const c of result.checks.filter((c) => c.failures > 0)) console.log(`  FAILED ${c.name}: ${c.failures} (first: ${c.example})`);
  }
  const failures = results.reduce((n, r) => n + r.failures, 0);
  const json = value('--json');
  if (json) {
    mkdirSync(path.dirname(path.resolve(json)), { recursive: true });
    const parts = Object.fromEntries(results.map((r) => [r.part, { trials: r.trials, failures: r.failures, worst: r.worst, line: r.line, checks: r.checks }]));
    writeFileSync(json, JSON.stringify({ quick: options.quick, seed: options.seed, parts }, null, 2));
  }
  const resultFile = process.env[RESULT_FILE_ENV];
  if (resultFile) {
    const checks = results.flatMap((r) => r.checks);
    writeResult(resultFile, { passed: checks.filter((c) => c.failures === 0).length, failed: checks.filter((c) => c.failures > 0).length, pending: 0 });
  }
  console.log(failures === 0 ? 'soak: nothing lost, crashed, hung or leaked' : `soak: ${failures} failure(s)`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
