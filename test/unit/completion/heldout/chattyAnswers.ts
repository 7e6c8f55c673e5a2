/**
 * Held-out chatty answers: written before the talk detector, and never used to tune it. `npm run talk:leaks` runs the
 * cleaner over them and counts how many still leak talk, scaffolding, refusals or foreign markup into the ghost text.
 * Do not add rows here to make a failure pass; add it to the awkward-output table in cleaning.test.ts instead.
 */
import type { PromptForm } from '../../../../src/core/completion/types';

export interface HeldOutAnswer {
  readonly what: string;
  readonly form: PromptForm;
  /** VS Code language id of the document. */
  readonly language: string;
  readonly before: string;
  readonly after?: string;
  readonly raw: string;
  /** The writer's words that should be shown ('' when nothing should be). */
  readonly keep: string;
  /** Fragments that must never reach the writer (checked against the end of the text before plus the suggestion). */
  readonly talk: readonly string[];
}

export const HELD_OUT: readonly HeldOutAnswer[] = [
  { what: 'acknowledgement and announcement', form: 'chat', language: 'markdown', before: 'We stayed on the rocks until', raw: 'Absolutely! Continuing from where you left off:\n\nthe tide came in faster than we expected.', keep: 'the tide came in faster than we expected.', talk: ['Absolutely', 'Continuing from'] },
  { what: 'plain refusal', form: 'chat', language: 'markdown', before: 'The report concludes that', raw: "I'm sorry, but I can't help with continuing this text.", keep: '', talk: ['sorry', "can't help"] },
  { what: 'AI disclaimer before a continuation', form: 'chat', language: 'plaintext', before: 'The quarterly review was', raw: "As an AI language model, I don't have personal experiences, but here's a possible continuation: postponed until March.", keep: 'postponed until March.', talk: ['AI language model', 'possible continuation'] },
  { what: 'note in brackets after the answer', form: 'chat', language: 'markdown', before: 'When we got home,', raw: 'the bread was still warm. (I kept the sentence short to match your style.)', keep: 'the bread was still warm.', talk: ['I kept', 'your style'] },
  { what: 'sign-off and offer after a blank line', form: 'chat', language: 'markdown', before: 'We looked at each other', raw: "and nobody said a word.\n\nHope this helps! Let me know if you'd like more.", keep: 'and nobody said a word.', talk: ['Hope this helps', 'Let me know'] },
  { what: 'echo of the opening text tag', form: 'chat', language: 'markdown', before: 'On the last morning', raw: '<text>\nwe packed the car before dawn.', keep: 'we packed the car before dawn.', talk: ['<text>'] },
  { what: 'echo of the instruction label', form: 'chat', language: 'markdown', before: 'In June', raw: 'Continue this text from exactly where it stops: the garden was full of bees.', keep: 'the garden was full of bees.', talk: ['Continue this text'] },
  { what: 'echo of the exemplar section only', form: 'chat', language: 'markdown', before: 'Mornings are', raw: 'Passages the writer wrote earlier, showing their voice:\n<passage>\nI like mornings.\n</passage>', keep: '', talk: ['Passages the writer', '<passage>'] },
  { what: 'statement about the passage first', form: 'chat', language: 'markdown', before: 'We rowed out to the middle.', raw: 'This passage has a calm, reflective tone. The lake was perfectly still.', keep: 'The lake was perfectly still.', talk: ['This passage', 'reflective tone'] },
  { what: 'compliment to the writer first', form: 'chat', language: 'markdown', before: 'At the festival', raw: 'You write with a lovely eye for detail! the lanterns swayed in the wind.', keep: 'the lanterns swayed in the wind.', talk: ['You write', 'eye for detail'] },
  { what: 'offer to go on', form: 'chat', language: 'markdown', before: 'At last', raw: 'the train pulled out of the station. Would you like me to continue the story?', keep: 'the train pulled out of the station.', talk: ['Would you like', 'continue the story'] },
  { what: 'bold answer in plain text', form: 'chat', language: 'plaintext', before: 'She opened the door and', raw: '**found the room empty.**', keep: 'found the room empty.', talk: ['**'] },
  { what: 'bold word in Markdown joins no word', form: 'chat', language: 'markdown', before: 'It was', raw: '**absolutely** freezing outside.', keep: 'freezing outside.', talk: ['was**'] },
  { what: 'list marker in plain text', form: 'chat', language: 'plaintext', before: 'Things to bring: a tent, a stove and', raw: '- a warm sleeping bag.', keep: 'a warm sleeping bag.', talk: ['- a warm'] },
  { what: 'heading the writer did not start', form: 'chat', language: 'markdown', before: 'The results were clear:', raw: '## Results\nthe new method was faster.', keep: 'the new method was faster.', talk: ['## Results'] },
  { what: 'German preamble', form: 'chat', language: 'markdown', before: 'Am Sonntag fuhren wir', raw: 'Gerne! Hier ist die Fortsetzung deines Textes:\n\nan den See und badeten bis zum Abend.', keep: 'an den See und badeten bis zum Abend.', talk: ['Gerne', 'Fortsetzung'] },
  { what: 'German refusal', form: 'chat', language: 'markdown', before: 'Der Vertrag endet', raw: 'Es tut mir leid, aber ich kann diesen Text nicht fortsetzen.', keep: '', talk: ['tut mir leid', 'nicht fortsetzen'] },
  { what: 'German note after the answer', form: 'chat', language: 'plaintext', before: 'Nach dem Essen', raw: 'gingen wir noch eine Runde spazieren. Ich habe versucht, deinen lockeren Ton beizubehalten.', keep: 'gingen wir noch eine Runde spazieren.', talk: ['Ich habe versucht', 'Ton'] },
  { what: 'German AI disclaimer only', form: 'chat', language: 'markdown', before: 'Meine Meinung dazu:', raw: 'Als KI habe ich keine eigene Meinung, aber ich kann dir helfen, deine Gedanken zu formulieren.', keep: '', talk: ['Als KI', 'helfen'] },
  { what: 'German offer after a blank line', form: 'chat', language: 'markdown', before: 'Die Kinder schliefen schon, als', raw: 'wir endlich nach Hause kamen.\n\nSoll ich noch einen Absatz schreiben?', keep: 'wir endlich nach Hause kamen.', talk: ['Soll ich', 'Absatz schreiben'] },
  { what: 'French preamble', form: 'chat', language: 'markdown', before: 'Ce matin-là, nous', raw: 'Bien sûr ! Voici la suite :\nsommes partis avant l\'aube.', keep: "sommes partis avant l'aube.", talk: ['Bien sûr', 'Voici la suite'] },
  { what: 'French refusal', form: 'chat', language: 'markdown', before: 'Le rapport montre que', raw: 'Désolé, je ne peux pas compléter ce texte.', keep: '', talk: ['Désolé', 'ne peux pas'] },
  { what: 'French sign-off', form: 'chat', language: 'markdown', before: 'Le soir tombait et', raw: "la ville s'illuminait peu à peu. J'espère que cette suite vous plaît !", keep: "la ville s'illuminait peu à peu.", talk: ["J'espère", 'cette suite'] },
  { what: 'Spanish preamble', form: 'chat', language: 'markdown', before: 'Después de la cena,', raw: '¡Claro! Aquí tienes una continuación:\n\nsalimos a caminar por la playa.', keep: 'salimos a caminar por la playa.', talk: ['Claro', 'Aquí tienes'] },
  { what: 'Spanish refusal', form: 'chat', language: 'markdown', before: 'El informe indica que', raw: 'Lo siento, pero no puedo ayudarte con eso.', keep: '', talk: ['Lo siento', 'no puedo'] },
  { what: 'Spanish note', form: 'chat', language: 'plaintext', before: 'La casa estaba vacía y', raw: 'el silencio lo llenaba todo. Nota: mantuve el tono melancólico del texto original.', keep: 'el silencio lo llenaba todo.', talk: ['Nota', 'tono melancólico'] },
  { what: 'announcement then quoted answer', form: 'chat', language: 'markdown', before: 'Nobody slept because', raw: 'Here\'s how I\'d continue it: "the dogs barked all night."', keep: 'the dogs barked all night.', talk: ['how I\'d continue', '"the dogs'] },
  { what: 'several options offered', form: 'chat', language: 'markdown', before: 'By the afternoon', raw: 'Option 1: the sky cleared by noon.\nOption 2: the rain kept on.', keep: 'the sky cleared by noon.', talk: ['Option 1', 'Option 2'] },
  { what: 'italic word in plain text', form: 'chat', language: 'plaintext', before: 'I had never felt so', raw: '*utterly* alone in my life.', keep: 'alone in my life.', talk: ['*utterly*'] },
  { what: 'acknowledgement with a dash', form: 'chat', language: 'markdown', before: 'The invitation said that', raw: 'Sure thing — the guests would arrive at eight.', keep: 'the guests would arrive at eight.', talk: ['Sure thing'] },
  { what: 'apology then the answer', form: 'chat', language: 'markdown', before: 'When I got there,', raw: 'Apologies for any confusion. the shop had closed early that day.', keep: 'the shop had closed early that day.', talk: ['Apologies', 'confusion'] },
  { what: 'statement about the work only', form: 'chat', language: 'markdown', before: 'Looking back, I think', raw: "I've continued the text in the same reflective voice.", keep: '', talk: ["I've continued", 'reflective voice'] },
  { what: 'echo of the after label', form: 'chat', language: 'markdown', before: 'We left at', after: ' dawn.', raw: 'What already follows the cursor (do not repeat it): six, before dawn.', keep: 'six, before', talk: ['What already follows', 'do not repeat'] },
  { what: 'markdown list the writer started stays a list', form: 'chat', language: 'markdown', before: 'Why it works:\n\n- fast startup\n- ', raw: 'small memory footprint', keep: 'small memory footprint', talk: [] },
];
