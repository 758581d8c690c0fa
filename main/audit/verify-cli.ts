/**
 * `npm run audit:verify -- <dataDir>` (scripts/audit-verify.mjs bundles and runs this):
 * prints "audit trail OK: N entries" and exits 0, or "audit trail BROKEN at entry #id: reason"
 * and exits 1; exits 2 when it cannot verify at all (no data folder, no desk.db, no trail).
 */
import { verifyDataDir } from './verify-data-dir';

const [dataDir, ...rest] = process.argv.slice(2);
if (!dataDir || rest.length > 0 || dataDir === '--help') {
  console.error('usage: npm run audit:verify -- <dataDir>   (the folder holding desk.db)');
  process.exitCode = 2;
} else {
  const { exitCode, line } = verifyDataDir(dataDir);
  (exitCode === 0 ? console.log : console.error)(line);
  process.exitCode = exitCode;
}
