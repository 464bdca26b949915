// Numbered migrations, in order. Each runs in one transaction with its user_version bump.
import register from './migrations/0001-register.sql';
import personalData from './migrations/0002-personal-data.sql';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001-register', sql: register },
  { version: 2, name: '0002-personal-data', sql: personalData },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
