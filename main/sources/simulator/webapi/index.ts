/** The simulator's MT5 Web API server: what tests and `npm run sim:server` use. */
export { DEFAULT_MANAGERS, startWebApiServer, type WebApiServer, type WebApiServerOptions } from './server';
