// Numbered migrations, in order. Each runs in one transaction with its user_version bump.
import register from './migrations/0001-register.sql';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [{ version: 1, name: '0001-register', sql: register }];

export const SCHEMA_VERSION = MIGRATIONS.length;
