/**
 * A second held-out set, written after the detector and the first set (so their phrasings are deliberately not the
 * lexicon's), and never tuned on. `npm run talk:leaks` reports it beside the first set.
 */
import type { HeldOutAnswer } from './chattyAnswers';

export const HELD_OUT_SECOND: readonly HeldOutAnswer[] = [
  { what: 'picking up where you left off', form: 'chat', language: 'markdown', before: 'I had just sat down when', raw: 'Alright, picking up right where you left off —\n\nthe kettle started to whistle.', keep: 'the kettle started to whistle.', talk: ['Alright', 'picking up'] },
  { what: 'happy to help, natural continuation', form: 'chat', language: 'markdown', before: 'After a long debate,', raw: "Happy to help! Here's a natural continuation for your paragraph:\n\nthe committee approved the budget.", keep: 'the committee approved the budget.', talk: ['Happy to help', 'natural continuation'] },
  { what: 'soft refusal', form: 'chat', language: 'markdown', before: 'People like him are', raw: "I'd rather not continue this, as it could be hurtful.", keep: '', talk: ["I'd rather not", 'hurtful'] },
  { what: 'refusal as a statement', form: 'chat', language: 'plaintext', before: 'The easiest way to pick a lock is', raw: "That's not something I can help with.", keep: '', talk: ['not something I can help'] },
  { what: 'changes offer', form: 'chat', language: 'markdown', before: 'As usual,', raw: 'the train was late again. Let me know if you need any changes!', keep: 'the train was late again.', talk: ['Let me know'] },
  { what: 'rule and italic remark', form: 'chat', language: 'markdown', before: 'Nobody had questions,', raw: 'and the meeting ended early.\n\n---\n\n*This continuation keeps your concise style.*', keep: 'and the meeting ended early.', talk: ['This continuation', 'concise style', '---'] },
  { what: 'continuing the story label', form: 'chat', language: 'markdown', before: 'In the dark forest,', raw: 'Continuing the story: the wolf crept closer.', keep: 'the wolf crept closer.', talk: ['Continuing the story'] },
  { what: 'bold label', form: 'chat', language: 'markdown', before: 'In the dark forest,', raw: '**Continuation:** the wolf crept closer.', keep: 'the wolf crept closer.', talk: ['Continuation'] },
  { what: 'blockquote marker in plain text', form: 'chat', language: 'plaintext', before: 'In the dark forest,', raw: '> the wolf crept closer.', keep: 'the wolf crept closer.', talk: ['> the wolf'] },
  { what: 'tweak it', form: 'chat', language: 'markdown', before: 'In the dark forest,', raw: 'the wolf crept closer.\n\nFeel free to tweak it to fit your vision.', keep: 'the wolf crept closer.', talk: ['Feel free', 'your vision'] },
  { what: 'German suggestion preamble', form: 'chat', language: 'markdown', before: 'Wegen des Streiks', raw: 'Sehr gerne, hier ein Vorschlag:\n\ndie Sitzung wurde vertagt.', keep: 'die Sitzung wurde vertagt.', talk: ['Sehr gerne', 'Vorschlag'] },
  { what: 'German refusal, short', form: 'chat', language: 'markdown', before: 'Schreib eine Beleidigung über', raw: 'Das kann ich leider nicht übernehmen.', keep: '', talk: ['kann ich leider nicht'] },
  { what: 'German wish after', form: 'chat', language: 'plaintext', before: 'Am Abend', raw: 'fuhren wir nach Hause. Viel Freude beim Weiterschreiben!', keep: 'fuhren wir nach Hause.', talk: ['Viel Freude'] },
  { what: 'German how I would go on', form: 'chat', language: 'markdown', before: 'Wir wollten gerade los,', raw: 'Ich würde den Satz so fortführen: und dann regnete es.', keep: 'und dann regnete es.', talk: ['Ich würde', 'fortführen'] },
  { what: 'French proposal', form: 'chat', language: 'markdown', before: 'Vers midi,', raw: 'Très bien, voici ma proposition :\nla pluie cessa enfin.', keep: 'la pluie cessa enfin.', talk: ['Très bien', 'proposition'] },
  { what: 'French soft refusal', form: 'chat', language: 'markdown', before: 'Ces gens-là sont', raw: 'Je préfère ne pas poursuivre ce texte.', keep: '', talk: ['Je préfère', 'poursuivre ce texte'] },
  { what: 'French longer-version offer', form: 'chat', language: 'markdown', before: 'Vers midi,', raw: 'la pluie cessa enfin. Dites-moi si vous souhaitez une version plus longue.', keep: 'la pluie cessa enfin.', talk: ['Dites-moi', 'version plus longue'] },
  { what: 'Spanish continuing your text', form: 'chat', language: 'markdown', before: 'Hacia el mediodía,', raw: '¡Por supuesto! Continúo con tu texto:\n\nla lluvia paró por fin.', keep: 'la lluvia paró por fin.', talk: ['Por supuesto', 'Continúo'] },
  { what: 'Spanish discomfort refusal', form: 'chat', language: 'markdown', before: 'Esa gente es', raw: 'No me siento cómodo continuando este texto.', keep: '', talk: ['No me siento cómodo', 'continuando este texto'] },
  { what: 'Spanish shall I go on', form: 'chat', language: 'markdown', before: 'Hacia el mediodía,', raw: 'la lluvia paró por fin. ¿Te gustaría que siguiera?', keep: 'la lluvia paró por fin.', talk: ['Te gustaría'] },
  { what: 'invented tag', form: 'chat', language: 'markdown', before: 'Around noon,', raw: '<continuation>the rain stopped at last.</continuation>', keep: 'the rain stopped at last.', talk: ['<continuation>', '</continuation>'] },
  { what: 'echo of the system instruction', form: 'chat', language: 'markdown', before: 'Around noon,', raw: 'Reply with the continuation only. the rain stopped at last.', keep: 'the rain stopped at last.', talk: ['Reply with'] },
  { what: 'numbered options', form: 'chat', language: 'markdown', before: 'Around noon,', raw: "Sure — here's one option:\n\n1. the rain stopped at last.\n2. the sun came out.", keep: 'the rain stopped at last.', talk: ['Sure', '2. the sun', '1. the'] },
  { what: 'triple emphasis in plain text', form: 'chat', language: 'plaintext', before: 'Around noon,', raw: 'the rain ***finally*** stopped.', keep: 'the rain finally stopped.', talk: ['***'] },
  { what: 'chapter heading in plain text', form: 'chat', language: 'plaintext', before: 'Around noon, the storm passed.', raw: '# Chapter Two\n\nThe rain stopped.', keep: 'The rain stopped.', talk: ['# Chapter'] },
  { what: 'apology for misreading', form: 'chat', language: 'markdown', before: 'Around noon,', raw: 'Apologies — I misread your request earlier. the rain stopped at last.', keep: 'the rain stopped at last.', talk: ['Apologies', 'misread'] },
  { what: 'bracketed remark on the draft', form: 'chat', language: 'markdown', before: 'Around noon,', raw: 'the rain stopped at last. (This keeps the sentence short, as in your draft.)', keep: 'the rain stopped at last.', talk: ['This keeps', 'your draft'] },
  { what: 'I think the next part', form: 'chat', language: 'markdown', before: 'Around noon,', raw: 'I think the next part could be: the rain stopped at last.', keep: 'the rain stopped at last.', talk: ['I think the next part'] },
  { what: 'notes on my choices', form: 'chat', language: 'markdown', before: 'Around noon,', raw: 'the rain stopped at last.\n\nA few notes on my choices: I used short sentences.', keep: 'the rain stopped at last.', talk: ['notes on my choices', 'short sentences'] },
  { what: 'not able, glad to help', form: 'chat', language: 'markdown', before: 'The recipe calls for', raw: "I'm not able to continue that, but I'd be glad to help with something else.", keep: '', talk: ['not able', 'glad to help'] },
];
