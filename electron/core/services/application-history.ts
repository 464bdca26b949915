// An application's history, read from the event log: each event filed under it, who made it on
// which laptop and when, and what it did in a grants officer's words. Read in the order the
// projection applied them (clock order), so a change that clashed, or a reinstatement of an
// application no longer withdrawn, is described as what it did, not what it asked for.
import type { ApplicationHistory, HistoryEntry } from '../../../shared/contract/applications';
import { CONTACT_FIELDS, type ApplicationRecord, type ContactField } from '../../../shared/domain/application';
import { DomainError } from '../../../shared/contract/result';
import { mustMayReadInFull } from './applications';
import { authorise, can } from '../authorise';
import type { CoreContext, Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { FieldChanges } from '../merge/editable';
import { version } from '../merge/conflicts';
import { personalData } from '../personal-data';
import { applications } from './applications';

interface EventRow {
  device_id: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  payload: string;
  hash: string;
}

/** What a conflict an event raised says: the fields of that event that were not applied, and whether a person has chosen yet. */
interface Raised {
  fields: Set<string>;
  open: boolean;
}

type Status = ApplicationRecord['status'] | null;

/** Text a person typed, quoted; long text cut short, as the history is a list, not the record. */
const TEXT_FIELDS = new Set([
  'organisationName',
  'charityNumber',
  'companyNumber',
  'projectTitle',
  'summary',
  'sustainability',
  'withdrawnReason',
]);
const LONGEST = 160;
const quote = (text: string) => `“${text.length > LONGEST ? `${text.slice(0, LONGEST)}…` : text}”`;

const CONTACT_LABELS: Record<ContactField, string> = {
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
};

class Describer {
  constructor(
    private readonly db: Db,
    /** Whether the person reading may see contact details (personal data). */
    private readonly personal: boolean,
  ) {}

  label(field: string): string {
    return applications.fieldLabel(this.db, field);
  }

  value(field: string, value: unknown): string {
    const text = applications.describe(this.db, field, value);
    return TEXT_FIELDS.has(field) && typeof value === 'string' && value !== ''
      ? quote(value)
      : text.length > LONGEST
        ? `${text.slice(0, LONGEST)}…`
        : text;
  }

  /**
   * Contact details travel as a digest of the details held beside the log, and replaced ones are
   * erased: field by field where both versions are still held, and values only for people allowed
   * to read personal data.
   */
  contact(from: unknown, to: unknown): string[] {
    const before = typeof from === 'string' ? personalData(this.db, from) : null;
    const after = typeof to === 'string' ? personalData(this.db, to) : null;
    if (before && after) {
      const changed = CONTACT_FIELDS.filter((f) => (before[f] ?? '') !== (after[f] ?? ''));
      if (changed.length === 0) return ['Contact details entered again, unchanged'];
      return changed.map((f) =>
        this.personal
          ? `${CONTACT_LABELS[f]} changed from ${quote(before[f] || '(blank)')} to ${quote(after[f] || '(blank)')}`
          : `${CONTACT_LABELS[f]} changed`,
      );
    }
    if (after && this.personal) {
      const now = CONTACT_FIELDS.map((f) => after[f]).filter(Boolean);
      return [`Contact details changed to ${quote(now.join(', '))} (the earlier ones are not kept)`];
    }
    return ['Contact details changed'];
  }

  /**
   * A field-by-field change, each line what it did; fields that clashed were not applied. `before`
   * is the status it found: a second laptop's withdrawal finds the application withdrawn already.
   */
  changes(changes: FieldChanges, raised: Raised | undefined, before: Status): string[] {
    const lines: string[] = [];
    const applied = (f: string) => f in changes && !raised?.fields.has(f);
    const withdrawn = applied('status') && changes.status?.to === 'withdrawn';
    // In the order the form shows the fields, not the log's (alphabetical) order.
    const order = (f: string) => (applications.fields.includes(f) ? applications.fields.indexOf(f) : applications.fields.length);
    const fields = Object.entries(changes).sort(([a], [b]) => order(a) - order(b));
    for (const [field, { from, to }] of fields) {
      if (raised?.fields.has(field)) {
        const waiting = raised.open ? ', and waits for a person on the Conflicts screen' : '';
        lines.push(
          field === 'contactDigest'
            ? `A change to the contact details was not applied: it clashed with another change${waiting}`
            : `${this.label(field)} was not changed to ${this.value(field, to)}: it clashed with another change${waiting}`,
        );
      } else if (field === 'status' && withdrawn) {
        const already = before === 'withdrawn' ? ' (it already was)' : '';
        const reason =
          applied('withdrawnReason') && typeof changes.withdrawnReason?.to === 'string' ? `: ${changes.withdrawnReason.to}` : '';
        lines.push(`Withdrawn${already}${reason}`);
      } else if (field === 'withdrawnReason' && withdrawn) {
        continue;
      } else if (field === 'contactDigest') {
        lines.push(...this.contact(from, to));
      } else {
        lines.push(`${this.label(field)} changed from ${this.value(field, from)} to ${this.value(field, to)}`);
      }
    }
    return lines;
  }

  /** A person's choice in a conflict, field by field: the value kept, or the other version's. */
  resolved(p: { choices: Record<string, 'kept' | 'incoming'>; values: Record<string, unknown> }): string[] {
    return Object.entries(p.choices).map(([field, choice]) => {
      const what =
        field === 'contactDigest'
          ? this.personal && typeof p.values[field] === 'string' && personalData(this.db, p.values[field])
            ? `the contact details ${quote(
                Object.values(personalData(this.db, p.values[field]) ?? {})
                  .filter(Boolean)
                  .join(', '),
              )}`
            : 'one version of the contact details'
          : `${this.label(field)} ${this.value(field, p.values[field])}`;
      return choice === 'kept' ? `Conflict resolved: kept ${what}` : `Conflict resolved: chose ${what} from the other version`;
    });
  }
}

/**
 * The application's events in clock order, each described. Found by the events table's index on
 * entity: an application has tens of events whatever the log holds.
 */
export function applicationHistory(ctx: CoreContext, id: string, personal = can(ctx.person, 'read-personal-data')): ApplicationHistory {
  const record = applications.read(ctx.db, id);
  if (!record) throw new DomainError('NOT_FOUND', 'That application does not exist');
  const raised = new Map(
    statement<[string], { id: string; fields: string; resolved_at: string | null }>(
      ctx.db,
      "SELECT id, fields, resolved_at FROM conflicts WHERE kind = 'application' AND entity_id = ?",
    )
      .all(id)
      .map((c): [string, Raised] => [
        c.id,
        { fields: new Set((JSON.parse(c.fields) as { field: string }[]).map((f) => f.field)), open: c.resolved_at === null },
      ]),
  );
  const rows = statement<[string], EventRow>(
    ctx.db,
    'SELECT device_id, seq, hlc, actor, type, payload, hash FROM events WHERE entity = ? ORDER BY hlc, device_id, seq',
  ).all(`application:${id}`);
  const describe = new Describer(ctx.db, personal);
  // The status as the projection held it before each event: a reinstatement acts only on a withdrawn application.
  let status: Status = null;
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const conflict = raised.get(row.hash);
    let lines: string[];
    switch (row.type) {
      case 'application.received':
      case 'application.added':
        lines = status === null ? ['Received'] : ['Received again on another laptop: fields that differ were raised as a conflict'];
        status ??= 'received';
        break;
      case 'application.changed':
      case 'conflict.resolved': {
        const changes = (payload.changes ?? {}) as FieldChanges;
        lines =
          row.type === 'conflict.resolved'
            ? describe.resolved(payload as { choices: Record<string, 'kept' | 'incoming'>; values: Record<string, unknown> })
            : describe.changes(changes, conflict, status);
        const to = changes.status?.to;
        // A status change that did not clash either applied or found the status already so.
        if (changes.status && !conflict?.fields.has('status') && (to === 'received' || to === 'withdrawn')) status = to;
        break;
      }
      case 'application.reinstated':
        lines = [
          status === 'withdrawn'
            ? `Reinstated: ${String(payload.reason)}`
            : `Reinstated: ${String(payload.reason)} — it was not withdrawn by then, so nothing changed`,
        ];
        if (status === 'withdrawn') status = 'received';
        break;
      case 'application.withdrawn':
        lines = [`Withdrawn: ${String(payload.reason)}`];
        status = 'withdrawn';
        break;
      default:
        lines = [`A change from a newer version of GrantPanel, kept but not shown here (${row.type})`];
    }
    if (lines.length === 0) lines = ['Saved with no change'];
    entries.push({
      id: `${row.device_id}:${row.seq}`,
      ...version(ctx, { hlc: row.hlc, actor: row.actor, deviceId: row.device_id }),
      lines,
    });
  }
  return { reference: record.reference, entries };
}

export const applicationHistoryHandlers: Handlers<'applications.history'> = {
  'applications.history': ({ id }, ctx) => {
    authorise(ctx, 'read-register');
    mustMayReadInFull(ctx, id);
    return applicationHistory(ctx, id);
  },
};
