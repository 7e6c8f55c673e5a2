// `npm run talk:leaks`: the held-out chatty answers (never tuned on) through the whole completion path (stream stopper
// and cleaning, in the engine, with a host that streams each answer a few characters at a time) for the sentence and
// paragraph lengths; prints what the writer would see and whether talk, scaffolding, a refusal or foreign markup
// leaked, or the writer's words were lost.
import { silentLog } from '../src/core/common/log';
import { CompletionEngine, type CompletionHost } from '../src/core/completion/engine';
import { DEFAULT_SETTINGS, type LengthUnit } from '../src/core/completion/types';
import type { GenerateOptions, ModelInfo } from '../src/core/model/modelHost';
import { HELD_OUT, type HeldOutAnswer } from '../test/unit/completion/heldout/chattyAnswers';
import { HELD_OUT_SECOND } from '../test/unit/completion/heldout/chattyAnswersSecond';

const CHAT: ModelInfo = { name: 'chat', capabilities: ['completion'], template: '{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>{{ end }}' };

/** Streams one scripted answer in pieces of a few characters, as tokens arrive. */
class ScriptedAnswer implements CompletionHost {
  constructor(private readonly raw: string) {}
  async show(): Promise<ModelInfo> {
    return CHAT;
  }
  async *generate(_model: string, _request: GenerateOptions, signal?: AbortSignal): AsyncGenerator<string> {
    for (let i = 0; i < this.raw.length && !signal?.aborted; i += 3) yield this.raw.slice(i, i + 3);
  }
  /** The same answer over the chat endpoint (a prefilled prompt). */
  chat(model: string, _request: unknown, signal?: AbortSignal): AsyncGenerator<string> {
    return this.generate(model, {} as GenerateOptions, signal);
  }
}

interface Verdict {
  readonly answer: HeldOutAnswer;
  readonly shown: string;
  readonly leaked: readonly string[];
  readonly lost: boolean;
}

async function judge(answer: HeldOutAnswer, length: LengthUnit): Promise<Verdict> {
  const engine = new CompletionEngine({
    host: () => new ScriptedAnswer(answer.raw),
    log: silentLog,
    settings: () => ({ ...DEFAULT_SETTINGS, model: 'chat', maxExemplars: 0, preferences: { ...DEFAULT_SETTINGS.preferences, length } }),
  });
  const text = answer.before + (answer.after ?? '');
  const request = { documentId: 'doc', text, offset: answer.before.length, languageId: answer.language, cursorCount: 1, hasSelection: false, explicit: true };
  const shown = (await engine.complete(request, new AbortController().signal))?.text ?? '';
  engine.dispose();
  const seen = (answer.before.slice(-12) + shown).toLowerCase();
  const leaked = answer.talk.filter((t) => seen.includes(t.toLowerCase()) && !answer.before.toLowerCase().includes(t.toLowerCase()));
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const lost = answer.keep !== '' && !squash(shown).includes(squash(answer.keep));
  return { answer, shown, leaked, lost };
}

async function main(): Promise<void> {
  const summary: string[] = [];
  const sets = [['first set', HELD_OUT], ['second set', HELD_OUT_SECOND]] as const;
  for (const [name, set] of sets) for (const length of ['sentence', 'paragraph'] as const) {
    console.log(`\n— ${name}, suggestion length: ${length}`);
    const verdicts: Verdict[] = [];
    for (const answer of set) verdicts.push(await judge(answer, length));
    for (const v of verdicts) {
      const mark = v.leaked.length ? 'LEAK' : v.lost ? 'LOST' : 'ok  ';
      console.log(`${mark} ${v.answer.what}: ${JSON.stringify(v.shown)}${v.leaked.length ? `  (leaked: ${v.leaked.join(', ')})` : ''}`);
    }
    const leaks = verdicts.filter((v) => v.leaked.length).length;
    const lost = verdicts.filter((v) => !v.leaked.length && v.lost).length;
    summary.push(`${name}, ${length}: ${verdicts.length} held-out chatty answers; leaked ${leaks} (${Math.round((100 * leaks) / verdicts.length)}%); writer's words lost ${lost}; clean ${verdicts.length - leaks - lost}`);
  }
  console.log(`\n${summary.join('\n')}`);
}

void main();
