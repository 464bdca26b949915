declare module '*.sql' {
  const sql: string;
  export default sql;
}
declare module '*.css';
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}

/** package.json's version, set by Vite at build time. */
declare const __APP_VERSION__: string;
