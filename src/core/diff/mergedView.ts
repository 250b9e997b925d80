// Turns a diff snapshot into the lines shown in the editor: the original and the new text merged,
// each line tagged. Pure TypeScript, no `vscode` import.
//
// Order: equal lines; per hunk its removed (old) lines followed by its added (new) lines; then the
// original lines not reached yet: 'pending' while streaming, 'same' once done (a cut stream keeps
// them unchanged; their newIndex is -1 since they are not part of the received text).
// Invariants: 'same' + 'removed' + 'pending' lines, in order, are the original; 'same' + 'added'
// lines with newIndex >= 0, in order, are the new lines received.

import type { DiffSnapshot } from './streamDiff';

export type LineKind = 'same' | 'removed' | 'added' | 'pending';
export interface ViewLine { kind: LineKind; text: string; oldIndex: number; newIndex: number } // -1 where not applicable

export function mergedView(original: readonly string[], newLines: readonly string[], snap: DiffSnapshot): ViewLine[] {
  const out: ViewLine[] = [];
  let i = 0, j = 0;
  for (const h of snap.hunks) {
    for (; i < h.oldStart; i++, j++) out.push({ kind: 'same', text: newLines[j], oldIndex: i, newIndex: j });
    for (; i < h.oldEnd; i++) out.push({ kind: 'removed', text: original[i], oldIndex: i, newIndex: -1 });
    for (; j < h.newEnd; j++) out.push({ kind: 'added', text: newLines[j], oldIndex: -1, newIndex: j });
  }
  for (; i < snap.oldAligned && j < snap.newCount; i++, j++) out.push({ kind: 'same', text: newLines[j], oldIndex: i, newIndex: j });
  if (i !== snap.oldAligned || j !== snap.newCount) {
    throw new Error(`mergedView: inconsistent snapshot (ends at old ${i}/${snap.oldAligned}, new ${j}/${snap.newCount})`);
  }
  const tail: LineKind = snap.done ? 'same' : 'pending';
  for (; i < original.length; i++) out.push({ kind: tail, text: original[i], oldIndex: i, newIndex: -1 });
  return out;
}
