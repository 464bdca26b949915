// Numbered migrations, in order. Each runs in one transaction with its user_version bump.
import register from './migrations/0001-register.sql';
import personalData from './migrations/0002-personal-data.sql';
import sync from './migrations/0003-sync.sql';
import conflicts from './migrations/0004-conflicts.sql';
import syncIntegrity from './migrations/0005-sync-integrity.sql';
import prioritiesByApplication from './migrations/0006-application-priorities-by-application.sql';
import mergeRules from './migrations/0007-merge-rules.sql';
import lighterRows from './migrations/0008-lighter-rows.sql';
import conflictKeptVersion from './migrations/0009-conflict-kept-version.sql';
import prioritiesKept from './migrations/0010-priorities-kept.sql';
import people from './migrations/0011-people.sql';
import panels from './migrations/0013-panels.sql';
import allocation from './migrations/0014-allocation.sql';
import decisions from './migrations/0015-decisions.sql';
import allocations from './migrations/0016-allocations.sql';
import screening from './migrations/0012-screening.sql';
import audit from './migrations/0017-audit.sql';
import letterTemplates from './migrations/0018-letter-templates.sql';
import statuses from './migrations/0019-statuses.sql';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001-register', sql: register },
  { version: 2, name: '0002-personal-data', sql: personalData },
  { version: 3, name: '0003-sync', sql: sync },
  { version: 4, name: '0004-conflicts', sql: conflicts },
  { version: 5, name: '0005-sync-integrity', sql: syncIntegrity },
  { version: 6, name: '0006-application-priorities-by-application', sql: prioritiesByApplication },
  { version: 7, name: '0007-merge-rules', sql: mergeRules },
  { version: 8, name: '0008-lighter-rows', sql: lighterRows },
  { version: 9, name: '0009-conflict-kept-version', sql: conflictKeptVersion },
  { version: 10, name: '0010-priorities-kept', sql: prioritiesKept },
  { version: 11, name: '0011-people', sql: people },
  { version: 12, name: '0012-screening', sql: screening },
  { version: 13, name: '0013-panels', sql: panels },
  { version: 14, name: '0014-allocation', sql: allocation },
  { version: 15, name: '0015-decisions', sql: decisions },
  { version: 16, name: '0016-allocations', sql: allocations },
  { version: 17, name: '0017-audit', sql: audit },
  { version: 18, name: '0018-letter-templates', sql: letterTemplates },
  { version: 19, name: '0019-statuses', sql: statuses },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
