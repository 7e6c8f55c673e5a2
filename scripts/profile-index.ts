import { readCorpusFile } from '../src/core/documents/corpusFile';
import { reduceToProse } from '../src/core/documents/reduce';
import { cutIntoPassages } from '../src/core/passages/chunker';
import { PassageIndex } from '../src/core/index/passageIndex';
import { decodeIndex, encodeIndex } from '../src/core/index/persistence';

async function main(): Promise<void> {
  const docs: { path: string; text: string; format: string }[] = [];
  for await (const d of readCorpusFile(process.argv[2])) docs.push({ path: d.path, text: d.text, format: d.format });
  const cut = docs.map((d) => ({ d, passages: cutIntoPassages(reduceToProse(d.text, d.format as never), { docId: d.path, format: d.format, modifiedAt: 0 }) }));
  const index = new PassageIndex();
  let t = performance.now();
  for (const { d, passages } of cut) index.putDocument({ docId: d.path, contentHash: '', size: 0, modifiedAt: 0, format: d.format }, passages);
  console.log(`put ${index.size} passages: ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const bytes = encodeIndex(index, []);
  console.log(`encode: ${(performance.now() - t).toFixed(0)} ms, ${(bytes.length / 1e6).toFixed(1)} MB`);
  t = performance.now();
  const restored = decodeIndex(bytes).index;
  console.log(`decode: ${(performance.now() - t).toFixed(0)} ms`);
  const queries = cut.slice(0, 300).map(({ passages }) => passages[0]?.text.split(/\s+/).slice(0, 60).join(' ') ?? 'x');
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    restored.search(q, 20);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`query p50 ${times[150].toFixed(2)} p95 ${times[285].toFixed(2)} ms`);
}
void main();
