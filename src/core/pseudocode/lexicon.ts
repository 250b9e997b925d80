// Word lists for the pseudocode classifier. All lower case; looked up whole-word in Sets, or as
// prefixes/substrings of a lower-cased comment text for the phrase lists.

/** Imperative verbs that start a step ("sort the list", "look up the user", "group by region"). */
export const STEP_VERBS: ReadonlySet<string> = new Set([
  'abort', 'accept', 'accumulate', 'ack', 'acknowledge', 'acquire', 'activate', 'add', 'adjust', 'advance',
  'aggregate', 'alert', 'allocate', 'animate', 'annotate', 'answer', 'append', 'apply', 'approve', 'approximate',
  'archive', 'ascend', 'ask', 'assemble', 'assert', 'assign', 'attach', 'attempt', 'authenticate', 'authorize',
  'average', 'await', 'backtrack', 'bail', 'batch', 'begin', 'benchmark', 'bill', 'bind', 'blur', 'bound', 'break',
  'broadcast', 'bucket', 'build', 'bump', 'bundle', 'cache', 'calculate', 'call', 'cancel', 'cap', 'capitalize',
  'capture', 'cast', 'catch', 'ceil', 'chain', 'change', 'charge', 'check', 'checkout', 'choose', 'chunk', 'clamp',
  'classify', 'clean', 'cleanup', 'clear', 'click', 'climb', 'clip', 'clone', 'close', 'cluster', 'coerce', 'collapse',
  'collect', 'combine', 'commit', 'compare', 'compile', 'compose', 'compress', 'compute', 'concat', 'concatenate',
  'configure', 'confirm', 'connect', 'construct', 'consume', 'continue', 'convert', 'copy', 'count', 'crawl', 'create',
  'crop', 'deactivate', 'debounce', 'decide', 'decode', 'decompress', 'decrease', 'decrement', 'decrypt', 'dedupe',
  'deduplicate', 'defer', 'delay', 'delete', 'deny', 'deploy', 'dequeue', 'derive', 'descend', 'deserialize',
  'destroy', 'detach', 'detect', 'determine', 'diff', 'disable', 'discard', 'disconnect', 'dismiss', 'dispatch',
  'display', 'dispose', 'divide', 'download', 'draw', 'drop', 'duplicate', 'edit', 'email', 'embed', 'emit', 'enable',
  'encode', 'encrypt', 'enqueue', 'ensure', 'enumerate', 'escape', 'estimate', 'evaluate', 'evict', 'execute', 'exit',
  'expand', 'expire', 'export', 'extend', 'extract', 'fail', 'fetch', 'fill', 'filter', 'find', 'finish', 'fire',
  'fit', 'fix', 'flag', 'flatten', 'flip', 'floor', 'flush', 'focus', 'fold', 'forget', 'fork', 'format', 'forward',
  'free', 'gather', 'generate', 'get', 'go', 'grant', 'group', 'grow', 'guarantee', 'guard', 'halt', 'halve', 'handle',
  'hash', 'hide', 'highlight', 'hydrate', 'ignore', 'implement', 'import', 'increase', 'increment', 'index', 'infer',
  'init', 'initialise', 'initialize', 'insert', 'inspect', 'install', 'instantiate', 'interpolate', 'interpret',
  'intersect', 'invalidate', 'invert', 'invoke', 'iterate', 'join', 'jump', 'keep', 'kill', 'launch', 'limit', 'list',
  'listen', 'load', 'localize', 'locate', 'lock', 'log', 'login', 'logout', 'look', 'lookup', 'loop', 'lowercase',
  'make', 'map', 'mark', 'marshal', 'match', 'measure', 'memoize', 'merge', 'migrate', 'minify', 'mirror', 'mock',
  'modify', 'monitor', 'mount', 'move', 'multiply', 'mutate', 'negate', 'nest', 'normalise', 'normalize', 'notify',
  'observe', 'obtain', 'open', 'optimize', 'order', 'output', 'pad', 'page', 'paginate', 'paint', 'pair', 'panic',
  'parse', 'partition', 'pass', 'patch', 'pause', 'peek', 'persist', 'pick', 'ping', 'pivot', 'place', 'plot', 'poll',
  'pop', 'populate', 'post', 'predict', 'prepare', 'prepend', 'preserve', 'press', 'print', 'probe', 'proceed',
  'process', 'produce', 'profile', 'prompt', 'protect', 'proxy', 'prune', 'publish', 'pull', 'purge', 'push', 'put',
  'query', 'queue', 'quit', 'quote', 'raise', 'rank', 'read', 'rebase', 'reboot', 'rebuild', 'receive', 'recommend',
  'recompute', 'record', 'recover', 'recurse', 'redirect', 'redo', 'reduce', 'refactor', 'refresh', 'refund',
  'register', 'reject', 'relay', 'release', 'reload', 'remember', 'remove', 'rename', 'render', 'reorder', 'repair',
  'repeat', 'replace', 'replay', 'replicate', 'reply', 'report', 'request', 'require', 'rerun', 'resample', 'reserve',
  'reset', 'resize', 'resolve', 'respond', 'restart', 'restore', 'resume', 'retain', 'retrieve', 'retry', 'return',
  'reverse', 'revert', 'revoke', 'rewrite', 'rollback', 'rotate', 'round', 'route', 'run', 'sample', 'sanitize',
  'save', 'scale', 'scan', 'schedule', 'score', 'scrape', 'scroll', 'search', 'seed', 'select', 'send', 'serialize',
  'serve', 'set', 'shard', 'shift', 'show', 'shrink', 'shuffle', 'shutdown', 'sign', 'signal', 'skip', 'sleep',
  'slice', 'smooth', 'snapshot', 'sort', 'spawn', 'split', 'square', 'stage', 'standardize', 'start', 'stash', 'step',
  'stop', 'store', 'stream', 'stringify', 'strip', 'submit', 'subscribe', 'subtract', 'sum', 'swap', 'switch', 'sync',
  'tag', 'take', 'tally', 'tell', 'terminate', 'test', 'throttle', 'throw', 'toggle', 'tokenize', 'trace', 'track',
  'train', 'transform', 'translate', 'transmit', 'traverse', 'trigger', 'trim', 'truncate', 'try', 'turn', 'undo',
  'unescape', 'uninstall', 'union', 'unlock', 'unmarshal', 'unmount', 'unpack', 'unquote', 'unshift', 'unsubscribe',
  'unwrap', 'unzip', 'update', 'upload', 'uppercase', 'upsert', 'use', 'validate', 'verify', 'visit', 'wait', 'walk',
  'warn', 'watch', 'weigh', 'wrap', 'write', 'yield', 'zip',
]);

