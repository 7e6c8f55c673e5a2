import type { UsedExemplar } from '../core/completion/types';
import type { HostStatus } from '../core/model/hostMonitor';

/** How much text one suggestion offers before it stops. */
export type LengthUnit = 'word' | 'sentence' | 'paragraph';
/** `auto` matches the tone of the text around the cursor. */
export type Register = 'auto' | 'casual' | 'neutral' | 'formal';
/** `auto` matches the sentence lengths of the writer's own exemplars. */
export type Concision = 'auto' | 'concise' | 'expansive';

export const LENGTH_UNITS: readonly LengthUnit[] = ['word', 'sentence', 'paragraph'];
export const REGISTERS: readonly Register[] = ['auto', 'formal', 'neutral', 'casual'];
export const CONCISIONS: readonly Concision[] = ['auto', 'concise', 'expansive'];
/** Languages offered as switches; a configured language outside this list is shown as well. */
export const KNOWN_LANGUAGES: readonly string[] = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc', 'org'];
export const MAX_EXEMPLARS = 8;

/** Every preference the sidebar shows; each one is a VS Code setting (see editor/sidebar/preferenceSettings). */
export interface Preferences {
  readonly completionModel: string;
  readonly rewriteModel: string;
  readonly embeddingModel: string;
  readonly length: LengthUnit;
  readonly register: Register;
  readonly concision: Concision;
  /** 0 means "let Ownvoice choose". */
  readonly exemplarCount: number;
  readonly languages: readonly string[];
  readonly notes: string;
  readonly folders: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly neverDocuments: readonly string[];
  readonly preferDocuments: readonly string[];
}

/** Preferences the webview may set directly; folders and document choices go through their own messages. */
export type EditablePreference = Exclude<keyof Preferences, 'folders' | 'neverDocuments' | 'preferDocuments'>;
export type PreferenceChange = { [K in EditablePreference]: { readonly key: K; readonly value: Preferences[K] } }[EditablePreference];

export interface IndexSummary {
  readonly documents: number;
  readonly passages: number;
  readonly words: number;
  readonly bytes: number;
  /** ms since epoch; undefined before the first build. */
  readonly lastUpdated?: number;
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Present while the index is being built. */
  readonly progress?: { readonly done: number; readonly total: number; readonly phase: string };
}

/** An exemplar as "why this suggestion" shows it: what the completion pipeline records, plus the passage's text. */
export interface ExplainedExemplar extends UsedExemplar {
  /** The passage as the writer wrote it: shown as text, never as markup. */
  readonly text: string;
}

export interface SuggestionExplanation {
  readonly kind: 'completion' | 'rewrite';
  readonly model: string;
  /** ms since epoch. */
  readonly at: number;
  readonly exemplars: readonly ExplainedExemplar[];
}

export interface StorageInfo {
  /** Folder where the index and its caches live. */
  readonly location: string;
  readonly bytes: number;
}

/** Which of the host's models can do what, from each model's capabilities in /api/show. */
export interface ModelFit {
  /** Models that complete text: for completions and rewrites. */
  readonly write: readonly string[];
  /** Embedding models: for finding passages alike in meaning. */
  readonly embed: readonly string[];
}

/** Sidebar actions the extension can perform right now; the webview disables the others. */
export interface Capabilities {
  readonly pull: boolean;
  readonly test: boolean;
  readonly rebuild: boolean;
  readonly calibrate: boolean;
  readonly clear: boolean;
  /** Whether the extension reports the exemplars behind its suggestions yet. */
  readonly explain: boolean;
}

export type PullState =
  | { readonly state: 'pulling'; readonly model: string; readonly status: string; readonly completed?: number; readonly total?: number }
  | { readonly state: 'done'; readonly model: string }
  | { readonly state: 'failed'; readonly model: string; readonly detail: string };

export type TestResult =
  | { readonly state: 'running'; readonly model: string }
  | { readonly state: 'ok'; readonly model: string; readonly latencyMs: number; readonly text: string }
  | { readonly state: 'failed'; readonly model: string; readonly detail: string };

/** One habit of the writer's voice profile as "Your voice" shows it. */
export interface VoiceHabitView {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** What it was measured from; empty for a habit the writer added. */
  readonly evidence: string;
  readonly on: boolean;
}

