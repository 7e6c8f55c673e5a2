// Pure mapping between the sidebar's Preferences and Ownvoice's settings; no `vscode` import, so it is unit-tested.
import {
  CONCISIONS,
  KNOWN_LANGUAGES,
  LENGTH_UNITS,
  MAX_EXEMPLARS,
  REGISTERS,
  type Preferences,
} from '../../shared/sidebarProtocol';

/** The setting (under `ownvoice.`) behind each preference; package.json's contributes.configuration declares them. */
export const PREFERENCE_SETTINGS: { readonly [K in keyof Preferences]: string } = {
  completionModel: 'model',
  rewriteModel: 'rewrite.model',
  embeddingModel: 'embedding.model',
  length: 'suggestion.length',
  register: 'suggestion.register',
  concision: 'suggestion.concision',
  exemplarCount: 'exemplars.count',
  languages: 'languages',
  notes: 'notes',
  folders: 'index.folders',
  include: 'index.include',
  exclude: 'index.exclude',
  neverDocuments: 'exemplars.neverDocuments',
  preferDocuments: 'exemplars.preferDocuments',
};

export const DEFAULT_PREFERENCES: Preferences = {
  completionModel: 'llama3.2:3b',
  rewriteModel: '',
  embeddingModel: '',
  length: 'sentence',
  register: 'auto',
  concision: 'auto',
  exemplarCount: 0,
  languages: KNOWN_LANGUAGES,
  notes: '',
  folders: [],
  include: [],
  exclude: ['**/node_modules/**', '**/.git/**'],
  neverDocuments: [],
  preferDocuments: [],
};

/** Reads every preference through `get(settingName)`; a hand-edited value of the wrong shape falls back to the default. */
export function readPreferences(get: (setting: string) => unknown): Preferences {
  const d = DEFAULT_PREFERENCES;
  const s = PREFERENCE_SETTINGS;
  return {
    completionModel: text(get(s.completionModel), d.completionModel),
    rewriteModel: text(get(s.rewriteModel), d.rewriteModel),
    embeddingModel: text(get(s.embeddingModel), d.embeddingModel),
    length: choice(get(s.length), LENGTH_UNITS, d.length),
    register: choice(get(s.register), REGISTERS, d.register),
    concision: choice(get(s.concision), CONCISIONS, d.concision),
    exemplarCount: count(get(s.exemplarCount), d.exemplarCount),
    languages: list(get(s.languages), d.languages),
    notes: typeof get(s.notes) === 'string' ? (get(s.notes) as string) : d.notes,
    folders: list(get(s.folders), d.folders),
    include: list(get(s.include), d.include),
    exclude: list(get(s.exclude), d.exclude),
    neverDocuments: list(get(s.neverDocuments), d.neverDocuments),
    preferDocuments: list(get(s.preferDocuments), d.preferDocuments),
  };
}

/** Where a setting's value is defined, most specific first, as `WorkspaceConfiguration.inspect` reports it. */
export interface SettingLayers {
  readonly workspaceFolderValue?: unknown;
  readonly workspaceValue?: unknown;
}

export type SettingTarget = 'global' | 'workspace' | 'workspaceFolder';

/** Writes where the value in force comes from, so a workspace override is changed rather than shadowing a new user value. */
export function settingTarget(layers: SettingLayers | undefined): SettingTarget {
  if (layers?.workspaceFolderValue !== undefined) return 'workspaceFolder';
  if (layers?.workspaceValue !== undefined) return 'workspace';
  return 'global';
}

/** The lists after the writer chose never / prefer / default for one document: a document is in at most one list. */
export function withDocumentPreference(
  lists: { readonly never: readonly string[]; readonly prefer: readonly string[] },
  docId: string,
  preference: 'never' | 'prefer' | 'default',
): { never: string[]; prefer: string[] } {
  const never = lists.never.filter((d) => d !== docId);
  const prefer = lists.prefer.filter((d) => d !== docId);
  if (preference === 'never') never.push(docId);
  if (preference === 'prefer') prefer.push(docId);
  return { never, prefer };
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value.trim() : fallback;
}

function choice<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

function count(value: unknown, fallback: number): number {
  return Number.isInteger(value) && (value as number) >= 0 ? Math.min(value as number, MAX_EXEMPLARS) : fallback;
}

function list(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : fallback;
}
