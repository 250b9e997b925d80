// The messages of an edit request, ordered for prompt-cache hits: a static system prompt (no
// timestamps, no per-request values), then the file, then the volatile part — region,
// instruction, diagnostics — last. A second edit of the same file reuses the cached prefix.
import type { ChatMessage } from '../model/modelClient';
import { FileContext } from './fileContext';

export interface DiagnosticInfo {
  /** 0-based line of the problem's start. */
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
}

export interface PromptInput {
  relativePath: string;
  languageId: string;
  indentDescription: string;
  file: FileContext;
  lines: readonly string[];
  regionStart: number;
  regionEnd: number;
  partialSelection?: string;
  instruction: string;
  diagnostics: readonly DiagnosticInfo[];
  /** Other text the model needs, e.g. the code under test when tests go into their own file. */
  extraContext?: readonly { label: string; path: string; text: string }[];
}

export const SYSTEM_PROMPT = [
  'You are a code editing engine inside a code editor. You rewrite one region of a file, or write new',
  'code at an insertion point, exactly as the instruction asks.',
  'Rules:',
  '- Reply with ONLY the new text for the region: no explanations, no Markdown, no code fences.',
  '- Keep everything the instruction does not ask to change exactly as it is, including comments,',
  '  blank lines and formatting.',
  '- Use the file\'s language, style, naming and indentation. Do not repeat code outside the region.',
  '- If the region is already right, return it unchanged.',
].join('\n');

const ANCHOR_LINES = 3;

function linesBetween(lines: readonly string[], from: number, to: number): string {
  const out: string[] = [];
  for (let l = Math.max(0, from); l < Math.min(lines.length, to); l++) out.push(lines[l]);
  return out.join('\n');
}

export function buildMessages(p: PromptInput): ChatMessage[] {
  const fileMessage = [
    `File: ${p.relativePath} (language: ${p.languageId}, indentation: ${p.indentDescription})`,
    '<file>',
    p.file.text,
    '</file>',
  ].join('\n');

  const insertion = p.regionStart === p.regionEnd;
  const parts: string[] = [];
  const before = linesBetween(p.lines, p.regionStart - ANCHOR_LINES, p.regionStart);
  const after = linesBetween(p.lines, p.regionEnd, p.regionEnd + ANCHOR_LINES);
  if (insertion) {
    parts.push(`Write new code to insert at line ${p.regionStart + 1}, between these lines:`);
    parts.push('<before>', before, '</before>', '<after>', after, '</after>');
  } else {
    parts.push(`Rewrite lines ${p.regionStart + 1}–${p.regionEnd} of the file:`);
    parts.push('<region>', linesBetween(p.lines, p.regionStart, p.regionEnd), '</region>');
    if (before) parts.push('It follows:', '<before>', before, '</before>');
    if (after) parts.push('It is followed by:', '<after>', after, '</after>');
    if (p.partialSelection) parts.push(`The user highlighted this part of it: «${p.partialSelection}». Focus the change there, but reply with the complete lines.`);
  }
  for (const extra of p.extraContext ?? []) {
    parts.push(`${extra.label} (${extra.path}):`, '<code>', extra.text, '</code>');
  }
  if (p.diagnostics.length) {
    parts.push('Problems the editor reports in and near the region:');
    for (const d of p.diagnostics) parts.push(`- line ${d.line + 1} ${d.severity}${d.source ? ` (${d.source})` : ''}: ${d.message}`);
  }
  parts.push(`Instruction: ${p.instruction}`);
  parts.push(insertion ? 'Reply with only the code to insert.' : 'Reply with only the new text of the region.');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: fileMessage },
    { role: 'user', content: parts.join('\n') },
  ];
}
