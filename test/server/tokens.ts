// Tokenization for the fake provider: real o200k_base token counts (the extension estimates
// with the same tokenizer), and the text split into streamable pieces.
//
// Why not `decode([token])` per token: one token can hold half a UTF-8 character (emoji,
// CJK), and gpt-tokenizer 4.0.0 decodes with ONE module-wide `TextDecoder` in `stream: true`
// mode, so decoding a partial token leaves bytes inside that shared decoder which then
// corrupt the NEXT decode call anywhere in the process (decode([52622]) → "", then
// decode([121]) → "🏽", then decode([121]) → "\uFFFD"). Instead we take each token's byte
// length and cut the text's own UTF-8 bytes at character boundaries.
import o200k, { encode, decodeGenerator } from 'gpt-tokenizer';

/** A run of tokens whose bytes form complete characters: safe to send as one string. */
export interface Piece {
  text: string;
  /** Real token count of this piece (1 unless a character was split across tokens). */
  tokens: number;
}

/** Encode treating special-token strings such as `<|endoftext|>` as plain text. */
export function tokenize(text: string): number[] {
  return encode(text, { disallowedSpecial: new Set() });
}

export function countTokens(text: string): number {
  return text ? tokenize(text).length : 0;
}

type TokenValue = string | Uint8Array | undefined;
// Pinned gpt-tokenizer 4.0.0 internals: the per-token string-or-bytes lookup. Guarded, with
// a public-API fallback below, in case a future version moves it.
const core = (o200k as unknown as { bytePairEncodingCoreProcessor?: { tryDecodeToken?(t: number): TokenValue } })
  .bytePairEncodingCoreProcessor;

function tokenByteLength(token: number): number | undefined {
  const v = core?.tryDecodeToken?.(token);
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (v instanceof Uint8Array) return v.length;
  return undefined;
}

/** Split `text` into pieces of whole characters; the pieces' token counts sum to the real count. */
export function tokenPieces(text: string): Piece[] {
  if (!text) return [];
  const tokens = tokenize(text);
  const pieces = piecesFromByteLengths(text, tokens) ?? piecesFromGenerator(tokens);
  if (pieces && pieces.map((p) => p.text).join('') === text) return pieces;
  // Last resort (never seen): one piece carrying every token, so counts stay right.
  return [{ text, tokens: tokens.length }];
}

function piecesFromByteLengths(text: string, tokens: number[]): Piece[] | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Piece[] = [];
  let start = 0;
  let end = 0;
  let count = 0;
  for (const t of tokens) {
    const len = tokenByteLength(t);
    if (len === undefined) return undefined;
    end += len;
    count++;
    // A byte of the form 10xxxxxx continues a character: not a place to cut.
    if (end === bytes.length || (end < bytes.length && (bytes[end] & 0xc0) !== 0x80)) {
      pieces.push({ text: bytes.subarray(start, end).toString('utf8'), tokens: count });
      start = end;
      count = 0;
    }
  }
  return end === bytes.length ? pieces : undefined;
}

/** Public-API fallback: count how many tokens the generator pulled before each yield. */
function piecesFromGenerator(tokens: number[]): Piece[] {
  let pulled = 0;
  let accounted = 0;
  function* counting(): Generator<number> {
    for (const t of tokens) {
      pulled++;
      yield t;
    }
  }
  const pieces: Piece[] = [];
  for (const s of decodeGenerator(counting())) {
    pieces.push({ text: s, tokens: pulled - accounted });
    accounted = pulled;
  }
  if (pieces.length) pieces[pieces.length - 1].tokens += tokens.length - accounted;
  return pieces;
}

/** Text of a message's `content`: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join('');
  }
  return '';
}

interface Message {
  role?: unknown;
  content?: unknown;
}

function messagesOf(body: unknown): Message[] {
  const m = body && typeof body === 'object' ? (body as { messages?: unknown }).messages : undefined;
  return Array.isArray(m) ? (m.filter((x) => x && typeof x === 'object') as Message[]) : [];
}

/**
 * Prompt tokens the way OpenAI-style servers roughly count them: the tokens of every
 * message's content plus 4 per message for the chat template's role/separator tokens.
 */
export function countPromptTokens(body: unknown): number {
  return messagesOf(body).reduce((n, m) => n + countTokens(contentText(m.content)) + 4, 0);
}

/** The token array the prompt cache compares: `role\ncontent\n` for each message, in order. */
export function promptCacheTokens(body: unknown): number[] {
  const text = messagesOf(body)
    .map((m) => `${typeof m.role === 'string' ? m.role : ''}\n${contentText(m.content)}\n`)
    .join('');
  return tokenize(text);
}
