// End to end, as a person would: the packaged extension in code-server; set the API key through
// the palette, select code, run Edit Selection with an instruction, watch the green/red diff and
// its CodeLens, accept, save, and check the file on disk. Screenshots go to test-results/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FakeProvider } from '../server/fakeProvider';
import { answerQuickInput, focusEditor, openInExplorer, openWorkbench, runCommand, waitForDisk, Workbench } from './workbench';

const KEY = 'xai-e2e-key-5f1c2a9d7b3e';
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
const ANSWER = ['def total(items):', '    """Sum the items."""', '    return sum(items)'].join('\n');
const CART = [
  'export function total(prices: number[]): number {',
  '  return prices.reduce((a, b) => a + b, 0);',
  '}',
  '',
  '// apply a discount code:',
  '// look the code up in the table of percentages',
  '// throw if the code is unknown',
  '// return the discounted total rounded to cents',
  '',
].join('\n');
const CART_CODE = [
  'export function applyDiscount(prices: number[], code: string): number {',
  '  const percent = DISCOUNTS[code];',
  '  if (percent === undefined) throw new Error(`unknown code ${code}`);',
  '  return Math.round(total(prices) * (100 - percent)) / 100;',
  '}',
].join('\n');

describe('end to end in the workbench', function () {
  this.timeout(240000);
  let server: FakeProvider;
  let wb: Workbench;

  before(async () => {
    server = await FakeProvider.start();
    server.requireKey = KEY; // only the key typed into Set API Key gets an answer
    wb = await openWorkbench({
      files: { 'total.py': ORIGINAL, 'cart.ts': CART },
      settings: { 'fastInline.provider': 'xai', 'fastInline.baseUrl': server.baseUrl('xai'), 'fastInline.model': 'grok-code-fast-1' },
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`e2e-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('sets the key, edits a selection, shows the diff with CodeLens, accepts and saves', async () => {
    const { page } = wb;
    await openInExplorer(page, 'total.py');

    await runCommand(page, 'Fast Inline: Set API Key');
    await answerQuickInput(page, 'xAI');      // the provider pick (current provider first)
    await answerQuickInput(page, KEY);        // the password box

    // Select the function (lines 1–5) with the keyboard.
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown');
    server.enqueue({ text: '```python\n' + ANSWER + '\n```', tokensPerSecond: 300, ttftMs: 150 });
    await runCommand(page, 'Fast Inline: Edit Selection');
    await answerQuickInput(page, 'use sum() and add a docstring');

    // The review: CodeLens with Accept / Reject and the edit's cost and speed.
    const accept = page.locator('.codelens-decoration a', { hasText: 'Accept' }).first();
    await accept.waitFor({ timeout: 60000 });
    const lensText = await page.locator('.codelens-decoration').first().innerText();
    assert.match(lensText, /Reject/);
    assert.match(lensText, /tok\/s/, `cost and speed beside Accept/Reject: ${lensText}`);
    const [req] = server.chatRequests();
    assert.strictEqual(req.headers.authorization, `Bearer ${KEY}`, 'the key typed into Set API Key was sent');
    await wb.screenshot('e2e-edit-review');

    await accept.click();
    await page.keyboard.press('Control+S');
    const file = path.join(wb.workspace, 'total.py');
    const saved = await waitForDisk(file, t => t.includes('return sum(items)') && !t.includes('result = 0'), page);
    assert.strictEqual(saved, ANSWER + '\n\nprint(total([1, 2, 3]))\n');
    await wb.screenshot('e2e-edit-accepted');
    assert.ok(fs.existsSync(path.resolve(__dirname, '../../../test-results/e2e-edit-review.png')));
  });

  it('shows the spend in the status bar and opens the usage report from it', async () => {
    const { page } = wb;
    const item = page.locator('.statusbar-item', { hasText: /today|tok\/s/ }).filter({ hasText: /\$\d/ }).first();
    await item.waitFor({ timeout: 30000 });
    const text = await item.innerText();
    assert.match(text, /grok-code-fast-1 · \$\d+\.\d\d today|tok\/s/, `status bar: ${text}`);
    await item.click();
    // The report is a webview: its page lives in nested frames.
    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      for (const frame of page.frames()) {
        const cell = await frame.locator('td', { hasText: 'grok-code-fast-1' }).count().catch(() => 0);
        if (cell > 0) { found = true; break; }
      }
      if (!found) await page.waitForTimeout(200); // frames appear asynchronously; no event reaches this process
    }
    assert.ok(found, 'the usage report lists the model of the edit');
    await wb.screenshot('e2e-usage-report');
  });

  it('converts a pseudocode comment block from its CodeLens, streaming, then accept and save', async () => {
    const { page } = wb;
    await openInExplorer(page, 'cart.ts');
    const convert = page.locator('.codelens-decoration a', { hasText: 'Convert to code' }).first();
    await convert.waitFor({ timeout: 60000 });
    server.enqueue({ text: CART_CODE, tokensPerSecond: 15, ttftMs: 100 });
    await convert.click();
    // While it streams: the live speed in the status bar and the green lines growing.
    await page.locator('.statusbar-item', { hasText: 'tok/s' }).first().waitFor({ timeout: 30000 });
    await page.locator('.codelens-decoration', { hasText: 'Cancel (Esc)' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('e2e-pseudocode-streaming');
    const accept = page.locator('.codelens-decoration a', { hasText: 'Accept' }).first();
    await accept.waitFor({ timeout: 60000 });
    await wb.screenshot('e2e-pseudocode-review');
    await accept.click();
    await page.keyboard.press('Control+S');
    const saved = await waitForDisk(path.join(wb.workspace, 'cart.ts'), t => t.includes('applyDiscount') && !t.includes('// throw if'), page);
    assert.strictEqual(saved, [...CART.split('\n').slice(0, 4), CART_CODE, ''].join('\n'));
  });
});
