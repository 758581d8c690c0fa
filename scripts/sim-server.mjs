// `npm run sim:server`: the simulator served as an MT5 Web API over HTTPS on 127.0.0.1.
// Settings: SIM_PORT, SIM_SEED, SIM_SPEED. No prior `npm run build` needed.
import { runTool } from './run-tool.mjs';

await runTool('sim-server', 'main/sources/simulator/webapi/cli.ts');
