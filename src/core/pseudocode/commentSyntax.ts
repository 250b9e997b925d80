// Comment syntax per VS Code language id: which markers start a line comment, which pairs
// delimit block comments, and whether Python-style triple-quoted docstrings exist. Pure data, no
// `vscode` import. Used by the pseudocode detector (lexProfile.ts) and by anything that needs to write
// a comment in the document's language (e.g. "keep the pseudocode as comments above the code").
//
// Careful with `#`: it is a comment only where listed. In C/C++/Objective-C it starts preprocessor
// lines (`#include`, `#pragma`), in C# directives (`#region`), in Rust attributes (`#[derive]`):
// those languages list `//` only, so such lines are code to the detector.

export interface CommentSyntax {
  /** Line comment markers, longest first where one is a prefix of another. */
  line: string[];
  /** Block comment [open, close] pairs. */
  block?: [string, string][];
  /** Python-style triple-quoted strings used as docstrings. */
  docstring?: boolean;
}

const C_BLOCK: [string, string][] = [['/*', '*/']];
const C_LIKE: CommentSyntax = { line: ['//'], block: C_BLOCK };
const HASH: CommentSyntax = { line: ['#'] };
const DASH: CommentSyntax = { line: ['--'] };

const TABLE: Record<string, CommentSyntax> = {
  python: { line: ['#'], docstring: true },
  typescript: C_LIKE,
  typescriptreact: C_LIKE,
  javascript: C_LIKE,
  javascriptreact: C_LIKE,
  go: C_LIKE,
  rust: C_LIKE,
  java: C_LIKE,
  c: C_LIKE,
  cpp: C_LIKE,
  'cuda-cpp': C_LIKE,
  csharp: C_LIKE,
  kotlin: C_LIKE,
  swift: C_LIKE,
  scala: C_LIKE,
  dart: C_LIKE,
  'objective-c': C_LIKE,
  'objective-cpp': C_LIKE,
  groovy: C_LIKE,
  solidity: C_LIKE,
  zig: { line: ['//'] },
  vue: C_LIKE,
  svelte: C_LIKE,
  scss: C_LIKE,
  less: C_LIKE,
  css: { line: [], block: C_BLOCK },
  php: { line: ['//', '#'], block: C_BLOCK },
  ruby: { line: ['#'], block: [['=begin', '=end']] },
  shellscript: HASH,
  perl: HASH,
  raku: HASH,
  r: HASH,
  yaml: HASH,
  toml: HASH,
  dockerfile: HASH,
  makefile: HASH,
  cmake: HASH,
  elixir: HASH,
  nim: HASH,
  coffeescript: { line: ['#'], block: [['###', '###']] },
  julia: { line: ['#'], block: [['#=', '=#']] },
  powershell: { line: ['#'], block: [['<#', '#>']] },
  sql: { line: ['--'], block: C_BLOCK },
  haskell: { line: ['--'], block: [['{-', '-}']] },
  elm: { line: ['--'], block: [['{-', '-}']] },
  purescript: { line: ['--'], block: [['{-', '-}']] },
  lua: { line: ['--'], block: [['--[[', ']]']] },
  ada: DASH,
  fsharp: { line: ['//'], block: [['(*', '*)']] },
  ocaml: { line: [], block: [['(*', '*)']] },
  erlang: { line: ['%'] },
  latex: { line: ['%'] },
  matlab: { line: ['%'], block: [['%{', '%}']] },
  clojure: { line: [';'] },
  lisp: { line: [';'] },
  scheme: { line: [';'] },
  vb: { line: ["'"] },
  bat: { line: ['REM ', 'rem ', '::'] },
  ini: { line: [';', '#'] },
  html: { line: [], block: [['<!--', '-->']] },
  xml: { line: [], block: [['<!--', '-->']] },
};

for (const syntax of Object.values(TABLE)) {
  Object.freeze(syntax.line);
  if (syntax.block) { for (const pair of syntax.block) Object.freeze(pair); Object.freeze(syntax.block); }
  Object.freeze(syntax);
}

/** Comment syntax of a VS Code language id (shared, frozen); undefined for languages without comments or not code (plaintext, markdown, json). */
export function commentSyntax(languageId: string): CommentSyntax | undefined {
  return Object.prototype.hasOwnProperty.call(TABLE, languageId) ? TABLE[languageId] : undefined;
}
