import * as assert from 'node:assert/strict';
import { scaffoldingOf } from '../../../src/core/answers';
import { cleanCompletion } from '../../../src/core/completion/cleaning';
import { buildPrompt } from '../../../src/core/completion/prompt';
import type { PromptForm } from '../../../src/core/completion/types';
import { CHAT_INFO, exemplar, settings } from './fakes';
import { promptParts } from './promptParts';

interface Row {
  readonly what: string;
  readonly before: string;
  readonly raw: string;
  readonly shown: string;
  readonly after?: string;
  readonly form?: PromptForm;
  /** VS Code language id of the document (default Markdown). */
  readonly language?: string;
}

const show = (row: Omit<Row, 'shown'>, scaffolding = scaffoldingOf([], [])) =>
  cleanCompletion(row.raw, { before: row.before, after: row.after ?? '' }, row.form ?? 'chat', { language: row.language ?? 'markdown', scaffolding });

/** Talk chat models put around (or instead of) the writer's next words: the tuning table, by category. */
const TALK: readonly Row[] = [
  // refusals: nothing is shown
  { what: 'refusal', before: 'The minutes record that', raw: "I'm sorry, but I can't continue this text.", shown: '' },
  { what: 'refusal without an apology', before: 'The minutes record that', raw: 'I am unable to help with this request.', shown: '' },
  { what: 'refusal with a reason', before: 'He reached for', raw: "I can't write that. It goes against my guidelines.", shown: '' },
  { what: 'refusal, then an offer', before: 'He reached for', raw: 'Unfortunately I cannot complete this passage. Would you like help with something else?', shown: '' },
  { what: 'German refusal', before: 'Im Protokoll steht, dass', raw: 'Leider kann ich dir dabei nicht helfen.', shown: '' },
  { what: 'German refusal, formal', before: 'Im Protokoll steht, dass', raw: 'Entschuldigung, ich kann diese Anfrage nicht erfüllen.', shown: '' },
  { what: 'French refusal', before: 'Le procès-verbal indique que', raw: 'Je suis désolé, mais je ne peux pas continuer ce texte.', shown: '' },
  { what: 'Spanish refusal', before: 'El acta dice que', raw: 'Lo siento, no puedo completar ese texto.', shown: '' },
  // the model speaking of itself
  { what: '"as an AI" alone', before: 'My favourite season is', raw: "As an AI, I don't have a favourite season.", shown: '' },
  { what: '"language model" before the words', before: 'The forecast said', raw: "I'm just a language model, but here goes: rain until Friday.", shown: ' rain until Friday.' },
  { what: 'German "als KI"', before: 'Mein Lieblingsessen ist', raw: 'Als KI esse ich nicht.', shown: '' },
  { what: 'French "en tant qu\'IA"', before: 'Mon plat préféré est', raw: "En tant qu'IA, je n'ai pas de plat préféré.", shown: '' },
  // apologies for the model's own doings
  { what: 'apology for confusion', before: 'The keys were', raw: 'Sorry for the confusion! on the kitchen table all along.', shown: ' on the kitchen table all along.' },
  { what: 'German apology for a mistake', before: 'Die Schlüssel lagen', raw: 'Entschuldige den Fehler. auf dem Küchentisch.', shown: ' auf dem Küchentisch.' },
  // preambles
  { what: 'bare "Of course!"', before: 'The dog', raw: 'Of course!\nbarked at the postman.', shown: ' barked at the postman.' },
  { what: '"I\'ll continue" announcement', before: 'The dog', raw: "I'll continue the text for you:\nbarked at the postman.", shown: ' barked at the postman.' },
  { what: 'announcement naming the voice', before: 'The dog', raw: 'Here is the next sentence in your voice: barked at the postman.', shown: ' barked at the postman.' },
  { what: 'acknowledgement, then a dash', before: 'The dog', raw: 'Got it — barked at the postman.', shown: ' barked at the postman.' },
  { what: 'German "Klar!" then announcement', before: 'Der Hund', raw: 'Klar! Hier ist die Fortsetzung:\nbellte den Briefträger an.', shown: ' bellte den Briefträger an.' },
  { what: 'German "Natürlich."', before: 'Der Hund', raw: 'Natürlich. bellte den Briefträger an.', shown: ' bellte den Briefträger an.' },
  { what: 'French "Voici"', before: 'Le chien', raw: 'Voici une continuation possible :\naboya contre le facteur.', shown: ' aboya contre le facteur.' },
  { what: 'Spanish "Por supuesto"', before: 'El perro', raw: 'Por supuesto. Aquí está el texto:\nle ladró al cartero.', shown: ' le ladró al cartero.' },
  { what: '"Here you go!"', before: 'Once upon a time', raw: 'Here you go! there was a fox.', shown: ' there was a fox.' },
  { what: 'praise of the start, then an announcement', before: 'Once upon a time', raw: "Great start! Here's how it might continue: there was a fox.", shown: ' there was a fox.' },
  { what: 'acknowledgement before a comma that continues the text', before: 'Once upon a time', raw: 'Certainly. , and a fox lived there.', shown: ', and a fox lived there.' },
  { what: 'German "Hier bitte:"', before: 'Es war einmal', raw: 'Hier bitte: ein Fuchs im Wald.', shown: ' ein Fuchs im Wald.' },
  { what: 'German "So könnte es weitergehen:"', before: 'Es war einmal', raw: 'Klar! So könnte es weitergehen:\n\nein Fuchs im Wald.', shown: ' ein Fuchs im Wald.' },
  { what: 'refusal that speaks of itself, then an offer', before: 'Once upon a time', raw: "As an AI language model, I can't write as you would. I can summarize the text instead, if that helps.", shown: '' },
  { what: 'German formal remark after the words', before: 'Es war einmal', raw: 'ein Fuchs im Wald. Der Rhythmus entspricht Ihrem Text.', shown: ' ein Fuchs im Wald.' },
  { what: 'heading after a preamble on the same line', before: 'Once upon a time', raw: 'Certainly. ## A fox\n\nlived in the wood.', shown: ' lived in the wood.' },
  // labels
  { what: 'label "Completion:"', before: 'The dog', raw: 'Completion: barked at the postman.', shown: ' barked at the postman.' },
  { what: 'numbered options keep the first', before: 'The dog', raw: 'Version 1: barked at the postman.\nVersion 2: slept all day.', shown: ' barked at the postman.' },
  { what: 'German label "Antwort:"', before: 'Der Hund', raw: 'Antwort: bellte den Briefträger an.', shown: ' bellte den Briefträger an.' },
  // statements about the text or the writer
  { what: 'remark on the text first', before: 'The ferry left at noon.', raw: 'The text sets a quiet scene. Gulls circled over the deck.', shown: ' Gulls circled over the deck.' },
  { what: 'praise of the writing', before: 'The ferry left at noon.', raw: 'What a vivid opening! Gulls circled over the deck.', shown: ' Gulls circled over the deck.' },
  { what: 'what the model did, after', before: 'The ferry left at', raw: 'noon. I matched your short sentences.', shown: ' noon.', },
  { what: 'German remark on the tone', before: 'Die Fähre legte', raw: 'um zwölf ab. Ich habe den ruhigen Ton deines Textes beibehalten.', shown: ' um zwölf ab.' },
  { what: 'French remark, after', before: 'Le ferry partit', raw: "à midi. J'ai gardé ton style sobre.", shown: ' à midi.' },
  { what: 'Spanish remark, after', before: 'El ferry salió', raw: 'a mediodía. He mantenido el tono de tu texto.', shown: ' a mediodía.' },
  // offers of more
  { what: 'offer after the words', before: 'We ate', raw: 'dinner on the balcony. Let me know if you want a longer version!', shown: ' dinner on the balcony.' },
  { what: 'offer of alternatives', before: 'We ate', raw: 'dinner on the balcony. I can also write a more formal version.', shown: ' dinner on the balcony.' },
  { what: 'German offer', before: 'Wir aßen', raw: 'auf dem Balkon. Möchtest du, dass ich weiterschreibe?', shown: ' auf dem Balkon.' },
  { what: 'French offer', before: 'Nous avons dîné', raw: "sur le balcon. N'hésitez pas si vous voulez une autre version.", shown: ' sur le balcon.' },
  { what: 'Spanish offer', before: 'Cenamos', raw: 'en el balcón. Si quieres, puedo continuar.', shown: ' en el balcón.' },
  // sign-offs
  { what: 'sign-off', before: 'We ate', raw: 'dinner on the balcony.\n\nHappy writing!', shown: ' dinner on the balcony.' },
  { what: 'hope it helps', before: 'We ate', raw: 'dinner on the balcony. I hope this fits what you had in mind.', shown: ' dinner on the balcony.' },
  { what: 'German sign-off', before: 'Wir aßen', raw: 'auf dem Balkon. Ich hoffe, das hilft dir weiter!', shown: ' auf dem Balkon.' },
  { what: 'Spanish sign-off', before: 'Cenamos', raw: 'en el balcón. ¡Espero que te guste!', shown: ' en el balcón.' },
  // notes
  { what: 'note label after the words', before: 'We ate', raw: 'dinner on the balcony.\nNote: I used British spelling.', shown: ' dinner on the balcony.' },
  { what: 'aside in brackets', before: 'We ate', raw: 'dinner on the balcony [continuing in your casual tone].', shown: ' dinner on the balcony' },
  { what: 'P.S. note', before: 'We ate', raw: 'dinner on the balcony. P.S. I kept it to one sentence.', shown: ' dinner on the balcony.' },
  { what: 'German note', before: 'Wir aßen', raw: 'auf dem Balkon. Hinweis: Ich habe den Satz kurz gehalten.', shown: ' auf dem Balkon.' },
  { what: 'French note', before: 'Nous avons dîné', raw: 'sur le balcon. Remarque : la phrase reste courte.', shown: ' sur le balcon.' },
  // markup the document would not have
  { what: 'bold answer in plain text', language: 'plaintext', before: 'The box held', raw: '**three old letters.**', shown: ' three old letters.' },
  { what: 'bold word in plain text', language: 'plaintext', before: 'The box held', raw: 'three **very** old letters.', shown: ' three very old letters.' },
  { what: 'underscore italics in plain text', language: 'plaintext', before: 'The box held', raw: '_three_ old letters.', shown: ' three old letters.' },
  { what: 'bold answer in Markdown joins with a space', before: 'The box held', raw: '**three old letters.**', shown: ' three old letters.' },
  { what: 'Markdown bold the writer uses stays, with a space', before: 'I **never** lie, and the box held', raw: '**three** old letters.', shown: ' **three** old letters.' },
  { what: 'closing the writer\'s own bold stays', before: 'The box held **three', raw: ' old letters**.', shown: ' old letters**.' },
  { what: 'list marker mid-line', before: 'The box held', raw: '- three old letters.', shown: ' three old letters.' },
  { what: 'numbered marker in plain text', language: 'plaintext', before: 'The box held', raw: '1. three old letters.', shown: ' three old letters.' },
  { what: 'next item of the writer\'s Markdown list stays', before: 'Packing:\n\n- a torch\n', raw: '- spare batteries', shown: '- spare batteries' },
  { what: 'heading the writer did not start', before: 'The box held', raw: '### Contents\nthree old letters.', shown: ' three old letters.' },
  { what: 'heading at a line start where the writer has headings stays', before: '# Trip\n\nWe left early.\n\n', raw: '## Day two', shown: '## Day two' },
  { what: 'German bold in plain text', language: 'plaintext', before: 'In der Kiste lagen', raw: '**drei alte Briefe.**', shown: ' drei alte Briefe.' },
];

