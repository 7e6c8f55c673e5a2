import { FUNCTION_WORDS } from '../style/features';

const TOKEN = /[\p{L}\p{N}']+/gu;

/** Lower-cased runs of Unicode letters, digits and apostrophes: the token the metrics and the scorer agree on. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export function countWords(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

/** Words too common to say what a passage is about; they never enter a lexical query. */
const COMMON_WORDS = new Set<string>([
  ...FUNCTION_WORDS,
  ...`am being get got getting go going gone went make made one two more most other such only own same too any each few
  both over under again further once out up down off above below before after between through during while until
  against nor whom whose where yours yourself ourselves himself herself itself themselves his her him hers theirs
  mine myself us let lets it's i'm i've i'd i'll you're you've don't doesn't didn't isn't wasn't aren't can't won't
  couldn't wouldn't shouldn't that's there's what's thats dont im ive cant wont didnt doesnt isnt now even still much
  many well back way thing things something anything nothing everything know think say said see want like use used
  using new time year years day days good great little lot lots really pretty yeah ok okay oh yes go though however
  since yet ever never always often already every anyway maybe perhaps around thus hence per via etc e g i e
  one's we're they're he's she's we've they've we'll they'll you'll he'd she'd we'd they'd urllink`.split(/\s+/),
]);

export function isCommonWord(token: string): boolean {
  return COMMON_WORDS.has(token) || token.length < 2 || /^\d+$/.test(token);
}
