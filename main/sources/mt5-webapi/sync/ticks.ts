/** Latest prices by delta polling: tick/last with the trans_id of the previous answer. */
import { Retcode } from '../../../../shared/mt5';
import type { WebApiConnection } from '../connection/connection';
import type { WireRecord } from '../mappers/reader';
import { tickFromWire } from '../mappers/tick';
import { RefusedError } from './queries';
import type { EventStream } from './stream';

/** Reads the ticks since the cursor's trans_id; returns the newest tick time seen (0 if none). */
export async function pollTicks(connection: WebApiConnection, stream: EventStream): Promise<number> {
  const since = stream.position.tickTransId || '0';
  const reply = await connection.request('tick/last', { symbol: '*', trans_id: since });
  if (reply.retcode === Retcode.ERR_NOTFOUND) return 0;
  if (reply.retcode !== Retcode.OK) throw new RefusedError('tick/last', reply.retcode, reply.retcodeText);
  let newest = 0;
  const answer = Array.isArray(reply.body.answer) ? (reply.body.answer as WireRecord[]) : [];
  for (const record of answer) {
    const result = tickFromWire(record);
    if (!result.ok) {
      stream.malformed('tick', 'tick', result, record, false);
      continue;
    }
    newest = Math.max(newest, result.value.timeMsc);
    stream.add({ type: 'tick', tick: result.value }, false);
  }
  const transId = String(reply.body.trans_id ?? '');
  if (/^\d{1,20}$/.test(transId)) stream.setTickTransId(transId);
  return newest;
}
