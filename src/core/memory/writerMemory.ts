import { Emitter } from '../common/events';
import { changeKey, wordChanges, type WordChange } from './corrections';
import { describeChoices, presetUseKey } from './choices';
import { EMPTY_MEMORY, type Correction, type MemoryState, type PassageFeedback, type RewriteChoice } from './memoryState';
import { describeNotes, NoteChooser } from './notes';
import { passagePriors } from './passagePriors';
import { applyRules, type WordRule } from './rules';

/** The same change in this many different suggestions makes it a rule. */
export const TIMES_FOR_A_RULE = 2;
const MAX_CORRECTIONS = 200;
const MAX_ACCEPTED = 100;
const MAX_CHOICES = 20;
/** Context kept with a correction or an accepted suggestion: the last words before it. */
const CONTEXT_CHARS = 240;

/** A suggestion as the memory hears of it: its text, the words before it, and the passages shown with it. */
export interface SuggestionSeen {
  readonly id: string;
  readonly text: string;
  readonly before: string;
  readonly passageIds: readonly string[];
}

export interface MemoryOptions {
  readonly state?: MemoryState;
  /** Called after every change; the adapter writes the file. */
  readonly persist?: (state: MemoryState) => void;
  /** The writer's "learning" setting, read at every reaction. */
  readonly learning?: () => boolean;
  readonly clock?: () => number;
}

/**
 * What Ownvoice learned from the writer's reactions (MemPrompt, TeachMe, PPT): corrections to accepted suggestions,
 * the rules they become, accepted suggestions, picks between rewrite alternatives, and how each exemplar passage
 * fared. Plain data on the writer's machine; everything in it can be seen and removed piece by piece.
 */
export class WriterMemory {
  private readonly changed = new Emitter<MemoryState>();
  readonly onDidChange = this.changed.event;
  private state: MemoryState;
  private readonly notes = new NoteChooser();
  private readonly clock: () => number;

  constructor(private readonly options: MemoryOptions = {}) {
    this.state = options.state ?? EMPTY_MEMORY;
    this.clock = options.clock ?? Date.now;
  }

  /** The state read from the memory file, once it is loaded; reactions recorded meanwhile are kept. */
  restore(saved: MemoryState): void {
    const now = this.state;
    const keep = <T>(a: readonly T[], b: readonly T[]) => [...a, ...b];
    this.state = now === EMPTY_MEMORY ? saved : { ...saved, corrections: keep(saved.corrections, now.corrections), accepted: keep(saved.accepted, now.accepted), choices: keep(saved.choices, now.choices), rules: keep(saved.rules, now.rules) };
    this.changed.fire(this.state);
  }

  get learning(): boolean {
    return this.options.learning?.() ?? true;
  }

  snapshot(): MemoryState {
    return this.state;
  }

  get rules(): readonly WordRule[] {
    return this.state.rules;
  }

  accepted(suggestion: SuggestionSeen): void {
    if (!this.learning) return;
    const accepted = [...this.state.accepted.filter((a) => a.suggestionId !== suggestion.id), { suggestionId: suggestion.id, at: this.now(), text: suggestion.text.trim(), context: contextOf(suggestion.before) }];
    this.update({ accepted: accepted.slice(-MAX_ACCEPTED), passages: this.counted(suggestion.passageIds, 'accepted') });
  }

  rejected(suggestion: Pick<SuggestionSeen, 'passageIds'>): void {
    if (!this.learning) return;
    this.update({ passages: this.counted(suggestion.passageIds, 'rejected') });
  }

  /**
   * The writer changed an accepted suggestion into `edited`. Only the latest version of each suggestion counts, so
   * the words typed on the way to a correction never make a rule. Returns the rules made by it.
   */
  corrected(suggestion: SuggestionSeen, edited: string): WordRule[] {
    if (!this.learning) return [];
    const changes = wordChanges(suggestion.text, edited);
    const earlier = this.state.corrections.find((c) => c.suggestionId === suggestion.id);
    const others = this.state.corrections.filter((c) => c.suggestionId !== suggestion.id);
    if (!changes.length && !earlier) return [];
    const correction: Correction = { suggestionId: suggestion.id, at: this.now(), offered: suggestion.text, changes, context: contextOf(suggestion.before) };
    const corrections = (changes.length ? [...others, correction] : others).slice(-MAX_CORRECTIONS);
    // the suggestion stops counting as kept as it was, and its passages count as corrected once
    const accepted = this.state.accepted.filter((a) => a.suggestionId !== suggestion.id);
    const passages = earlier ? this.state.passages : this.counted(suggestion.passageIds, 'corrected');
    const made = newRules(corrections, this.state.rules, this.now());
    this.update({ corrections, accepted, passages, rules: [...this.state.rules, ...made] });
    return made;
  }

