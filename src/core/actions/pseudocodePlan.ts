// How a pseudocode block becomes an edit: which lines the code replaces (or where it goes, when the
// steps stay as comments), at which indent, and the instruction that carries the steps. Built on
// the detector's block; the same edit pipeline and review do the rest.
import type { EditRegion } from '../context/editRegion';

export interface PseudocodeSource {
  startLine: number;
  endLine: number;
  steps: string[];
}

export interface ConvertPlan {
  region: EditRegion;
  instruction: string;
}

/** A body that only says "not written yet": replaced by the code in both modes. */
const STUB = /^\s*(pass|\.\.\.|todo!\(\)|unimplemented!\(\)|raise NotImplementedError(\(.*\))?|throw new Error\((['"`]).*(not implemented|todo).*\3\);?|panic\("(not implemented|todo)"\))\s*$/i;

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

export function planConversion(lines: readonly string[], block: PseudocodeSource, languageId: string, keepAsComments: boolean): ConvertPlan {
  const stubAfter = block.endLine < lines.length && STUB.test(lines[block.endLine]) ? 1 : 0;
  const first = lines.slice(block.startLine, block.endLine).find(l => l.trim() !== '') ?? '';
  const baseIndent = indentOf(first);
  const steps = block.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const language = languageId.replace(/react$/, ' (React)');
  if (keepAsComments) {
    const at = block.endLine;
    return {
      region: { startLine: at, endLine: at + stubAfter, baseIndent, leadingBlank: 0, trailingBlank: stubAfter ? 0 : 1 },
      instruction: `Write the ${language} code that implements these steps, which stay as comments just above it (lines ${block.startLine + 1}–${block.endLine}). ` +
        `Do not repeat the comments. Follow the surrounding code's style and use what it already imports.\nSteps:\n${steps}`,
    };
  }
  return {
    region: { startLine: block.startLine, endLine: block.endLine + stubAfter, baseIndent, leadingBlank: 0, trailingBlank: 0 },
    instruction: `Replace this pseudocode with working ${language} code that implements its steps. ` +
      `Follow the surrounding code's style and use what it already imports. Reply with code only, no comments restating the steps.\nSteps:\n${steps}`,
  };
}
