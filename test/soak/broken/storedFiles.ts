// The files Ownvoice keeps for the writer, each opened and saved through its own entry point. A new stored file
// (the voice profile, the memory of corrections) joins the broken-files part with one entry in STORED_FILES.
import { promises as fs } from 'node:fs';
import { OutcomeRecord, parseSnapshot, type OutcomeSnapshot } from '../../../src/core/completion/outcomes';
import { DEFAULT_WEIGHTS, type ScorerWeights } from '../../../src/core/exemplars/scorer';
import { loadSavedWeights, saveWeights } from '../../../src/core/exemplars/weightsFile';
import { WritingIndex } from '../../../src/core/index/writingIndex';
import { PreferencePairFile, type PreferencePair } from '../../../src/core/rewrite/history';
import { answersOf, differences, indexOptions, recordingLog, WORKER_SCRIPT, type Answers, type SoakCorpus } from '../corpus';

/**
 * How opening a (possibly damaged) file went: as saved; rebuilt or started afresh (with what was said, if anything);
 * read back different from what was saved but well-formed (JSON has no checksum); or wrong (a loss, a bad answer).
 */
export type OpenResult =
  | { readonly outcome: 'intact' }
  | { readonly outcome: 'rebuilt'; readonly said?: string }
  | { readonly outcome: 'altered'; readonly detail: string }
  | { readonly outcome: 'wrong'; readonly detail: string };

export interface StoredFile {
  readonly name: string;
  /** Whether a rebuild must be said (a log line): files the writer made by hand-picking, not derived ones. */
  readonly mustSayRebuild: boolean;
  /** Writes a valid file as the extension does. */
  create(file: string): Promise<void>;
  /** Opens it as the extension does on start. Throwing is a crash. */
  open(file: string): Promise<OpenResult>;
  /** Saves a newer version through the extension's save path (a full disk, a read-only folder). */
  save(file: string): Promise<void>;
  /** Bytes of the same kind of file from another version of Ownvoice, when there is such a thing. */
  otherVersion(valid: Buffer): Buffer | undefined;
  /** A failed save must reach the editor as an error it can explain to the writer (src/editor/index/saveProblem). */
  readonly explainsFailedSave?: boolean;
}

export interface StoredFileContext {
  readonly corpus: SoakCorpus;
  readonly fresh: Answers;
}

export function storedFiles(context: StoredFileContext): StoredFile[] {
  return [indexFile(context), weightsFile, outcomeRecord, preferencePairs];
}

/** The index: opened through the worker; whatever it restored or rebuilt must answer as a fresh build, after a sync. */
function indexFile({ corpus, fresh }: StoredFileContext): StoredFile {
  const build = async (file: string) => {
    const { index } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(corpus.folder, file), recordingLog());
    try {
      await index.sync();
    } finally {
      index.dispose();
    }
  };
  return {
    name: 'index file',
    mustSayRebuild: true,
    explainsFailedSave: true,
    create: build,
    async open(file) {
      const log = recordingLog();
      const { index, restored } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(corpus.folder, file), log);
      try {
        await index.sync().catch(() => undefined); // a save into a read-only folder fails; the index still answers
        const differs = differences(fresh, await answersOf(index, corpus.queries));
        if (differs) return { outcome: 'wrong', detail: differs };
        return restored ? { outcome: 'intact' } : { outcome: 'rebuilt', said: log.lines.find((l) => /rebuilt/.test(l)) };
      } finally {
        index.dispose();
      }
    },
    save: async (file) => {
      // A rebuild always saves: the same passages, a new file.
      const { index } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(corpus.folder, file), recordingLog());
      try {
        await index.rebuild();
      } finally {
        index.dispose();
      }
    },
    otherVersion(valid) {
      if (valid.subarray(0, 8).toString('latin1') !== 'OWNVOIDX') return undefined;
      const older = Buffer.from(valid);
      older.writeUInt32LE(older.readUInt32LE(8) - 1, 8);
      return older;
    },
  };
}

const CALIBRATED: ScorerWeights = { ...DEFAULT_WEIGHTS, bias: DEFAULT_WEIGHTS.bias + 0.125, origin: 'calibrated on the soak corpus' };

