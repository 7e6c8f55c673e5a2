import type { LanguageLexicon } from './types';

export const GERMAN: LanguageLexicon = {
  acknowledgement: ['hier bitte', 'bitte schön', 'bitte sehr', 'gerne', 'gern', 'natürlich', 'klar', 'na klar', 'sicher', 'selbstverständlich', 'alles klar', 'okay', 'verstanden', 'kein problem', 'aber gerne', 'sehr gerne', 'mit vergnügen'],
  announcement: ['hier ist', 'hier sind', 'hier kommt', 'hier die', 'hier eine', 'im folgenden', 'ich setze', 'ich schreibe', 'ich führe', "weiter geht's", 'wie folgt'],
  apology: ['tut mir leid', 'entschuldigung', 'entschuldige', 'entschuldigen sie', 'bedaure', 'leider'],
  apologyObject: ['missverständnis', 'verwirrung', 'fehler', 'versehen', 'unannehmlichkeit*'],
  inability: ['kann … nicht', 'nicht möglich', 'darf … nicht', 'nicht in der lage', 'muss ablehnen', 'lehne … ab', 'werde … nicht'],
  taskVerb: ['helfen', 'weiter*', 'fortsetz*', 'fortführ*', 'weiterschreib*', 'schreiben', 'umschreib*', 'vervollständig*', 'erfüllen', 'bearbeiten', 'dabei', 'damit', 'anfrage', 'ergänzen'],
  assistant: ['als ki', 'eine ki', 'als sprachmodell', 'sprachmodell', 'ki-assistent', 'ki-modell', 'künstliche intelligenz', 'meine richtlinien'],
  taskNoun: ['text*', 'passage', 'fortsetzung', 'geschichte', 'absatz', 'satz', 'sätze', 'ton', 'tonfall', 'stil', 'schreibstil', 'stimme', 'entwurf', 'version', 'original', 'abschnitt', 'formulierung*', 'anfang', 'einstieg', 'rhythmus'],
  taskSubject: ['dieser text', 'der text', 'dein text', 'deinen text', 'ihr text', 'die fortsetzung', 'diese fortsetzung', 'diese version', 'das original', 'der ton', 'den ton', 'deinen stil', 'deinen ton', 'dieser absatz', 'diese passage'],
  secondPerson: ['du', 'dein*', 'dir', 'dich', 'euch', 'euer', 'ihnen'],
  assistantDid: ['ich habe', 'habe ich', 'ich hab'],
  writingVerb: ['schreib*', 'geschrieben'],
  praise: ['was für', 'toll*', 'schön*', 'wunderbar*', 'großartig*', 'gelungen*', 'spannend*'],
  offer: ['lass mich wissen', 'lassen sie mich wissen', 'sag bescheid', 'sagen sie bescheid', 'wenn du möchtest', 'wenn sie möchten', 'falls du', 'falls sie', 'möchtest du', 'möchten sie', 'soll ich', 'ich kann auch', 'ich kann gerne', 'melde dich', 'weitere vorschläge', 'stattdessen', 'kann ich ihnen'],
  hope: ['hoffe', 'hoffentlich'],
  helps: ['hilft', 'hilfreich', 'gefällt', 'passt', 'weiterhilft', 'nützlich'],
  signoff: ['viel spaß', 'viel erfolg', 'frohes schreiben', 'viel freude'],
  noteLabel: ['hinweis', 'anmerkung', 'notiz', 'erklärung', 'änderungen', 'bemerkung', 'tipp'],
  answerLabel: ['option', 'version', 'variante', 'alternative', 'fortsetzung', 'antwort', 'ergebnis', 'vorschlag', 'text', 'überarbeitung', 'überarbeitete fassung', 'neufassung'],
};
