import { asciidocToProse } from './formats/asciidoc';
import { htmlToProse } from './formats/html';
import { latexToProse } from './formats/latex';
import { markdownToProse } from './formats/markdown';
import { orgToProse } from './formats/org';
import { plainTextToProse } from './formats/plaintext';
import { rstToProse } from './formats/restructuredtext';
import type { DocumentFormat, ProseBlock } from './prose';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  md: 'markdown', markdown: 'markdown', mdx: 'markdown', mkd: 'markdown',
  txt: 'plaintext', text: 'plaintext',
  tex: 'latex', ltx: 'latex',
  rst: 'restructuredtext', rest: 'restructuredtext',
  org: 'org',
  adoc: 'asciidoc', asciidoc: 'asciidoc', asc: 'asciidoc',
  html: 'html', htm: 'html', xhtml: 'html',
};

/** Extensions the index reads by default, without the dot. */
export const WRITING_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The format of a file from its name, or undefined when it is not writing the index reads. */
export function formatOf(path: string): DocumentFormat | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

const REDUCERS: Record<DocumentFormat, (source: string) => ProseBlock[]> = {
  markdown: markdownToProse,
  plaintext: plainTextToProse,
  latex: latexToProse,
  restructuredtext: rstToProse,
  org: orgToProse,
  asciidoc: asciidocToProse,
  html: htmlToProse,
};

/**
 * Reduces a document's source to the headings and paragraphs its author wrote. A document nested too deeply for its
 * format's parser (thousands of nested lists or elements overflow the stack) is read as plain text instead: one
 * strange file must not stop the index.
 */
export function reduceToProse(source: string, format: DocumentFormat): ProseBlock[] {
  const text = source.replace(/^\uFEFF/, '');
  try {
    return REDUCERS[format](text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return plainTextToProse(text);
  }
}