/** The writer's own words that look like talk: they must stay. */
const WRITERS_WORDS: readonly Row[] = [
  { what: 'dialogue the writer opened may apologise', before: 'She shook her head. "', raw: "I'm sorry, I can't come tonight.", shown: "I'm sorry, I can't come tonight." },
  { what: 'a line of dialogue closed by a quotation mark is not a refusal', before: 'The dog looked at the fox.', raw: ' We cannot help!" said the owl.', shown: ' We cannot help!" said the owl.' },
  { what: 'a character who cannot do something is not a refusal', before: 'The girl looked at her father.', raw: "Jacky can't do that to his daughter. It was a problem.", shown: " Jacky can't do that to his daughter. It was a problem." },
  { what: 'a German character who cannot help is not a refusal', before: 'Der Hund sah den Fuchs an.', raw: 'Der Fuchs kann ihm nicht helfen. Er lief davon.', shown: ' Der Fuchs kann ihm nicht helfen. Er lief davon.' },
  { what: 'a letter to the reader may offer help', before: 'Dear Sam,\n\nThanks for your note. If you need anything, let me know. We', raw: 'can meet on Friday. Let me know if that works for you.', shown: ' can meet on Friday. Let me know if that works for you.' },
  { what: 'hope about the world is prose', before: 'The clouds came in.', raw: 'I hope the rain holds off until we get home.', shown: ' I hope the rain holds off until we get home.' },
  { what: '"can\'t" about life is prose', before: 'After the move,', raw: "I can't believe how quiet the house is.", shown: " I can't believe how quiet the house is." },
  { what: 'a writer writing about texts keeps their subject', before: 'My essay looks at how the text of the treaty changed. In 1921', raw: 'the text was shortened by a third.', shown: ' the text was shortened by a third.' },
  { what: 'a base model\'s "Here is" is prose', form: 'raw', before: 'Directions.', raw: ' Here is the road: turn left at the mill.', shown: ' Here is the road: turn left at the mill.' },
  { what: 'a German writer\'s "natürlich" inside a sentence', before: 'Wir kamen', raw: 'natürlich zu spät.', shown: ' natürlich zu spät.' },
  { what: 'underscore emphasis the writer uses stays', before: 'It was _so_ cold, and', raw: 'we were _very_ late.', shown: ' we were _very_ late.' },
  { what: 'Markdown emphasis the writer uses is kept in a plain word', before: 'It was *so* cold, and', raw: 'we were *very* late.', shown: ' we were *very* late.' },
];

