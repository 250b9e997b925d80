// The core loop inside a real VS Code: Edit Selection streams the fake provider's answer into a
// reviewable diff; accept/reject (all or per hunk), undo, and what is sent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import { EditResult } from '../../src/vscode/editRunner';
import { closeAll, kinds, openFile, select, sessionsOf, setup, text, TEST_KEY, assertNoSessions } from './helpers';

const ORIGINAL = [
  'def total(items):',
  '    result = 0',
  '    for item in items:',
  '        result += item',
  '    return result',
  '',
  'print(total([1, 2, 3]))',
  '',
].join('\n');

const REWRITE = ['def total(items):', '    """Sum the items."""', '    return sum(items)', ''].join('\n');

async function edit(instruction: string): Promise<EditResult> {
  const result = await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction });
  assert.ok(result, 'the command returned no result');
  return result;
}

describe('Edit Selection', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(closeAll);

  it('streams the answer into a minimal diff of red and green lines, then accept-all applies it', async () => {
    const editor = await openFile('total.py', ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: '```python\n' + REWRITE + '```\nThis version uses sum().', tokensPerSecond: 2000 });
    const result = await edit('use sum()');
    assert.deepStrictEqual(result.ends, [{ kind: 'complete' }]);
    const [s] = sessionsOf(editor);
    assert.strictEqual(s.state, 'reviewing');
    // Line 1 is unchanged: never offered as a change. Removed lines stay as real (red) text.
    assert.strictEqual(kinds(s), 'srrrraa');
    assert.deepStrictEqual(s.lines.filter(l => l.kind === 'removed').map(l => l.text),
      ['    result = 0', '    for item in items:', '        result += item', '    return result']);
    assert.ok(text(editor).includes('    result = 0') && text(editor).includes('    return sum(items)'));
    assert.ok(s.summary && /tok\/s/.test(s.summary), `summary beside Accept/Reject: ${s.summary}`);

    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), REWRITE + '\nprint(total([1, 2, 3]))\n');
    assertNoSessions(editor);

    // One generation is one undo step: a single undo gives back the original exactly.
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(text(editor), ORIGINAL);
  });

  it('reject-all restores the original byte for byte', async () => {
    const editor = await openFile('reject.py', ORIGINAL);
    select(editor, 1, 5);
    server.enqueue({ text: '    return sum(items)\n' });
    await edit('shorter');
    assert.ok(text(editor) !== ORIGINAL, 'the diff is in the document while under review');
    await vscode.commands.executeCommand('fastInline.rejectAll');
    assert.strictEqual(text(editor), ORIGINAL);
    assertNoSessions(editor);
  });

  it('sends the key, the model, include_usage and a cache-friendly prompt', async () => {
    const editor = await openFile('sent.py', ORIGINAL);
    select(editor, 1, 2);
    server.enqueue({ text: '    result = 1\n' });
    await edit('start at one');
    const [req] = server.chatRequests();
    assert.strictEqual(req.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.strictEqual(req.body.model, 'grok-code-fast-1');
    assert.deepStrictEqual(req.body.stream_options, { include_usage: true });
    assert.strictEqual(req.body.stream, true);
    const [system, file, last] = req.body.messages;
    assert.strictEqual(system.role, 'system');
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(system.content), 'no timestamps in the static system prompt');
    assert.ok(file.content.includes('for item in items:'), 'the file comes before the volatile part');
    assert.ok(last.content.includes('Instruction: start at one'), 'the instruction comes last');
    assert.ok(typeof req.headers['x-grok-conv-id'] === 'string', 'xAI conversation id for cache locality');
    await vscode.commands.executeCommand('fastInline.rejectAll');
  });
});
