// What chat models say around an answer, per language: the chatty persona's phrase book.

export type Language = 'en' | 'de' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'fr'];

export interface PhraseBook {
  preambles: readonly string[];
  refusals: readonly string[];
  /** Offered after a refusal, or as a sign-off. */
  offers: readonly string[];
  notes: readonly string[];
  signoffs: readonly string[];
  /** Labels a model puts before its answer when the prompt had none to echo. */
  labels: readonly string[];
}

export const PHRASES: Readonly<Record<Language, PhraseBook>> = {
  en: {
    preambles: [
      'Here you go!',
      'Sure! Continuing in your voice:',
      'Certainly.',
      "Of course! Here's the continuation:",
      'Absolutely — here is the next part:',
      "Great start! Here's how it might continue:",
      'Here is a continuation that matches your style:',
    ],
    refusals: [
      "I'm sorry, but I can't continue this text.",
      "As an AI language model, I don't have personal experiences, so I can't write as you would.",
      "I'm unable to help with that request.",
      "Unfortunately, I can't write in someone else's voice.",
      'I apologize, but I cannot complete this passage.',
    ],
    offers: ['Would you like me to help with something else?', 'I can summarize the text instead, if that helps.'],
    notes: [
      'I kept your tone casual.',
      '(Note: I matched the style of your earlier passages.)',
      'I tried to keep the same rhythm as your writing.',
      'This continues the thought without repeating what follows.',
    ],
    signoffs: ["Let me know if you'd like more!", 'Hope this helps!', 'Would you like me to continue?', 'Happy writing!'],
    labels: ['Continuation:', 'Response:', 'Next words:'],
  },
  de: {
    preambles: ['Gerne! Hier ist die Fortsetzung:', 'Natürlich.', 'Hier bitte:', 'Klar! So könnte es weitergehen:', 'Selbstverständlich, in Ihrem Stil:'],
    refusals: [
      'Es tut mir leid, aber ich kann diesen Text nicht fortsetzen.',
      'Als KI-Sprachmodell habe ich keine persönlichen Erfahrungen und kann nicht wie Sie schreiben.',
      'Leider kann ich bei dieser Anfrage nicht helfen.',
    ],
    offers: ['Kann ich Ihnen anders helfen?', 'Ich kann den Text stattdessen zusammenfassen.'],
    notes: ['Ich habe Ihren lockeren Ton beibehalten.', '(Hinweis: Ich habe den Stil Ihrer früheren Texte übernommen.)', 'Der Rhythmus entspricht Ihrem Text.'],
    signoffs: ['Sagen Sie Bescheid, wenn Sie mehr möchten!', 'Ich hoffe, das hilft!', 'Soll ich weiterschreiben?'],
    labels: ['Fortsetzung:', 'Antwort:'],
  },
  fr: {
    preambles: ['Bien sûr ! Voici la suite :', 'Voici :', 'Avec plaisir. Je continue dans votre style :', 'Certainement.'],
    refusals: [
      'Je suis désolé, mais je ne peux pas continuer ce texte.',
      "En tant que modèle de langage IA, je n'ai pas d'expériences personnelles et je ne peux pas écrire à votre place.",
      'Malheureusement, je ne peux pas répondre à cette demande.',
    ],
    offers: ['Puis-je vous aider autrement ?', 'Je peux plutôt résumer le texte.'],
    notes: ["J'ai gardé votre ton décontracté.", "(Remarque : j'ai imité le style de vos passages précédents.)", "J'ai conservé le rythme de votre texte."],
    signoffs: ["N'hésitez pas si vous en voulez plus !", "J'espère que cela vous aide !", 'Voulez-vous que je continue ?'],
    labels: ['Suite :', 'Réponse :'],
  },
};
