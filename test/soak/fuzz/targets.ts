// What the fuzzed inputs go through: each public entry point that takes text from outside (files, templates, the
// webview, the model host), with the properties that must hold for every input. A target throws on a violation.
import * as fc from 'fast-check';
import { readDocument } from '../../../src/core/documents/reader';
import { reduceToProse } from '../../../src/core/documents/reduce';
import type { DocumentFormat } from '../../../src/core/documents/prose';
import type { FileSource } from '../../../src/core/documents/source';
import { cutIntoPassages } from '../../../src/core/passages/chunker';
import { parseTemplate } from '../../../src/core/rewrite/template';
import { parseFromSidebar } from '../../../src/shared/sidebarProtocol';
import { random } from '../report';
import { FORMAT_TOKENS, bytesInput, textInput } from './inputs';
import { modelStreamTarget } from './modelStream';

export interface FuzzTarget {
  readonly name: string;
  /** Sets up what inputs need (a server, corpus samples); returns a function that runs input `index`. */
  prepare(seed: number, samples: readonly string[]): Promise<(index: number) => Promise<void> | void>;
}

const EXTENSIONS: Readonly<Record<DocumentFormat, string>> = { markdown: 'md', html: 'html', latex: 'tex', restructuredtext: 'rst', org: 'org', asciidoc: 'adoc', plaintext: 'txt' };

/** A document reader as the index uses it: bytes from a file, decoded, reduced to prose, cut into passages. */
function readerTarget(format: DocumentFormat): FuzzTarget {
  return {
    name: `${format} reader`,
    async prepare(seed, samples) {
      return async (index) => {
        const bytes = bytesInput(seed, index, textInput(seed, index, FORMAT_TOKENS[format], samples));
        const file = `/fuzz/doc-${index}.${EXTENSIONS[format]}`;
        const read = await readDocument(memorySource(file, bytes), file, 8 * 1024 * 1024);
        if (!read.ok) {
          if (!['binary', 'invalid-utf8', 'too-large'].includes(read.reason)) throw new Error(`unexpected skip: ${read.reason}`);
          return;
        }
        const blocks = reduceToProse(read.document.text, format);
        const passages = cutIntoPassages(blocks, { docId: file, format, modifiedAt: 0 });
        const ids = new Set<string>();
        for (const p of passages) {
          if (typeof p.text !== 'string' || !p.text.trim()) throw new Error(`passage ${p.position} has no text`);
          if (ids.has(p.id)) throw new Error(`duplicate passage id ${p.id}`);
          if (!Number.isInteger(p.line) || p.line < 1) throw new Error(`passage ${p.position} starts at line ${p.line}`);
          ids.add(p.id);
        }
      };
    },
  };
}

function memorySource(path: string, bytes: Uint8Array): FileSource {
  const info = { size: bytes.length, modifiedAt: 0, isFile: true };
  return {
    async *list() {
      yield { path };
    },
    stat: async () => info,
    readFile: async () => bytes,
  };
}

const templateTarget: FuzzTarget = {
  name: 'rewrite preset template parser',
  async prepare(seed, samples) {
    return (index) => {
      const source = textInput(seed, index, FORMAT_TOKENS.template, samples);
      const parsed = parseTemplate(source, 'fuzzed');
      if (parsed.ok) {
        const t = parsed.template;
        if (!/\{\{\s*selection\s*\}\}/.test(t.prompt)) throw new Error('accepted a template whose prompt lacks {{selection}}');
        if (t.temperature !== undefined && !Number.isFinite(t.temperature)) throw new Error(`accepted temperature ${t.temperature}`);
      } else if (!parsed.problems.length || parsed.problems.some((p) => !(p.line >= 1 && p.column >= 1) || !p.message)) {
        throw new Error('refused without a located problem');
      }
    };
  },
};

/** Messages shaped like the sidebar's, with fields of the wrong type, extra or missing keys, and arbitrary values. */
const VALID_MESSAGES: readonly unknown[] = [
  { type: 'ready' },
  { type: 'setPreference', change: { key: 'notes', value: 'British spelling' } },
  { type: 'setPreference', change: { key: 'languages', value: ['markdown'] } },
  { type: 'setPreference', change: { key: 'exemplarCount', value: 3 } },
  { type: 'pullModel', model: 'llama3.2:3b' },
  { type: 'removeFolder', folder: '/home/writer/notes' },
  { type: 'openExemplar', passageId: 'p1' },
  { type: 'documentPreference', passageId: 'p1', preference: 'never' },
];

const messageTarget: FuzzTarget = {
  name: 'webview message validator',
  async prepare(seed) {
    const anything = fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true });
    return (index) => {
      const rng = random(seed * 31 + index);
      const base = structuredClone(VALID_MESSAGES[Math.floor(rng() * VALID_MESSAGES.length)]) as Record<string, unknown>;
      const noise = fc.sample(anything, { seed: seed + index, numRuns: 1 })[0];
      const kind = Math.floor(rng() * 4);
      let message: unknown = noise;
      if (kind === 1) message = { ...base, [Object.keys(base)[Math.floor(rng() * Object.keys(base).length)]]: noise };
      else if (kind === 2) message = { ...base, extra: noise };
      else if (kind === 3) message = replaceDeep(base, noise, rng);
      const parsed = parseFromSidebar(message);
      if (parsed !== undefined && JSON.stringify(parseFromSidebar(parsed)) !== JSON.stringify(parsed)) throw new Error('accepted a message that does not validate again');
    };
  },
};

function replaceDeep(value: Record<string, unknown>, noise: unknown, rng: () => number): unknown {
  const keys = Object.keys(value);
  const key = keys[Math.floor(rng() * keys.length)];
  const inner = value[key];
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && rng() < 0.7) return { ...value, [key]: replaceDeep(inner as Record<string, unknown>, noise, rng) };
  return { ...value, [key]: noise };
}

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  ...(['markdown', 'html', 'latex', 'restructuredtext', 'org', 'asciidoc', 'plaintext'] as const).map(readerTarget),
  templateTarget,
  messageTarget,
  modelStreamTarget,
];
