import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('src/core never imports vscode', () => {
    const offenders = sources(path.join(repoRoot, 'src/core')).filter((file) =>
      /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('the linter refuses a vscode import in src/core', function () {
    this.timeout(60000);
    const probe = path.join(repoRoot, 'src/core/__lint_probe__.ts');
    fs.writeFileSync(probe, "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    try {
      let output = '';
      try {
        execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/eslint/bin/eslint.js'), probe], { cwd: repoRoot, encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      assert.match(output, /must not import vscode/);
    } finally {
      fs.rmSync(probe, { force: true });
    }
  });
});
