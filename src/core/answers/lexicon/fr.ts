import type { LanguageLexicon } from './types';

export const FRENCH: LanguageLexicon = {
  acknowledgement: ['bien sûr', 'certainement', "d'accord", 'volontiers', 'avec plaisir', 'absolument', 'entendu', 'ok', 'parfait', 'pas de problème', 'très bien', 'bien entendu'],
  announcement: ['voici', 'voilà', 'ci-dessous', 'je continue', 'je poursuis', 'je vais continuer', 'en continuant', 'comme suit'],
  apology: ['désolé', 'désolée', "je m'excuse", 'toutes mes excuses', 'excusez-moi', 'pardon', 'malheureusement'],
  apologyObject: ['confusion', 'malentendu', 'erreur', 'oubli'],
  inability: ['ne peux pas', 'ne peux …', 'ne suis pas en mesure', 'impossible', 'ne suis pas autorisé', 'dois refuser', 'ne vais pas'],
  taskVerb: ['aider', 'continuer', 'compléter', 'poursuivre', 'écrire', 'réécrire', 'répondre', 'demande', 'satisfaire', 'terminer'],
  assistant: ["en tant qu'ia", "en tant qu'intelligence artificielle", 'une ia', 'modèle de langage', 'assistant ia', 'assistant virtuel', 'mes directives'],
  taskNoun: ['texte', 'passage', 'suite', 'histoire', 'paragraphe', 'phrase*', 'ton', 'style', 'voix', 'écriture', 'version', 'récit', 'extrait', 'réécriture', 'original', 'début', 'rythme'],
  taskSubject: ['ce texte', 'le texte', 'votre texte', 'ton texte', 'cette suite', 'la suite', 'ce passage', 'cette version', "l'original", 'le ton', 'votre style', 'votre voix', 'ce paragraphe'],
  secondPerson: ['vous', 'votre', 'vos', 'tu', 'ta', 'tes', 'toi', 'te', "t'"],
  assistantDid: ["j'ai", 'je me suis', "j'ai essayé", "j'ai gardé", "j'ai conservé"],
  writingVerb: ['écri*'],
  praise: ['quel', 'quelle', 'magnifique', 'superbe', 'joli*', 'belle', 'beau', 'excellent*', 'captivant*'],
  offer: ["n'hésitez pas", "n'hésite pas", 'si vous voulez', 'si tu veux', 'si vous le souhaitez', 'voulez-vous', 'veux-tu', 'souhaitez-vous', 'je peux aussi', 'dites-moi', 'dis-moi', 'faites-moi savoir', 'je peux plutôt', 'puis-je'],
  hope: ['espère', "j'espère"],
  helps: ['aide', 'utile', 'plaît', 'plaira', 'convient', 'convienne'],
  signoff: ['bonne écriture', 'bon courage', 'bonne chance', 'bonne continuation'],
  noteLabel: ['remarque', 'note', 'explication', 'modifications', 'n.b', 'commentaire'],
  answerLabel: ['option', 'version', 'variante', 'suite', 'réponse', 'résultat', 'proposition', 'texte', 'texte réécrit', 'version réécrite'],
};
