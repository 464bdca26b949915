// `grantpanel add round`: a fund, a plan, dates, a status and a budget per area, created through
// rounds.create so the core checks it exactly as it checks the app's round form.
import { parseMoney, formatPence } from '../../../shared/domain/money';
import { formatDate, parseDate } from '../../../shared/domain/dates';
import { printable } from '../../../shared/domain/text';
import type { Input } from '../../../shared/contract';
import { Rejected, UsageError, listOption, rejectedFrom, stringOption, type Command, type Invocation } from './command';
import { matchArea, matchFund, matchPlan, planForNewRound } from './lookups';
import { CallRejected } from './session';

/** The core's field paths as the options a person typed. */
function optionLabel(budgetTexts: string[]) {
  return (field: string): string => {
    const budget = /^budgets\.(\d+)/.exec(field);
    if (budget) return `--budget ${budgetTexts[Number(budget[1])] ?? ''}`.trim();
    const names: Record<string, string> = {
      fundId: '--fund',
      planId: '--plan',
      name: '--name',
      opens: '--opens',
      closes: '--closes',
      status: '--status',
      budgets: '--budget',
    };
    return names[field] ?? field;
  };
}

export const addRoundCommand: Command = {
  words: ['add', 'round'],
  synopsis: 'add round --fund FUND --name NAME --opens DATE --closes DATE …',
  summary: 'Create a funding round',
  usage: [
    'grantpanel add round --fund FUND --name NAME --opens DATE --closes DATE [--plan PLAN] [--status open|draft|closed] [--budget AREA=AMOUNT …]',
  ],
  options: {
    fund: { type: 'string' },
    name: { type: 'string' },
    opens: { type: 'string' },
    closes: { type: 'string' },
    plan: { type: 'string' },
    status: { type: 'string' },
    budget: { type: 'string', multiple: true },
  },
  optionHelp: [
    ['--fund FUND', 'The fund: its id or code (acf, ACF) or its name. See: grantpanel list funds'],
    ['--name NAME', 'The round’s name, 120 characters or fewer.'],
    ['--opens DATE', 'Opening date, like 2026-10-01 or 01/10/2026 (day first).'],
    ['--closes DATE', 'Closing date, on or after the opening date.'],
    ['--plan PLAN', 'The Police and Crime Plan it scores against, by id. Default: the plan in force this year (else the newest).'],
    ['--status STATUS', 'open (default), draft or closed.'],
    ['--budget AREA=AMOUNT', 'A budget for one area; repeat for each area. AREA is its id or name, AMOUNT like £45,000 or 45000.'],
  ],
  positionals: [],
  notes: ['Applications can only be imported for areas that have a budget, when the round has any budgets.'],
  examples: [
    'grantpanel add round --fund ACF --name "Active Citizens Fund 2027–28" --opens 01/10/2027 --closes 17/12/2027 \\\n      --budget Birmingham=£120,000 --budget Coventry=45000 --budget "Sandwell=£45,000"',
    'grantpanel add round --fund csf --name "Community Safety Fund 2026–27" --opens 2026-04-01 --closes 2026-06-30 --status draft',
  ],
  check(values) {
    const missing = ['fund', 'name', 'opens', 'closes'].filter((o) => stringOption(values, o) === undefined);
    if (missing.length > 0) throw new UsageError(`Missing ${missing.map((o) => `--${o}`).join(', ')}`, addRoundCommand);
  },
  async run({ values, call, io }: Invocation) {
    const problems: string[] = [];
    const [funds, plans, areas] = await Promise.all([
      call('catalogue.funds', {}),
      call('catalogue.plans', {}),
      call('catalogue.areas', {}),
    ]);

    const fund = matchFund(funds, stringOption(values, 'fund') ?? '');
    if (!fund.ok) problems.push(`--fund: ${fund.problem}`);

    const planText = stringOption(values, 'plan');
    let planId = planForNewRound(plans)?.id ?? '';
    if (planText !== undefined) {
      const plan = matchPlan(plans, planText);
      if (plan.ok) planId = plan.value.id;
      else problems.push(`--plan: ${plan.problem}`);
    }

    const budgetTexts = listOption(values, 'budget');
    const budgets: { areaId: string; amountPence: number }[] = [];
    for (const text of budgetTexts) {
      const at = text.indexOf('=');
      if (at < 0) {
        problems.push(`--budget ${text}: write it as AREA=AMOUNT, like Coventry=£45,000`);
        continue;
      }
      const area = matchArea(areas, text.slice(0, at));
      const amount = parseMoney(text.slice(at + 1));
      if (!area.ok) problems.push(`--budget ${text}: ${area.problem}`);
      if (amount === null)
        problems.push(`--budget ${text}: "${text.slice(at + 1).trim()}" is not an amount of money — write it like £45,000 or 45000`);
      if (area.ok && amount !== null) budgets.push({ areaId: area.value.id, amountPence: amount });
    }
    if (problems.length > 0) throw new Rejected('The round has problems — nothing was created', problems);

    // Dates the CLI cannot read go to the core as typed, so its message is the app's message.
    const opens = stringOption(values, 'opens') ?? '';
    const closes = stringOption(values, 'closes') ?? '';
    const input: Input<'rounds.create'> = {
      fundId: fund.ok ? fund.value.id : '',
      planId,
      name: stringOption(values, 'name') ?? '',
      opens: parseDate(opens) ?? opens,
      closes: parseDate(closes) ?? closes,
      budgets,
      // The status goes to the core as typed; its schema names the statuses it accepts.
      ...(stringOption(values, 'status') !== undefined
        ? { status: stringOption(values, 'status') as Input<'rounds.create'>['status'] }
        : {}),
    };
    let round;
    try {
      round = await call('rounds.create', input);
    } catch (error) {
      if (error instanceof CallRejected) throw rejectedFrom(error.error, optionLabel(budgetTexts));
      throw error;
    }
    const total = round.budgets.reduce((s, b) => s + b.amountPence, 0);
    io.stdout(
      [
        `Created round ${printable(round.name)}`,
        `Round id: ${round.id}`,
        `${round.status}, ${formatDate(round.opens)} to ${formatDate(round.closes)}; ${round.budgets.length ? `budgets for ${round.budgets.length} areas, ${formatPence(total)} in all` : 'no area budgets'}`,
      ].join('\n') + '\n',
    );
  },
};
