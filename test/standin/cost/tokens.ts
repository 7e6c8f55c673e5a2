// Counting tokens: as Llama 3 would under a profile (llama3-tokenizer-js: its BPE vocabulary and merges), else the tiny model's own.
import type { LlamaModel, Token } from 'node-llama-cpp';

/** Text pieces of a token run; a piece may hold several tokens when one character spans them. */
export interface Piece {
  text: string;
  tokens: number[];
}

export interface TokenCounter {
  /** BOS + the text's tokens, as a runner sees a prompt. */
  prompt(text: string): number[];
  /** The text's tokens (no BOS), cut into text pieces that join back to the text. */
  pieces(text: string): Piece[];
  /** How many tokens the text is (no BOS). */
  count(text: string): number;
}

interface Llama3Tokenizer {
  encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[];
  decode(ids: number[]): string;
}

let llama3: Llama3Tokenizer | undefined;

// The package's CommonJS bundle carries its vocabulary inline (~0.5 s to load once), so it is loaded on first use.
function llama3Tokenizer(): Llama3Tokenizer {
  // A synchronous, lazy load: an import would pay for the vocabulary in every stand-in, profile or not.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  llama3 ??= (require('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs') as { llama3Tokenizer: Llama3Tokenizer }).llama3Tokenizer;
  return llama3;
}

/** Cuts a token run into pieces, holding a token back while its text ends in half a UTF-8 character. */
function piecesOf(tokens: readonly number[], decode: (run: number[], before: number[]) => string): Piece[] {
  const out: Piece[] = [];
  let pending: number[] = [];
  let emitted: number[] = [];
  for (const token of tokens) {
    pending.push(token);
    const text = decode(pending, emitted);
    if (text === '' || text.endsWith('\uFFFD')) continue;
    out.push({ text, tokens: pending });
    emitted = [...emitted, ...pending].slice(-8);
    pending = [];
  }
  if (pending.length) out.push({ text: decode(pending, emitted), tokens: pending });
  return out;
}

/** SentencePiece drops a leading space it took for its own prefix; the pieces must still join back to the text. */
function joiningBack(text: string, pieces: Piece[]): Piece[] {
  const joined = pieces.map((p) => p.text).join('');
  if (pieces.length && joined !== text && text.endsWith(joined)) pieces[0] = { ...pieces[0], text: text.slice(0, text.length - joined.length) + pieces[0].text };
  return pieces;
}

export const LLAMA3_COUNTER: TokenCounter = {
  prompt: (text) => llama3Tokenizer().encode(text, { bos: true, eos: false }),
  pieces(text) {
    const tokenizer = llama3Tokenizer();
    // Byte-level BPE: a run decodes to exactly its bytes, with no leading-space rule to respect.
    return piecesOf(tokenizer.encode(text, { bos: false, eos: false }), (run) => tokenizer.decode(run));
  },
  count: (text) => llama3Tokenizer().encode(text, { bos: false, eos: false }).length,
};

export function modelCounter(model: LlamaModel): TokenCounter {
  const bos = model.tokens.bos;
  return {
    prompt: (text) => [...(bos === null ? [] : [bos]), ...model.tokenize(text)],
    // SentencePiece: the tokens before a run tell the detokenizer whether its leading space belongs to it.
    pieces: (text) => joiningBack(text, piecesOf(model.tokenize(text), (run, before) => model.detokenize(run as Token[], false, before as Token[]))),
    count: (text) => model.tokenize(text).length,
  };
}

/** Longer than num_ctx: the first NUM_KEEP tokens and the tail, as Ollama's runner keeps them (`num_keep` 4). */
export function truncatePrompt(tokens: number[], numCtx: number): { tokens: number[]; truncated: boolean } {
  if (tokens.length <= numCtx) return { tokens, truncated: false };
  const keep = Math.min(NUM_KEEP, Math.max(1, numCtx - 1));
  return { tokens: [...tokens.slice(0, keep), ...tokens.slice(tokens.length - (numCtx - keep))], truncated: true };
}

const NUM_KEEP = 4;

/** Tokens of `prompt` the slot can reuse: the common prefix, but never the last token (its logits are needed). */
export function reusable(slot: readonly number[], prompt: readonly number[]): number {
  const limit = Math.min(slot.length, prompt.length - 1);
  let n = 0;
  while (n < limit && slot[n] === prompt[n]) n++;
  return n;
}
