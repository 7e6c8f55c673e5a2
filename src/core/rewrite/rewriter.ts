import type { Log } from '../common/log';
import type { ExemplarSource } from '../completion/types';
import type { ModelHost } from '../model/modelHost';
import { planSelection, type SelectionPiece } from './budget';
import { buildRewriteRequest, instructionTokens, type ModelFacts, type RequestSettings, type RewriteInput } from './prompt';
import type { RewriteTemplate } from './template';
import { cleanRewrite, type Exemplar, type WriterPreferences } from './voice';

/** When /api/show does not say how much the model holds: Ollama's usual default window. */
const ASSUMED_CONTEXT_TOKENS = 4096;
/** Text around the selection the retriever looks at when choosing exemplars. */
const EXEMPLAR_CONTEXT_CHARS = 2000;

/** The selection and its document, as plain data taken when the writer asked. */
export interface RewriteSubject {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The document as the index names it (its path for a file); the retriever leaves passages overlapping the selection out. */
  readonly docId: string;
  /** Language id, e.g. `markdown`, as the retriever knows formats. */
  readonly format: string;
  /** The format as a writer names it, e.g. "Markdown", for the template. */
  readonly formatName: string;
}

export interface RewriteJob {
  readonly template: RewriteTemplate;
  readonly subject: RewriteSubject;
  readonly instruction: string;
  readonly preferences: Pick<WriterPreferences, 'register' | 'notes'>;
  readonly settings: RequestSettings;
}

export interface RewriteServices {
  readonly host: Pick<ModelHost, 'show' | 'generate'>;
  readonly model: string;
  readonly exemplars?: ExemplarSource;
  readonly log: Log;
}

/** A rewrite that cannot be done as asked, with the sentence the writer reads. */
export class RewriteRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RewriteRefusal';
  }
}

/**
 * Rewrites the selection, streaming: `onText` receives the whole rewrite so far after every piece of the answer.
 * Aborting `signal` closes the HTTP request at once. Resolves to the finished rewrite.
 */
export async function rewriteSelection(job: RewriteJob, services: RewriteServices, signal: AbortSignal, onText: (text: string) => void): Promise<string> {
  const facts = await modelFacts(services);
  const selection = job.subject.text.slice(job.subject.start, job.subject.end);
  const plan = planSelection(selection, facts.contextTokens, instructionTokens(job.template, inputFor(job, selection, [])));
  if (!plan.fits) throw new RewriteRefusal(tooLargeMessage(services.model, plan.largestParagraphWords, plan.roomWords));
  if (plan.pieces.length > 1) services.log.info(`Rewrite: selection sent in ${plan.pieces.length} pieces, paragraph by paragraph.`);
  const exemplars = await chooseExemplars(job.subject, services, signal);
  let done = '';
  let offset = job.subject.start;
  for (const piece of plan.pieces) {
    const rewritten = await rewritePiece(job, services, facts, { piece, offset, exemplars }, signal, (text) => onText(done + text));
    done += rewritten + piece.separatorAfter;
    offset += piece.text.length + piece.separatorAfter.length;
    onText(done);
  }
  return done;
}

interface PiecePlace {
  readonly piece: SelectionPiece;
  readonly offset: number;
  readonly exemplars: readonly Exemplar[];
}

async function rewritePiece(
  job: RewriteJob,
  services: RewriteServices,
  facts: ModelFacts,
  place: PiecePlace,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<string> {
  const { piece, offset } = place;
  // Blank pieces (leading blank lines) have nothing to rewrite; they are kept as they are.
  if (!piece.text.trim()) return piece.text;
  const input: RewriteInput = {
    ...inputFor(job, piece.text, place.exemplars),
    before: job.subject.text.slice(0, offset),
    after: job.subject.text.slice(offset + piece.text.length),
  };
  const request = buildRewriteRequest(job.template, input, facts, job.settings);
  let raw = '';
  for await (const chunk of services.host.generate(services.model, request, signal)) {
    raw += chunk;
    onText(keepOuterWhitespace(piece.text, cleanRewrite(raw, true)));
  }
  const rewritten = cleanRewrite(raw);
  if (!rewritten) throw new RewriteRefusal(`The model "${services.model}" answered with nothing usable. Try again, or choose an instruction-following model.`);
  return keepOuterWhitespace(piece.text, rewritten);
}

function inputFor(job: RewriteJob, selection: string, exemplars: readonly Exemplar[]): RewriteInput {
  return {
    selection,
    before: '',
    after: '',
    language: job.subject.formatName,
    exemplars,
    preferences: job.preferences,
    instruction: job.instruction,
  };
}

async function modelFacts(services: RewriteServices): Promise<ModelFacts> {
  const info = await services.host.show(services.model);
  return { contextTokens: info.contextLength || ASSUMED_CONTEXT_TOKENS, thinks: info.capabilities.includes('thinking') };
}

/** Exemplars for the selection and what surrounds it; without a retriever, or when it fails, the rewrite goes on without. */
async function chooseExemplars(subject: RewriteSubject, services: RewriteServices, signal: AbortSignal): Promise<readonly Exemplar[]> {
  if (!services.exemplars) return [];
  try {
    const context = {
      before: subject.text.slice(Math.max(0, subject.start - EXEMPLAR_CONTEXT_CHARS), subject.end),
      after: subject.text.slice(subject.end, subject.end + EXEMPLAR_CONTEXT_CHARS),
      docId: subject.docId,
      format: subject.format,
      selection: subject.text.slice(subject.start, subject.end),
    };
    return (await services.exemplars(context, signal)).exemplars;
  } catch (error) {
    if (signal.aborted) throw error;
    services.log.warn(`Rewrite: no exemplars (${error instanceof Error ? error.message : String(error)}); rewriting without them.`);
    return [];
  }
}

/** The selection's own leading and trailing whitespace (a final newline, an indent) survives the rewrite. */
export function keepOuterWhitespace(original: string, rewritten: string): string {
  if (!rewritten) return '';
  const lead = /^\s*/.exec(original)?.[0] ?? '';
  const trail = /\s*$/.exec(original)?.[0] ?? '';
  return lead + rewritten.trim() + trail;
}

function tooLargeMessage(model: string, paragraphWords: number, roomWords: number): string {
  return (
    `This selection has a paragraph of about ${paragraphWords} words, more than the model "${model}" can rewrite at once ` +
    `(about ${roomWords} words). Select a shorter passage, split the paragraph, or choose a model with a longer context.`
  );
}
