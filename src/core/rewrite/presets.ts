import { parseTemplate, type RewriteTemplate } from './template';

/** A way of rewriting the writer can pick: built in, or one of their own template files. */
export interface RewritePreset {
  /** `builtin:shorter` for built-ins, the file's URI for the writer's own. */
  readonly id: string;
  readonly template: RewriteTemplate;
  readonly builtIn: boolean;
}

/** The rules every built-in shares: the voice is the writer's, the format is the document's, the reply is text only. */
const SYSTEM = `You are an editor who rewrites a passage so that it still sounds exactly like the person who wrote it.
Keep the passage's language and its {{language}} formatting: links, emphasis, lists, headings and line breaks stay.
Reply with the rewritten passage only: no preface, no quotation marks, no comments, no code fences.`;

const PROMPT = `{{exemplars}}

{{preferences}}

Instruction: {{instruction}}

Text just before the passage, for context only:
{{before}}

The passage to rewrite:
<passage>
{{selection}}
</passage>

Text just after the passage, for context only:
{{after}}

Rewritten passage:`;

/** A template's source text, in the same form as a writer's own file, so built-ins double as examples. */
export function templateSource(name: string, description: string, instruction: string, temperature = 0.4): string {
  return `---\nname: ${name}\ndescription: ${description}\ntemperature: ${temperature}\n---\n[system]\n${SYSTEM}\n\n[prompt]\n${PROMPT.replace('{{instruction}}', instruction)}\n`;
}

interface BuiltIn {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly instruction: string;
  readonly temperature?: number;
}

const BUILT_INS: readonly BuiltIn[] = [
  {
    key: 'voice',
    name: 'In My Voice',
    description: 'Same meaning and length, written the way I write',
    instruction: "Rewrite the passage in the writer's own voice, as they would have written it on a good day. Keep its meaning and roughly its length.",
  },
  {
    key: 'shorter',
    name: 'Shorter',
    description: 'About half as long, nothing important lost',
    instruction: "Make the passage shorter, about half its length, keeping every point that matters and the writer's voice.",
  },
  {
    key: 'clearer',
    name: 'Clearer',
    description: 'Simpler sentences, concrete words',
    instruction: "Make the passage clearer: simpler sentences, concrete words, the main point first where it helps. Keep the writer's voice.",
  },
  {
    key: 'formal',
    name: 'More Formal',
    description: 'How I write for a formal reader',
    instruction: 'Make the passage more formal, the way this writer writes for a formal reader. Keep their meaning and their voice.',
  },
  {
    key: 'casual',
    name: 'More Casual',
    description: 'How I talk to a friend',
    instruction: 'Make the passage more casual and conversational, the way this writer talks to a friend. Keep their meaning.',
  },
  {
    key: 'grammar',
    name: 'Fix Grammar, Keep My Voice',
    description: 'Spelling, grammar and punctuation only',
    instruction: "Fix spelling, grammar and punctuation only. Change nothing else: keep the writer's words, rhythm and voice.",
    temperature: 0.1,
  },
];

/** The preset run by "Rewrite Selection in My Voice". */
export const DEFAULT_PRESET_ID = 'builtin:voice';

/** The template behind "Custom instruction…": the writer's words go where a preset's instruction would. */
export const CUSTOM_INSTRUCTION_PRESET = builtIn({
  key: 'custom',
  name: 'Custom Instruction',
  description: 'Your own instruction',
  instruction: '{{instruction}}',
});

export const BUILT_IN_PRESETS: readonly RewritePreset[] = BUILT_INS.map(builtIn);

export function builtInPreset(id: string): RewritePreset | undefined {
  return [...BUILT_IN_PRESETS, CUSTOM_INSTRUCTION_PRESET].find((preset) => preset.id === id);
}

function builtIn(spec: BuiltIn): RewritePreset {
  const parsed = parseTemplate(templateSource(spec.name, spec.description, spec.instruction, spec.temperature), spec.name);
  // Built-ins are tested to parse; a failure here is a bug in this file, not something a writer can fix.
  if (!parsed.ok) throw new Error(`Built-in preset ${spec.key} is invalid: ${parsed.problems[0].message}`);
  return { id: `builtin:${spec.key}`, template: parsed.template, builtIn: true };
}

/** What "New Rewrite Preset" writes into a fresh file: a working template to edit. */
export function newPresetSource(): string {
  return templateSource(
    'My Preset',
    'What this preset does, in a few words',
    'Describe the change you want here, e.g. "Make it warmer, with one concrete example."',
  );
}