/** Control words that start a step ("if …", "otherwise …", "for each …", "then …"). */
export const CONTROL_WORDS: ReadonlySet<string> = new Set([
  'if', 'else', 'elif', 'elseif', 'otherwise', 'for', 'foreach', 'while', 'until', 'unless', 'when', 'whenever',
  'then', 'finally', 'first', 'firstly', 'second', 'secondly', 'third', 'next', 'last', 'lastly', 'afterwards',
  'after', 'before', 'once', 'repeat', 'loop', 'catch', 'on', 'in', 'optionally', 'also', 'and', 'or', 'given',
]);

/** Words that only occur as English (never as a keyword or a common identifier) in code. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'each', 'every', 'of', 'into', 'onto', 'its', 'their', 'them', 'it', 'then', 'otherwise', 'until',
  'whether', 'both', 'those', 'these', 'which', 'that', 'all', 'any', 'some', 'from', 'with', 'to', 'by', 'and', 'or',
  'if', 'is', 'are', 'be', 'was', 'were', 'not', 'no', 'on', 'at', 'as', 'for', 'in', 'when', 'than', 'so', 'but',
  'only', 'there', 'per', 'using', 'over', 'through', 'between', 'up', 'out', 'down', 'back', 'without', 'within',
]);

/** Strong English words for plain prose lines: never keywords in the languages with prose detection on. */
export const STRONG_ENGLISH: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'each', 'every', 'of', 'into', 'onto', 'its', 'their', 'them', 'then', 'otherwise', 'until',
  'whether', 'both', 'those', 'these', 'which', 'that', 'per', 'than', 'using', 'through', 'between',
  'without', 'within', 'twice', 'every', 'whose', 'someone', 'something', 'everything', 'nothing',
]);

/** Words that make a sentence an explanation rather than a step ("we cache this because …"). */
export const EXPLANATORY_WORDS: ReadonlySet<string> = new Set([
  'we', "we're", "we'll", "we've", 'our', 'us', "i'm", "i've", 'because', 'since', 'this', 'here', 'was', 'were',
  'would', 'could', 'might', 'must', 'will', 'currently', 'already', 'actually', 'basically', 'probably', 'hack',
  'workaround', 'note', 'therefore', 'however', 'thus', 'hence', 'unfortunately', 'apparently', 'you', "you'll",
  "you're", "you've", 'your', 'there', "there's", 'nothing', 'intentionally', 'deliberately', 'noop',
]);