/** The voice profile as "Your voice" shows it; the profile file in the extension's storage is the source. */
export interface VoiceView {
  readonly habits: readonly VoiceHabitView[];
  readonly ownWords: string;
  /** How much writing the habits were measured in (0 passages: not measured yet). */
  readonly passages: number;
  readonly words: number;
  /** Whether Ownvoice goes on learning (`ownvoice.learning.enabled`). */
  readonly learning: boolean;
  /** What went wrong with the profile file, in the writer's words, when something did. */
  readonly problem?: string;
  /** A description of the voice is being written by the model. */
  readonly describing?: boolean;
}

/** What Ownvoice learned from the writer's reactions, as "Your voice" lists it (core/memory). */
export interface MemoryView {
  /** Word rules made of corrections the writer made more than once. */
  readonly rules: readonly { readonly id: string; readonly from: string; readonly to: string; readonly times: number }[];
  /** The last picks between rewrite alternatives, newest last. */
  readonly choices: readonly { readonly at: string; readonly presetName: string; readonly chosen: string }[];
  readonly corrections: number;
  readonly accepted: number;
  readonly learning: boolean;
}

/** Messages the extension host sends to the sidebar webview. */
export type ToSidebar =
  | { readonly type: 'hostStatus'; readonly status: HostStatus }
  /** undefined while the host cannot say which models it has; `fit` says which can write and which embed. */
  | { readonly type: 'models'; readonly models: readonly string[] | undefined; readonly fit?: ModelFit }
  | { readonly type: 'preferences'; readonly preferences: Preferences }
  | { readonly type: 'index'; readonly index: IndexSummary | undefined }
  | { readonly type: 'suggestion'; readonly suggestion: SuggestionExplanation | undefined }
  | { readonly type: 'storage'; readonly storage: StorageInfo | undefined }
  | { readonly type: 'capabilities'; readonly capabilities: Capabilities }
  | { readonly type: 'voice'; readonly voice: VoiceView | undefined }
  | { readonly type: 'memory'; readonly memory: MemoryView | undefined }
  /** undefined clears a result that no longer belongs to the current host and model. */
  | { readonly type: 'test'; readonly test: TestResult | undefined }
  | { readonly type: 'pull'; readonly pull: PullState | undefined };

export type DocumentPreference = 'never' | 'prefer' | 'default';

/** Messages the sidebar webview sends to the extension host. */
export type FromSidebar =
  | { readonly type: 'ready' }
  | { readonly type: 'checkConnection' }
  | { readonly type: 'showLog' }
  | { readonly type: 'refreshModels' }
  | { readonly type: 'setPreference'; readonly change: PreferenceChange }
  | { readonly type: 'pullModel'; readonly model: string }
  | { readonly type: 'testModel'; readonly model: string }
  | { readonly type: 'addFolder' }
  | { readonly type: 'removeFolder'; readonly folder: string }
  | { readonly type: 'rebuildIndex' }
  | { readonly type: 'calibrate' }
  | { readonly type: 'clearEverything' }
  | { readonly type: 'openExemplar'; readonly passageId: string }
  | { readonly type: 'documentPreference'; readonly passageId: string; readonly preference: DocumentPreference }
  | { readonly type: 'setHabit'; readonly key: string; readonly on: boolean }
  | { readonly type: 'removeHabit'; readonly key: string }
  | { readonly type: 'editVoice' }
  | { readonly type: 'measureVoice' }
  | { readonly type: 'describeVoice' }
  | { readonly type: 'removeRule'; readonly id: string }
  | { readonly type: 'removeChoice'; readonly at: string }
  | { readonly type: 'forgetReactions' }
  /** The welcome card's buttons when Ollama is unreachable. */
  | { readonly type: 'getOllama' }
  | { readonly type: 'openHostSetting' }
  | { readonly type: 'openWalkthrough' };

const MAX_NAME = 300;
const MAX_NOTES = 4000;
const MAX_LIST = 200;

type Check = (value: unknown) => boolean;

const name: Check = (v) => typeof v === 'string' && v.length <= MAX_NAME;
const nonEmptyName: Check = (v) => name(v) && (v as string).trim() !== '';
const oneOf = (options: readonly string[]): Check => (v) => typeof v === 'string' && options.includes(v);
const names: Check = (v) => Array.isArray(v) && v.length <= MAX_LIST && v.every(nonEmptyName);

