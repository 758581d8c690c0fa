// Migrations are .sql files bundled as text (esbuild's text loader; a vitest plugin in tests).
declare module '*.sql' {
  const sql: string;
  export default sql;
}
