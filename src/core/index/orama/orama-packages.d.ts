// The project resolves modules the Node 10 way, which does not read package "exports"; these subpaths are
// declared here with the types their packages ship.
declare module '@orama/stemmers/*' {
  export function stemmer(word: string): string;
}
declare module '@orama/stopwords/*' {
  export const stopwords: string[];
}
