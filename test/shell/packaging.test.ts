// electron-builder cannot run offline, so its configuration is checked the way it checks it:
// against app-builder-lib's JSON schema, plus the points GrantPanel depends on.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; typed here because it ships no declarations.
const yaml = require('js-yaml') as { load(text: string): unknown };

type Target = string | { target: string };
interface Config {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  mac: { target: Target[]; category: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
  linux: { target: Target[]; category: string };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const targets = (list: Target[]) => list.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('matches electron-builder’s configuration schema', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toStrictEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('uk.gov.westmidlands-pcc.grantpanel');
    expect(config.productName).toBe('GrantPanel');
    expect(config.directories.output).toBe('release');
  });

  it('packs the built app and unpacks better-sqlite3, whose .node file cannot load from an asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/**', 'package.json']));
    expect(config.files).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('builds NSIS for Windows with a choice of install mode, dmg for macOS, AppImage and deb for Linux', () => {
    expect(targets(config.win.target)).toContain('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(targets(config.mac.target)).toContain('dmg');
    expect(config.mac).toMatchObject({ category: 'public.app-category.productivity', hardenedRuntime: true });
    expect(targets(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Office');
  });

  it('switches off the fuses that would let the binary run other code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has its icons and entitlements in build/', () => {
    const png = readFileSync(path.join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toStrictEqual([512, 512]);
    const ico = readFileSync(path.join(root, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(0);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(existsSync(path.join(root, file))).toBe(true);
      expect(readFileSync(path.join(root, file), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    }
  });
});
