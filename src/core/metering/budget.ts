// Daily and monthly spending limits: a warning at 80%, a refusal at 100% (with a one-click
// override in the UI). A limit of 0 or none means no limit.

export interface BudgetLimits {
  daily?: number;
  monthly?: number;
}

export type BudgetLevel = 'ok' | 'warning' | 'over';

export interface BudgetLine {
  period: 'daily' | 'monthly';
  spent: number;
  limit: number;
  ratio: number;
  level: BudgetLevel;
}

export interface BudgetState {
  level: BudgetLevel;
  lines: BudgetLine[];
  /** The line that decides the level (the most used one). */
  worst?: BudgetLine;
}

export const WARN_RATIO = 0.8;

function line(period: BudgetLine['period'], spent: number, limit: number | undefined): BudgetLine | undefined {
  if (!limit || !Number.isFinite(limit) || limit <= 0) return undefined;
  const ratio = spent / limit;
  return { period, spent, limit, ratio, level: ratio >= 1 ? 'over' : ratio >= WARN_RATIO ? 'warning' : 'ok' };
}

export function budgetState(spentToday: number, spentThisMonth: number, limits: BudgetLimits): BudgetState {
  const lines = [line('daily', spentToday, limits.daily), line('monthly', spentThisMonth, limits.monthly)].filter((l): l is BudgetLine => !!l);
  const worst = lines.reduce<BudgetLine | undefined>((w, l) => (!w || l.ratio > w.ratio ? l : w), undefined);
  return { level: worst?.level ?? 'ok', lines, worst };
}

export function describeBudgetLine(l: BudgetLine): string {
  const name = l.period === 'daily' ? "Today's" : "This month's";
  return `${name} budget: $${l.spent.toFixed(2)} of $${l.limit.toFixed(2)} (${Math.round(l.ratio * 100)}%)`;
}
