/**
 * Reads one wire record with the strict scalars, collecting failures instead of throwing, so a
 * mapper can build the whole desk record and say at the end whether it is sound. A field that
 * failed keeps its raw wire value (as a string, which no number field accepts), so the event the
 * cache receives is refused by its schema at that field and dead-lettered with a reason that
 * names it, never applied with a NaN.
 */
import { moneyFromDouble, timeFromWire, volumeFromWire } from '../../../../shared/units';
import { decimal, int, ScalarError, str } from '../protocol/scalars';

export type WireRecord = Readonly<Record<string, unknown>>;

export class WireReader {
  readonly problems: string[] = [];

  constructor(readonly record: WireRecord) {}

  get sound(): boolean {
    return this.problems.length === 0;
  }

  int(field: string): number {
    return this.read(field, () => int(field, this.record[field]));
  }

  /** An integer that may be absent (0 then), e.g. VolumeExt on older servers. */
  optionalInt(field: string): number | undefined {
    return this.record[field] === undefined ? undefined : this.int(field);
  }

  decimal(field: string): number {
    return this.read(field, () => decimal(field, this.record[field]));
  }

  /** A decimal that older servers or some records leave out (0 then). */
  optionalDecimal(field: string): number {
    return this.record[field] === undefined ? 0 : this.decimal(field);
  }

  /** A money double to integer cents. */
  money(field: string): number {
    return this.read(field, () => moneyFromDouble(decimal(field, this.record[field])));
  }

  /** A money field that older servers may leave out. */
  optionalMoney(field: string): number {
    return this.record[field] === undefined ? 0 : this.money(field);
  }

  str(field: string): string {
    try {
      return str(field, this.record[field]);
    } catch (error) {
      this.problems.push(describe(error));
      // A non-string (object, boolean) stays as it came: the schema refuses it at this field.
      return this.record[field] as string;
    }
  }

  /** Desk volume (1/1e8 lot) from `<field>` (1/10000 lot) and `<field>Ext` (1/1e8 lot). */
  volume(field: string): number {
    const before = this.problems.length;
    const wire = this.optionalInt(field);
    const ext = this.optionalInt(`${field}Ext`);
    if (this.problems.length > before)
      return typeof wire === 'number' ? (ext as unknown as number) : (wire as unknown as number);
    return volumeFromWire({ Volume: wire, VolumeExt: ext });
  }

  /** Milliseconds from `<prefix>Msc`, else from `<prefix>` in seconds. */
  time(prefix: string): number {
    const before = this.problems.length;
    const msc = this.optionalInt(`${prefix}Msc`);
    const seconds = this.optionalInt(prefix);
    if (this.problems.length > before)
      return typeof msc === 'number' ? (seconds as unknown as number) : (msc as unknown as number);
    return timeFromWire({ TimeMsc: msc, Time: seconds });
  }

  private read(field: string, parse: () => number): number {
    try {
      return parse();
    } catch (error) {
      this.problems.push(describe(error));
      return this.raw(field);
    }
  }

  /** The raw value of a field that failed, typed as the number it should have been. */
  private raw(field: string): number {
    const value = this.record[field];
    return (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'missing')) as unknown as number;
  }
}

function describe(error: unknown): string {
  return error instanceof ScalarError ? error.message : String(error);
}

/** What a mapper gives back: the desk record, or the event to dead-letter with why. */
export type Mapped<T> = { ok: true; value: T } | { ok: false; value: T; problems: string[] };

export function mapped<T>(reader: WireReader, value: T): Mapped<T> {
  return reader.sound ? { ok: true, value } : { ok: false, value, problems: reader.problems };
}

/** A record's key (ticket, login) when it parses, for records that failed elsewhere. */
export function keyOf(record: WireRecord, field: string): number | undefined {
  try {
    return int(field, record[field]);
  } catch {
    return undefined;
  }
}