const weightsFile: StoredFile = {
  name: 'calibration weights',
  mustSayRebuild: true,
  create: (file) => saveWeights(file, CALIBRATED),
  async open(file) {
    const saved = await loadSavedWeights(file);
    if ('weights' in saved) return JSON.stringify(saved.weights) === JSON.stringify(CALIBRATED) ? { outcome: 'intact' } : { outcome: 'altered', detail: 'weights read back different' };
    return { outcome: 'rebuilt', said: saved.detail };
  },
  save: (file) => saveWeights(file, { ...CALIBRATED, bias: CALIBRATED.bias + 1 }),
  otherVersion: (valid) => Buffer.from(valid.toString('utf8').replace('"version": 1', '"version": 2')),
};

const SNAPSHOT: OutcomeSnapshot = {
  version: 1,
  counts: { shown: 12, accepted: 5, rejected: 4 },
  byPassage: { p1: { shown: 3, accepted: 2, rejected: 1 } },
  recent: [{ id: 's1', text: 'the harbour was quiet', model: 'm', source: 'model', exemplars: [], offeredAt: 1, outcome: 'accepted' }],
};

/** Kept by VS Code's state store as JSON; here its text is what gets damaged. */
const outcomeRecord: StoredFile = {
  name: 'outcome record',
  mustSayRebuild: false,
  create: (file) => fs.writeFile(file, JSON.stringify(SNAPSHOT)),
  async open(file) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    const snapshot = new OutcomeRecord({ saved: text }).snapshot();
    if (JSON.stringify(snapshot) === JSON.stringify(parseSnapshot(SNAPSHOT))) return { outcome: 'intact' };
    if (snapshot.recent.length === 0 && snapshot.counts.shown === 0) return { outcome: 'rebuilt' };
    return { outcome: 'altered', detail: 'counts read back different' };
  },
  save: (file) => fs.writeFile(file, JSON.stringify({ ...SNAPSHOT, counts: { ...SNAPSHOT.counts, shown: 13 } })),
  otherVersion: (valid) => Buffer.from(valid.toString('utf8').replace('"version":1', '"version":2')),
};

const PAIRS: PreferencePair[] = Array.from({ length: 12 }, (_, i) => ({
  at: new Date(1_700_000_000_000 + i * 60_000).toISOString(), presetId: 'shorter', instruction: '', model: 'm', format: 'markdown',
  original: `The harbour was quiet that morning, number ${i}.`, chosen: `A quiet harbour (${i}).`, rejected: `The harbour, quiet, ${i}.`,
}));

/** One pair a line, appended: a damaged line may go, the others and every pair recorded afterwards must stay. */
const preferencePairs: StoredFile = {
  name: 'preference pairs',
  mustSayRebuild: false,
  async create(file) {
    const pairs = new PreferencePairFile(file);
    for (const p of PAIRS) await pairs.record(p);
  },
  async open(file) {
    const bytes = await fs.readFile(file).catch(() => Buffer.alloc(0));
    const pairs = new PreferencePairFile(file);
    const before = await pairs.readAll().catch((error: unknown) => {
      if (['EISDIR', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined; // said, not lost
      throw error;
    });
    if (!before) return { outcome: 'rebuilt', said: 'the preference pairs file cannot be read' };
    const whole = bytes.toString('utf8').split('\n').filter((line) => PAIRS.some((p) => JSON.stringify(p) === line)).length;
    const kept = before.filter((b) => PAIRS.some((p) => JSON.stringify(p) === JSON.stringify(b))).length;
    if (kept < whole) return { outcome: 'wrong', detail: `${whole - kept} undamaged pairs lost` };
    const next = { ...PAIRS[0], original: 'recorded after the damage' };
    // A folder that cannot be written refuses the new pair (the rewrite logs it); the old ones must still be there.
    const recorded = await pairs.record(next).then(() => true, (error: unknown) => ['EACCES', 'EROFS', 'ENOSPC'].includes((error as NodeJS.ErrnoException).code ?? '') ? false : Promise.reject(error));
    const after = await pairs.readAll();
    if (recorded && !after.some((p) => p.original === next.original)) return { outcome: 'wrong', detail: 'a pair recorded after the damage was lost' };
    if (before.some((b) => typeof b.chosen !== 'string')) return { outcome: 'wrong', detail: 'a damaged line came back as a pair' };
    return kept === PAIRS.length ? { outcome: 'intact' } : before.length > kept ? { outcome: 'altered', detail: 'a pair read back different' } : { outcome: 'rebuilt' };
  },
  save: (file) => new PreferencePairFile(file).record({ ...PAIRS[1], original: 'saved on a full disk' }),
  otherVersion: () => undefined,
};