/** Keywords that start a declaration or statement and never an English step ("const x", "def f"). */
export const DECL_WORDS: ReadonlySet<string> = new Set([
  'const', 'let', 'var', 'val', 'def', 'fn', 'func', 'function', 'fun', 'class', 'struct', 'enum', 'interface', 'trait',
  'impl', 'pub', 'mod', 'package', 'namespace', 'typedef', 'template', 'public', 'private', 'protected',
  'static', 'abstract', 'override', 'virtual', 'extern', 'unsafe', 'async', 'lambda', 'elif', 'elsif', 'void',
  'int', 'bool', 'boolean', 'auto', 'unsigned', 'uint', 'usize', 'isize', 'u8', 'u16', 'u32', 'u64', 'i32', 'i64',
  'f32', 'f64', 'declare', 'module', 'defmodule', 'defp', 'local', 'include', 'implements', 'extends', 'volatile',
  'goto', 'defer', 'chan', 'except', 'del', 'nonlocal', 'global', 'alias', 'super', 'console', 'std', 'echo', 'puts',
  'printf', 'println', 'fi', 'esac', 'typeof', 'instanceof', 'sizeof', 'readonly', 'mut',
]);

/** Literals / identifiers that only appear in code. */
export const CODE_LITERALS: ReadonlySet<string> = new Set([
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'nullptr', 'self', 'this', 'nan', 'void', 'println', 'printf',
  'console', 'std', 'len', 'str', 'int', 'args', 'kwargs', 'argv', 'stdin', 'stdout', 'stderr', 'fmt', 'err',
]);

/** Lower-case phrases that mark a licence header line. Any of them poisons the whole comment block. */
export const LICENSE_PHRASES: readonly string[] = [
  'copyright', 'spdx-license', 'licensed under', 'license, version', 'all rights reserved', 'permission is hereby granted',
  'without warranty', 'warranties', 'gnu general public', 'gnu lesser', 'mit license', 'apache license', 'bsd license',
  'redistribution and use', 'redistributions of', 'the software is provided', 'liable for any', 'in compliance with the license',
  'under the license', 'the license for the', 'mozilla public license', 'license: mit', 'license: apache', '(c) 19', '(c) 20',
  '\u00a9', 'this file is part of',
];

/** Lower-case prefixes of tool directives / pragmas in comments (after the marker and whitespace). */
export const DIRECTIVE_PREFIXES: readonly string[] = [
  '-*-', 'type:', 'noqa', 'pylint:', 'pyright:', 'mypy:', 'fmt:', 'isort:', 'pragma', 'eslint', 'prettier-ignore',
  '@ts-', 'tslint:', 'jshint', 'jscs:', 'global ', 'globals ', 'istanbul ', 'c8 ', 'v8 ignore', 'nolint', 'go:',
  '+build', 'shellcheck ', 'rubocop:', 'frozen_string_literal', 'encoding:', 'coding:', 'coding=', 'vim:', 'vi:',
  'region', 'endregion', '#region', '#endregion', '<reference', 'nosonar', 'clang-format', 'cspell:', 'spell-checker:',
  '@flow', '@jsx', 'webpackchunkname', 'language=', '@formatter:', 'noinspection', 'swiftlint:', 'ktlint',
  'yaml-language-server', 'sourcemappingurl', '@license', '@preserve', '@generated', 'generated by', 'auto-generated',
  'autogenerated', 'do not edit', 'code generated', 'biome-ignore', 'deno-lint-ignore', '@vite-ignore', 'pyre-',
  'pytype:', 'pragma: no cover', 'mark:', 'mark -', 'cgo ', 'nosec', 'lgtm', 'rustfmt::', 'clippy::',
  'stylelint', 'jslint', 'jsdoc', 'markdownlint', 'checkstyle:', 'codespell:', 'noqa:', 'flake8:', 'ruff:', 'black:',
  '<editor-fold', '</editor-fold', 'end region', 'language:',
];

/** Doc-comment section headers ("Args:", "Returns:", "# Examples"): the block documents an API. */
export const DOC_SECTIONS: ReadonlySet<string> = new Set([
  'args', 'arguments', 'argument', 'parameters', 'params', 'param', 'returns', 'return', 'yields', 'raises', 'throws',
  'example', 'examples', 'usage', 'note', 'notes', 'see also', 'see', 'attributes', 'warning', 'warnings',
  'deprecated', 'panics', 'errors', 'safety', 'keyword arguments', 'kwargs', 'options', 'remarks', 'since', 'version',
  'author', 'authors', 'summary', 'description', 'references', 'other parameters', 'methods',
]);

/** Headers that announce pseudocode explicitly. */
export const PSEUDO_HEADERS: readonly string[] = [
  'pseudocode', 'pseudo-code', 'pseudo code', 'algorithm', 'steps', 'plan', 'approach', 'outline', 'implement',
  'to implement', 'to do', 'procedure', 'logic',
];

/** Note prefixes: stripped before classifying the rest ("TODO: sort the list"). */
export const NOTE_PREFIXES: readonly string[] = ['todo', 'fixme', 'notes', 'note', 'nb', 'warning', 'important', 'hack', 'xxx', 'bug', 'optimize', 'review'];