describe('answers: talk, refusals and foreign markup never reach the ghost text (table by category)', () => {
  for (const row of TALK) it(row.what, () => assert.equal(show(row), row.shown));
});

describe('answers: the writer\'s own words that look like talk stay', () => {
  for (const row of WRITERS_WORDS) it(row.what, () => assert.equal(show(row), row.shown));
});

describe('answers: echoes of the prompt\'s own scaffolding are never shown', () => {
  const before = 'We walked down to the harbour and';
  const after = '\n\nLater that day we ate.';
  const exemplars = [exemplar('e1', 'I like the sea in winter.'), exemplar('e2', 'Boats are best at dawn.')];
  const prompt = buildPrompt({ info: CHAT_INFO, context: { before, after }, exemplars, settings: settings() }).request;
  const scaffolding = scaffoldingOf(promptParts(prompt), [before, after, ...exemplars.map((e) => e.passage.text)]);
  const labels = promptParts(prompt).join('\n').replace(/<\|[^|>\s]*\|>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /\p{L}.*\p{L}/u.test(line) && line.split(/\s+/).length >= 3 && !before.includes(line) && !after.includes(line) && !exemplars.some((e) => e.passage.text.includes(line)));

  it('the prompt has labels to echo', () => assert.ok(labels.length >= 3, JSON.stringify(labels)));
  for (const label of labels) {
    it(`an answer opening with "${label.slice(0, 40)}"`, () => {
      assert.equal(show({ what: '', before, after, raw: `${label}\nwatched the boats.` }, scaffolding), ' watched the boats.');
    });
    it(`an answer closing with "${label.slice(0, 40)}"`, () => {
      assert.equal(show({ what: '', before, after, raw: `watched the boats.\n${label}`, form: 'chat' }, scaffolding), ' watched the boats.');
    });
  }
  for (const tag of [...new Set([...promptParts(prompt).join('\n').matchAll(/<\/?([a-z]+)>/g)].map((m) => m[1]))]) {
    it(`the <${tag}> tag`, () => {
      assert.equal(show({ what: '', before, after, raw: `<${tag}>\nwatched the boats.</${tag}>\nmore` }, scaffolding), ' watched the boats.');
    });
  }
  it('an answer that is only an echo of the prompt shows nothing', () => {
    const echo = labels.slice(0, 2).join('\n');
    assert.equal(show({ what: '', before, after, raw: echo }, scaffolding), '');
  });
  it('a chat template\'s special token ends the answer', () => {
    assert.equal(show({ what: '', before, after, raw: 'watched the boats.<|eot_id|><|start_header_id|>user' }, scaffolding), ' watched the boats.');
  });
  it('the exemplar separator of a continuation prompt ends a base model\'s answer', () => {
    const raw = buildPrompt({ info: { ...CHAT_INFO, template: '{{ .Prompt }}' }, context: { before, after: '' }, exemplars, settings: settings() }).request;
    const base = scaffoldingOf(promptParts(raw), [before, ...exemplars.map((e) => e.passage.text)]);
    assert.ok(base.separators.length > 0, 'the continuation prompt has a separator');
    assert.equal(show({ what: '', before, raw: ` watched the boats.\n${base.separators[0]}\nI like`, form: 'raw' }, base), ' watched the boats.');
  });
});
