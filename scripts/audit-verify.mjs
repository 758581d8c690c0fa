// `npm run audit:verify -- <dataDir>`: verifies the audit trail in a data folder's desk.db
// (exit code 0 OK, 1 broken, 2 cannot verify). No prior `npm run build` needed.
import { runTool } from './run-tool.mjs';

await runTool('audit-verify', 'main/audit/verify-cli.ts');
