/**
 * A desk's ingest loop in its own process, for the crash test: the simulator streams into the
 * mirror at `dataDir` from the stored cursor up to `targetSeq`, reporting progress on stdout.
 * The test kills it with SIGKILL at arbitrary points and starts it again.
 * Usage: node ingest-worker.cjs <dataDir> <seed> <targetSeq>
 */
import path from 'node:path';
import { openMirror } from '../../main/cache';
import { Simulator } from '../../main/sources/simulator/simulator';
import type { SourceCursor } from '../../shared/events';
import { CRASH_SERVER, crashSimulatorConfig } from './crash-config';

const [dataDir, seedArg, targetArg] = process.argv.slice(2);
if (!dataDir || !seedArg || !targetArg) throw new Error('usage: ingest-worker <dataDir> <seed> <targetSeq>');
const target = Number(targetArg);

const mirror = openMirror(path.join(dataDir, 'mirror.db'));
const simulator = new Simulator(crashSimulatorConfig(Number(seedArg)));
let cursor: SourceCursor = mirror.cursor(CRASH_SERVER);
simulator.fastForward(cursor.seq);
process.stdout.write(`resumed ${cursor.seq}\n`);

while (cursor.seq < target) {
  const events = simulator.next(Math.min(500, target - cursor.seq));
  if (events.length === 0) break;
  let { dealTimeMsc, dealTicket } = cursor;
  for (const event of events) {
    if (event.type === 'deal.add') ({ timeMsc: dealTimeMsc, ticket: dealTicket } = event.deal);
  }
  cursor = { seq: events[events.length - 1]!.seq, dealTimeMsc, dealTicket, tickTransId: '' };
  mirror.applyBatch(CRASH_SERVER, events, cursor);
  process.stdout.write(`applied ${cursor.seq}\n`);
}
mirror.close();
process.stdout.write(`done ${cursor.seq}\n`);
