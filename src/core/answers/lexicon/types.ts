/**
 * The kinds of phrase that mark a model talking about the task instead of writing the writer's next words. Each
 * language lists its own phrases; a clause is judged by which kinds it contains and where it stands (talk.ts).
 *
 * Phrase syntax: lower case; a space matches any run of spaces; `'` matches either apostrophe; a word ending in `*`
 * matches any word with that beginning; a lone `…` matches up to four words.
 */
export type Cue =
  /** Opens a reply: "Sure", "Gerne", "Bien sûr". Talk only as a clause of its own at the head. */
  | 'acknowledgement'
  /** Introduces what follows: "here is", "voici". */
  | 'announcement'
  | 'apology'
  /** What chat models apologise for: "confusion", "Missverständnis". */
  | 'apologyObject'
  /** "can't", "kann … nicht": a refusal once it meets a task verb or an apology. */
  | 'inability'
  | 'taskVerb'
  /** The model speaking of itself: "as an AI", "Sprachmodell". Talk wherever it appears. */
  | 'assistant'
  /** Words for the writing and the task: "text", "continuation", "tone", "Fortsetzung". */
  | 'taskNoun'
  /** A task noun as the subject of a remark: "this passage", "ce texte". Talk at a clause's start. */
  | 'taskSubject'
  | 'secondPerson'
  /** What the model says it did: "I kept", "ich habe", "j'ai", "mantuve". */
  | 'assistantDid'
  | 'writingVerb'
  /** Praise of the writer's text: "lovely", "great", "magnifique". */
  | 'praise'
  /** Offers of more: "let me know", "soll ich", "n'hésitez pas". */
  | 'offer'
  | 'hope'
  /** What a sign-off hopes for: "helps", "gefällt", "plaît". */
  | 'helps'
  | 'signoff'
  /** A label that starts a note: "Note", "Hinweis", "Remarque", "Nota". */
  | 'noteLabel'
  /** A label that announces an answer or one of several: "Option", "Version", "Fortsetzung". */
  | 'answerLabel';

export type LanguageLexicon = Readonly<Partial<Record<Cue, readonly string[]>>>;
