// Driving the real VS Code workbench (code-server in headless chromium) like a person: the
// packaged .vsix installed into a fresh profile, files clicked in the explorer, commands run from
// the F1 palette, keys typed. Used by the end-to-end tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page, BrowserContext } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cs = require(path.resolve(__dirname, '../../../scripts/lib/codeServer.js'));

export const RESULTS_DIR = path.resolve(__dirname, '../../../test-results');

export interface Workbench {
  page: Page;
  workspace: string;
  /** code-server's user data (settings, workspace storage, VS Code's backups of unsaved files). */
  userDataDir: string;
  /** code-server's own process (the extension host is one of its children). */
  serverPid: number;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(opts: { files: Record<string, string>; settings: Record<string, unknown>; env?: Record<string, string> }): Promise<Workbench> {
  const vsix = process.env.FAST_INLINE_VSIX;
  if (!vsix || !fs.existsSync(vsix)) throw new Error('FAST_INLINE_VSIX must name the packaged extension (npm test builds it)');
  const profile = cs.makeProfile('fast-inline-e2e-');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-inline-e2e-ws-'));
  for (const [name, content] of Object.entries(opts.files)) fs.writeFileSync(path.join(workspace, name), content);
  cs.writeUserSettings(profile, {
    'workbench.startupEditor': 'none', 'git.enabled': false, 'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'editor.minimap.enabled': false,
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'files.autoSave': 'off',
    // code-server 1.139 opens its Chat view on the right and may give it focus: keep it closed.
    'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...opts.settings,
  });
  cs.installExtension(profile, vsix);
  const server = await cs.startCodeServer({ profile, env: opts.env });
  const { context, page } = await cs.launchBrowser(profile) as { context: BrowserContext; page: Page };
  await page.goto(cs.workbenchUrl(server, workspace));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    page,
    workspace,
    userDataDir: profile.userDataDir,
    serverPid: server.proc.pid,
    screenshot: async name => {
      const file = path.join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await server.stop();
      profile.cleanup();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** For afterEach: a screenshot named after the test that just failed, under test-results/. */
export async function screenshotIfFailed(test: Mocha.Test | undefined, wb: Workbench | undefined): Promise<void> {
  if (test?.state === 'failed') await wb?.screenshot(`e2e-failed-${test.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
}

/** Clicks a file in the explorer and focuses its editor. */
export async function openInExplorer(page: Page, name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: 60000 });
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 30000 });
  await page.locator('.monaco-editor .view-lines').first().click();
}

/**
 * Runs a command from the F1 palette by its title. On a fresh profile the extension host needs a
 * few seconds before contributed commands are listed, so this retries until the row appears.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch {
      if (attempt >= 20) throw new Error(`"${title}" never appeared in the command palette`);
      await page.keyboard.press('Escape');
    }
  }
  await row.click();
}

/** Opens a file from the explorer and selects its first `lines` lines with the keyboard. */
export async function selectFirstLines(page: Page, name: string, lines: number): Promise<void> {
  await openInExplorer(page, name);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < lines; i++) await page.keyboard.press('Shift+ArrowDown');
}

/**
 * Developer: Reload Window, and resolves once the new page's workbench is up — never on the old
 * page, whose editors and CodeLens stay on screen until it unloads.
 */
export async function reloadWindow(page: Page): Promise<void> {
  await page.evaluate(() => { (globalThis as { fastInlineOldPage?: boolean }).fastInlineOldPage = true; });
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForFunction(() => !(globalThis as { fastInlineOldPage?: boolean }).fastInlineOldPage, undefined, { timeout: 90000 });
  await page.locator('.monaco-workbench .part.editor').first().waitFor({ timeout: 90000 });
}

/** Puts the keyboard focus in the (first) text editor. */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
}

/**
 * Types into the open quick input (input box or quick pick) and presses Enter. The widget stays
 * on screen from a quick pick to the input box after it, so a password box is waited for by its
 * type: typing before it replaced the pick would filter the pick instead.
 */
/** The placeholder of Edit Selection's instruction box. */
export const INSTRUCTION = { placeholder: 'Describe the change' };

export async function answerQuickInput(page: Page, text: string, opts: { password?: boolean; placeholder?: string } = {}): Promise<void> {
  const input = page.locator(opts.password ? '.quick-input-widget input[type="password"]'
    : opts.placeholder ? `.quick-input-widget input[placeholder*=${JSON.stringify(opts.placeholder)}]` : '.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Every file below `dir` (none when it does not exist). */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? filesBelow(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Resolves when the file on disk satisfies `check`. */
export async function waitForDisk(file: string, check: (text: string) => boolean, page: Page, timeoutMs = 30000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`the file never reached the expected content; it holds:\n${text}`);
    await page.waitForTimeout(100); // polling the disk: there is no event to await from here
  }
}