const PREFERENCE_CHECKS: { readonly [K in EditablePreference]: Check } = {
  completionModel: name,
  rewriteModel: name,
  embeddingModel: name,
  length: oneOf(LENGTH_UNITS),
  register: oneOf(REGISTERS),
  concision: oneOf(CONCISIONS),
  exemplarCount: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_EXEMPLARS,
  languages: names,
  notes: (v) => typeof v === 'string' && v.length <= MAX_NOTES,
  include: names,
  exclude: names,
};

const preferenceChange: Check = (v) => {
  if (!hasExactKeys(v, ['key', 'value'])) return false;
  const { key, value } = v as { key: unknown; value: unknown };
  return typeof key === 'string' && Object.hasOwn(PREFERENCE_CHECKS, key) && PREFERENCE_CHECKS[key as EditablePreference](value);
};

/** For each message type, the checks of its fields besides `type`; a message must have exactly these fields. */
const FROM_SIDEBAR_FIELDS: { readonly [T in FromSidebar['type']]: Readonly<Record<string, Check>> } = {
  ready: {},
  checkConnection: {},
  showLog: {},
  refreshModels: {},
  setPreference: { change: preferenceChange },
  pullModel: { model: nonEmptyName },
  testModel: { model: nonEmptyName },
  addFolder: {},
  removeFolder: { folder: nonEmptyName },
  rebuildIndex: {},
  calibrate: {},
  clearEverything: {},
  openExemplar: { passageId: nonEmptyName },
  documentPreference: { passageId: nonEmptyName, preference: oneOf(['never', 'prefer', 'default']) },
  setHabit: { key: nonEmptyName, on: (v) => typeof v === 'boolean' },
  removeHabit: { key: nonEmptyName },
  editVoice: {},
  measureVoice: {},
  describeVoice: {},
  removeRule: { id: nonEmptyName },
  removeChoice: { at: nonEmptyName },
  forgetReactions: {},
  getOllama: {},
  openHostSetting: {},
  openWalkthrough: {},
};

/** Accepts only the messages the sidebar is known to send; anything else is `undefined`, to be logged and ignored. */
export function parseFromSidebar(value: unknown): FromSidebar | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type } = value as { type?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(FROM_SIDEBAR_FIELDS, type)) return undefined;
  const fields = FROM_SIDEBAR_FIELDS[type as FromSidebar['type']];
  if (!hasExactKeys(value, ['type', ...Object.keys(fields)])) return undefined;
  const record = value as Record<string, unknown>;
  if (!Object.entries(fields).every(([field, check]) => check(record[field]))) return undefined;
  // A fresh copy, so nothing the webview attached (getters, prototypes) travels further.
  return JSON.parse(JSON.stringify(value)) as FromSidebar;
}

const TO_SIDEBAR_TYPES: ReadonlySet<string> = new Set<ToSidebar['type']>(['hostStatus', 'models', 'preferences', 'index', 'suggestion', 'storage', 'capabilities', 'pull', 'test', 'voice', 'memory']);

/** The webview's guard on what it receives: the host is trusted, but a stray message must not break rendering. */
export function isToSidebar(value: unknown): value is ToSidebar {
  return typeof value === 'object' && value !== null && TO_SIDEBAR_TYPES.has((value as { type?: unknown }).type as string);
}

function hasExactKeys(value: unknown, keys: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

/** The sentence a writer reads about the model host, shared by the status bar tooltip and the sidebar. */
export function describeHostStatus(status: HostStatus): string {
  switch (status.state) {
    case 'checking':
      return `Checking Ollama at ${status.host}…`;
    case 'ready':
      return `Ollama is reachable (version ${status.version}); model ${status.model} is ready.`;
    case 'modelMissing':
      if (!status.model) return `Ollama is reachable (version ${status.version}); choose a model in the settings.`;
      return `Ollama is reachable (version ${status.version}), but the model ${status.model} is not pulled.`;
    case 'unreachable':
      return `Ollama is unreachable at ${status.host} (${status.detail}).`;
  }
}

/** Bytes as a writer reads them: "1.4 MB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
