// Lexical profile of a language for the pseudocode lexer: comment markers (from commentSyntax.ts)
// plus the string forms that can hide comment markers or span lines. The lexer only needs to know
// where comments and multi-line strings are, not to tokenize the language, so this is a small set
// of switches rather than a grammar.

import { commentSyntax } from './commentSyntax';

export type Heredoc = 'shell' | 'ruby' | 'php' | 'perl';

export interface LexProfile {
  readonly languageId: string;
  readonly line: readonly string[];
  readonly block: readonly (readonly [string, string])[];
  /** Block comments nest (Rust, Swift, Kotlin, Scala, Dart, Haskell, OCaml, Julia). */
  readonly nestedBlocks: boolean;
  readonly docstring: boolean;
  /** Quote characters that form triple-quoted multi-line strings (`"""`, `'''`). */
  readonly triple: string;
  /** Backtick strings span lines (JS/TS template literals, Go raw strings). */
  readonly backtick: boolean;
  /** Ordinary "…" and '…' strings may continue on the next line (shell, Ruby, PHP, Perl, SQL, R, Rust "…"). */
  readonly multilineQuotes: boolean;
  /** How `'` behaves: a string, a char literal only when it looks like one ('x', '\n'; Rust lifetimes, Haskell primes), or nothing. */
  readonly singleQuote: 'string' | 'char' | 'none';
  readonly heredoc: Heredoc | undefined;
  readonly rustRaw: boolean;
  readonly cppRaw: boolean;
  readonly csVerbatim: boolean;
  /** Lua long strings [[ … ]]. */
  readonly luaLong: boolean;
  /** `#` starts a comment only at the line start or after whitespace (`$#`, `${#a[@]}`, `#[attr]`). */
  readonly hashNeedsSpace: boolean;
  /** Plain prose lines (not comments) may be detected: off where code itself reads as words (shell, SQL, PHP templates, config files). */
  readonly prose: boolean;
  /** JSX text content is English between tags: prose lines next to tags are not pseudocode. */
  readonly jsx: boolean;
}

const NESTED = new Set(['rust', 'swift', 'kotlin', 'scala', 'dart', 'haskell', 'elm', 'purescript', 'ocaml', 'fsharp', 'julia']);
const TRIPLE_DQ = new Set(['kotlin', 'java', 'scala', 'swift', 'csharp', 'groovy', 'julia']);
const TRIPLE_BOTH = new Set(['python', 'dart', 'elixir']);
const BACKTICK = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'vue', 'svelte']);
const MULTILINE_QUOTES = new Set(['shellscript', 'ruby', 'php', 'perl', 'raku', 'sql', 'r', 'rust', 'powershell', 'elixir', 'makefile', 'dockerfile']);
const CHAR_QUOTE = new Set(['rust', 'haskell', 'elm', 'purescript', 'ocaml', 'fsharp', 'scala', 'clojure', 'lisp', 'scheme', 'vb', 'erlang']);
const HEREDOC: Record<string, Heredoc> = { shellscript: 'shell', dockerfile: 'shell', ruby: 'ruby', php: 'php', perl: 'perl', raku: 'perl' };
const NO_PROSE = new Set([
  'shellscript', 'sql', 'php', 'perl', 'raku', 'powershell', 'bat', 'yaml', 'toml', 'ini', 'dockerfile', 'makefile', 'cmake',
  'html', 'xml', 'css', 'scss', 'less', 'latex', 'vue', 'svelte', 'clojure', 'lisp', 'scheme', 'vb', 'ada', 'coffeescript',
]);

const cache = new Map<string, LexProfile | null>();

/** The lexical profile of a language, or undefined when it has no comment syntax. */
export function lexProfile(languageId: string): LexProfile | undefined {
  let p = cache.get(languageId);
  if (p === undefined) {
    p = build(languageId);
    cache.set(languageId, p);
  }
  return p ?? undefined;
}

function build(id: string): LexProfile | null {
  const syntax = commentSyntax(id);
  if (!syntax) return null;
  return {
    languageId: id,
    line: syntax.line,
    block: syntax.block ?? [],
    nestedBlocks: NESTED.has(id),
    docstring: syntax.docstring === true,
    triple: TRIPLE_BOTH.has(id) ? '"\'' : TRIPLE_DQ.has(id) ? '"' : '',
    backtick: BACKTICK.has(id),
    multilineQuotes: MULTILINE_QUOTES.has(id),
    singleQuote: CHAR_QUOTE.has(id) ? 'char' : 'string',
    heredoc: HEREDOC[id],
    rustRaw: id === 'rust',
    cppRaw: id === 'cpp' || id === 'cuda-cpp' || id === 'objective-cpp',
    csVerbatim: id === 'csharp',
    luaLong: id === 'lua',
    hashNeedsSpace: id !== 'python',
    prose: !NO_PROSE.has(id),
    jsx: id === 'javascriptreact' || id === 'typescriptreact' || id === 'javascript',
  };
}
