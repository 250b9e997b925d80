// What the status bar says, as a pure function of the meters: live speed while streaming, the
// last edit's final speed, cost and cache-hit rate right after, model and today's spend when idle.
// Its tooltip holds the whole breakdown; its colour shows the budget state.
import { BudgetState, describeBudgetLine } from './budget';
import { formatUsd } from './editMeter';

export interface LiveFigures {
  /** Streams running now. */
  count: number;
  tokensPerSecond: number | undefined;
  ttftMs: number | undefined;
  costUsd: number | undefined;
}

export interface EditFigures {
  model: string;
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
  estimated: boolean;
  costUsd: number | undefined;
  savingsUsd: number;
  ttftMs: number | undefined;
  tokensPerSecond: number | undefined;
}

export interface PeriodFigures {
  today: number;
  week: number;
  month: number;
  savingsMonth: number;
  unknownCostRequests: number;
}

export interface StatusInput {
  model: string;
  live?: LiveFigures;
  last?: EditFigures;
  /** The last edit ended a few seconds ago: show its final figures instead of the idle line. */
  justFinished: boolean;
  periods: PeriodFigures;
  budget: BudgetState;
}

export interface StatusView {
  text: string;
  tooltip: string;
  level: BudgetState['level'];
}

const tps = (v: number | undefined) => (v === undefined ? '— tok/s' : `${Math.round(v)} tok/s`);
const ms = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)} ms`);
/** A period's spend: cents, unless it is under a cent (a day of a cheap model), which is never shown as $0.00. */
const usd2 = (v: number) => (v > 0 && v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`);

export function cacheHitPercent(e: Pick<EditFigures, 'input' | 'cachedInput'>): number | undefined {
  return e.input > 0 ? Math.round((e.cachedInput / e.input) * 100) : undefined;
}

export function statusView(s: StatusInput): StatusView {
  let text: string;
  if (s.live && s.live.count > 0) {
    const streams = s.live.count > 1 ? ` ×${s.live.count}` : '';
    text = `$(loading~spin) ${tps(s.live.tokensPerSecond)}${streams} · TTFT ${ms(s.live.ttftMs)} · ${formatUsd(s.live.costUsd, true)}`;
  } else if (s.justFinished && s.last) {
    const hit = cacheHitPercent(s.last);
    text = `$(zap) ${tps(s.last.tokensPerSecond)} · ${formatUsd(s.last.costUsd, s.last.estimated)}${hit !== undefined ? ` · cache ${hit}%` : ''}`;
  } else {
    text = `$(zap) ${s.model} · ${usd2(s.periods.today)} today`;
  }
  if (s.budget.level === 'over') text = `$(error) ${text.replace(/^\$\([^)]+\) /, '')}`;
  else if (s.budget.level === 'warning') text = `$(warning) ${text.replace(/^\$\([^)]+\) /, '')}`;
  return { text, tooltip: tooltip(s), level: s.budget.level };
}

function tooltip(s: StatusInput): string {
  const out: string[] = ['**Fast Inline**', ''];
  if (s.live && s.live.count > 0) {
    out.push(`Streaming ${s.live.count > 1 ? `${s.live.count} edits` : ''}: ${tps(s.live.tokensPerSecond)}, TTFT ${ms(s.live.ttftMs)}, ${formatUsd(s.live.costUsd, true)} so far`, '');
  }
  if (s.last) {
    const e = s.last;
    const approx = e.estimated ? '≈' : '';
    const hit = cacheHitPercent(e);
    out.push(`**Last edit** — ${e.model}`, '',
      '| input | cached | output | reasoning |', '|---:|---:|---:|---:|',
      `| ${approx}${e.input} | ${approx}${e.cachedInput} | ${approx}${e.output} | ${approx}${e.reasoning} |`, '',
      `Cost ${formatUsd(e.costUsd, e.estimated)} · ${tps(e.tokensPerSecond)} · TTFT ${ms(e.ttftMs)}${hit !== undefined ? ` · cache hit ${hit}%` : ''}` +
      `${e.savingsUsd > 0 ? ` · cache saved ${formatUsd(e.savingsUsd, false)}` : ''}`, '');
  }
  const p = s.periods;
  out.push(`**Spend** — today ${usd2(p.today)} · this week ${usd2(p.week)} · this month ${usd2(p.month)}`, '',
    `Cache savings this month: ${formatUsd(p.savingsMonth, false)}`);
  if (p.unknownCostRequests > 0) out.push('', `${p.unknownCostRequests} request(s) this month have no known price: run **Fast Inline: Set Model Price…**`);
  if (s.budget.lines.length) out.push('', ...s.budget.lines.map(l => `${l.level === 'over' ? '⛔' : l.level === 'warning' ? '⚠️' : '✓'} ${describeBudgetLine(l)}`));
  else out.push('', 'No budget set (`fastInline.budget.daily`, `fastInline.budget.monthly`).');
  out.push('', 'Click for the usage report.');
  return out.join('\n');
}
