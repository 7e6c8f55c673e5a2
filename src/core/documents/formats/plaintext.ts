import { BlockCollector, ProseBlock, paragraphsOf } from '../prose';

/** Plain text: paragraphs are separated by blank lines; nothing else to remove but URLs. */
export function plainTextToProse(source: string): ProseBlock[] {
  const out = new BlockCollector();
  for (const p of paragraphsOf(source.split(/\r?\n/))) out.paragraph(p.text, p.line);
  return out.blocks;
}
