/**
 * A file or model name with its direction controls shown as code points: in a name they only serve to disguise it
 * (`harbour\u202Edm.exe` reads as "harbourexe.md").
 */
export function visibleName(name: string): string {
  return name.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}
