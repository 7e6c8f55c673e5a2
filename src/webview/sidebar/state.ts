// What the sidebar knows, as plain data: saved with vscode.setState so a view shown again renders at once. No DOM here.
import type { HostStatus } from '../../core/model/hostMonitor';
import type {
  Capabilities,
  IndexSummary,
  ModelFit,
  Preferences,
  PullState,
  StorageInfo,
  SuggestionExplanation,
  TestResult,
  ToSidebar,
  VoiceView,
  MemoryView,
} from '../../shared/sidebarProtocol';
import { visibleName } from './names';
import { t } from './l10n';

export interface ViewState {
  readonly hostStatus?: HostStatus;
  readonly models?: readonly string[];
  readonly fit?: ModelFit;
  readonly preferences?: Preferences;
  readonly index?: IndexSummary;
  readonly suggestion?: SuggestionExplanation;
  readonly storage?: StorageInfo;
  readonly capabilities?: Capabilities;
  readonly pull?: PullState;
  readonly test?: TestResult;
  readonly voice?: VoiceView;
  readonly memory?: MemoryView;
}

export type SectionId = 'model' | 'yourVoice' | 'voice' | 'writing' | 'why' | 'privacy';

export interface SavedState {
  readonly view: ViewState;
  /** Which sections the writer left open. */
  readonly open: Readonly<Record<SectionId, boolean>>;
}

export const INITIAL_STATE: SavedState = {
  view: {},
  open: { model: true, yourVoice: true, voice: true, writing: false, why: true, privacy: false },
};

export function applyMessage(state: ViewState, message: ToSidebar): ViewState {
  switch (message.type) {
    case 'hostStatus':
      return { ...state, hostStatus: message.status };
    case 'models':
      return { ...state, models: message.models, fit: message.fit };
    case 'preferences':
      return { ...state, preferences: message.preferences };
    case 'index':
      return { ...state, index: message.index };
    case 'suggestion':
      return { ...state, suggestion: message.suggestion };
    case 'storage':
      return { ...state, storage: message.storage };
    case 'capabilities':
      return { ...state, capabilities: message.capabilities };
    case 'pull':
      return { ...state, pull: message.pull };
    case 'test':
      return { ...state, test: message.test };
    case 'voice':
      return { ...state, voice: message.voice };
    case 'memory':
      return { ...state, memory: message.memory };
  }
}

/** Whatever getState returned, reduced to a SavedState; an old or damaged one starts afresh. */
export function restoreState(saved: unknown): SavedState {
  if (typeof saved !== 'object' || saved === null) return INITIAL_STATE;
  const { view, open } = saved as Partial<SavedState>;
  return {
    view: typeof view === 'object' && view !== null ? view : {},
    open: { ...INITIAL_STATE.open, ...(typeof open === 'object' && open !== null ? open : {}) },
  };
}

/**
 * The options of a model picker: the host's models that fit (`fitting`, when known), plus the configured one even
 * when the host lacks it or it does not fit.
 */
export function modelChoices(models: readonly string[] | undefined, configured: string, emptyLabel?: string, fitting?: readonly string[]): { value: string; label: string }[] {
  const names = [...new Set([...(fitting ?? models ?? []), ...(configured ? [configured] : [])])].sort();
  const choices = names.map((name) => ({ value: name, label: isMissing(models, name) ? t('{0} (not pulled)', visibleName(name)) : visibleName(name) }));
  return emptyLabel === undefined ? choices : [{ value: '', label: emptyLabel }, ...choices];
}

/** True when the host answered with its models and `name` is not among them (`x` and `x:latest` are one model). */
export function isMissing(models: readonly string[] | undefined, name: string): boolean {
  if (!models || !name) return false;
  return !models.some((m) => m === name || m === `${name}:latest` || `${m}:latest` === name);
}
