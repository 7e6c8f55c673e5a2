import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

// The writer's passages are read and written only through Orama's API: the index component's insides (postings,
// vectors, the passage store) are reached by nothing in src/ outside the plugin's folder, and nothing reaches into
// an Orama instance's data past its API.
const ROOT = path.join(__dirname, '../../../../src');
const PLUGIN = path.join(ROOT, 'core/index/orama');
const INSIDES = ['postings', 'frozenPostings', 'termsOfText', 'vectors', 'dot', 'passageIndexComponent', 'passageDocuments'];

async function sources(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

describe('index: no passage read or write bypasses Orama', () => {
  it('imports the component’s insides only from its own folder (types excepted), and never touches orama.data', async () => {
    const files = await sources(ROOT);
    assert.ok(files.length > 50);
    const offences: string[] = [];
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      const inside = file.startsWith(PLUGIN + path.sep);
      for (const m of text.matchAll(/^import (type )?[^;]*from '([^']+)';/gm)) {
        const target = path.basename(m[2]);
        if (!inside && !m[1] && m[2].includes('orama/') && INSIDES.includes(target)) offences.push(`${path.relative(ROOT, file)} imports ${m[2]}`);
      }
      if (!inside && /\.data\.(index|docs)\b/.test(text)) offences.push(`${path.relative(ROOT, file)} reaches into Orama's data`);
      if (!inside && /from '\.\.?\/(?:\.\.\/)*index\/orama\/postings'|new Postings\(|new VectorRows\(/.test(text)) offences.push(`${path.relative(ROOT, file)} builds index insides`);
    }
    assert.deepEqual(offences, []);
  });

  it('would catch a bypass', () => {
    const line = "import { Postings } from '../index/orama/postings';";
    const m = /^import (type )?[^;]*from '([^']+)';/m.exec(line)!;
    assert.ok(!m[1] && m[2].includes('orama/') && INSIDES.includes(path.basename(m[2])));
  });
});