  /** The writer kept `chosen` over `rejected` between two rewrite alternatives. */
  chose(choice: Omit<RewriteChoice, 'at'>): void {
    if (!this.learning) return;
    this.update({ choices: [...this.state.choices, { ...choice, at: this.now() }].slice(-MAX_CHOICES) });
    this.usedPreset(choice.presetId, choice.instruction);
  }

  /** A rewrite made with this preset (or own instruction) was kept: it moves up among the defaults offered. */
  usedPreset(presetId: string, instruction: string): void {
    if (!this.learning) return;
    const key = presetUseKey(presetId, instruction);
    this.update({ presetUses: { ...this.state.presetUses, [key]: (this.state.presetUses[key] ?? 0) + 1 } });
  }

  /** Removes a rule and the corrections behind it, so it is not made again from them. */
  removeRule(id: string): boolean {
    const rule = this.state.rules.find((r) => r.id === id);
    if (!rule) return false;
    const key = changeKey(rule);
    const corrections = this.state.corrections
      .map((c) => ({ ...c, changes: c.changes.filter((ch) => changeKey(ch) !== key) }))
      .filter((c) => c.changes.length);
    this.update({ rules: this.state.rules.filter((r) => r.id !== id), corrections });
    return true;
  }

  removeChoice(at: string): boolean {
    const choices = this.state.choices.filter((c) => c.at !== at);
    if (choices.length === this.state.choices.length) return false;
    this.update({ choices });
    return true;
  }

  /** Forgets the corrections and accepted suggestions (not the rules the writer can see and remove one by one). */
  forgetReactions(): void {
    this.update({ corrections: [], accepted: [], passages: {} });
  }

  clear(): void {
    this.notes.forget();
    this.state = EMPTY_MEMORY;
    this.options.persist?.(this.state);
    this.changed.fire(this.state);
  }

  /** A suggestion or rewrite with the writer's rules applied. */
  polish(text: string): string {
    return applyRules(text, this.state.rules);
  }

  /** The notes block for a chat prompt at this place ('' when none is close). */
  notesFor(before: string): string {
    return describeNotes(this.notes.choose(this.state, before));
  }

  /** The "preferred A over B" block for a rewrite prompt ('' before the first pick). */
  choiceExamples(): string {
    return describeChoices(this.state.choices);
  }

  passagePriors(): Record<string, number> {
    return passagePriors(this.state.passages);
  }

  get presetUses(): Readonly<Record<string, number>> {
    return this.state.presetUses;
  }

  private counted(ids: readonly string[], outcome: keyof PassageFeedback): Record<string, PassageFeedback> {
    const passages = { ...this.state.passages };
    for (const id of new Set(ids)) {
      const before = passages[id] ?? { accepted: 0, rejected: 0, corrected: 0 };
      passages[id] = { ...before, [outcome]: before[outcome] + 1 };
    }
    return passages;
  }

  private update(change: Partial<Omit<MemoryState, 'version'>>): void {
    this.state = { ...this.state, ...change };
    this.options.persist?.(this.state);
    this.changed.fire(this.state);
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}

/** Changes made in enough different suggestions that are not rules yet become rules. */
function newRules(corrections: readonly Correction[], rules: readonly WordRule[], now: string): WordRule[] {
  const existing = new Set(rules.map(changeKey));
  const seen = new Map<string, { change: WordChange; suggestions: Set<string> }>();
  for (const c of corrections) {
    for (const change of c.changes) {
      const key = changeKey(change);
      if (!change.to || existing.has(key)) continue; // a lone cut is a note, not a rule
      const entry = seen.get(key) ?? { change, suggestions: new Set<string>() };
      entry.suggestions.add(c.suggestionId);
      seen.set(key, entry);
    }
  }
  return [...seen.entries()]
    .filter(([, e]) => e.suggestions.size >= TIMES_FOR_A_RULE)
    .map(([key, e]) => ({ id: ruleId(key), from: e.change.from.toLowerCase(), to: lowerFirstLike(e.change.from, e.change.to), times: e.suggestions.size, since: now }));
}

/** "Utilize" → "Use" at a sentence's start is the rule "utilize" → "use"; rules put the capital back where it was. */
function lowerFirstLike(from: string, to: string): string {
  const capitalised = (t: string) => t[0] !== t[0].toLowerCase();
  return capitalised(from) && capitalised(to) && !(to.length > 1 && to === to.toUpperCase()) ? to[0].toLowerCase() + to.slice(1) : to;
}

function ruleId(key: string): string {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return `rule-${(hash >>> 0).toString(36)}`;
}

function contextOf(before: string): string {
  return before.slice(-CONTEXT_CHARS).trim();
}
