/**
 * The concentration thresholds as a risk manager types them (desk currency units and percent),
 * and back into the settings document the core stores (desk cents and fractions of 1).
 * Only "is this a number" is checked here; ranges and "critical at or above warn" are the core's
 * to judge (shared/alert-settings.ts), and its reply is shown as it comes.
 */
import type { AlertSettings } from '../../../shared/alert-settings';

export interface ConcentrationForm {
  enabled: boolean;
  /** Desk currency units, e.g. "5,000,000". */
  notionalWarn: string;
  notionalCritical: string;
  /** Percent of the broker's whole |net notional|. */
  shareWarn: string;
  shareCritical: string;
  /** Percent of the threshold an alert must fall back under before it clears. */
  hysteresis: string;
}

export type ConcentrationField = Exclude<keyof ConcentrationForm, 'enabled'>;

const trimNumber = (n: number): string => String(Number(n.toFixed(6)));

export function concentrationForm(settings: AlertSettings): ConcentrationForm {
  const c = settings.concentration;
  return {
    enabled: c.enabled,
    notionalWarn: trimNumber(c.notional.warn / 100),
    notionalCritical: trimNumber(c.notional.critical / 100),
    shareWarn: trimNumber(c.share.warn * 100),
    shareCritical: trimNumber(c.share.critical * 100),
    hysteresis: trimNumber(c.hysteresis * 100),
  };
}

/** "1,000,000" / "1 000 000" / "2.5" → a number; anything else → null. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s,_]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export type ConcentrationParse =
  | { ok: true; settings: AlertSettings }
  | { ok: false; errors: Partial<Record<ConcentrationField, string>> };

/** The whole settings document with the concentration rule replaced by the form's figures. */
export function applyConcentrationForm(settings: AlertSettings, form: ConcentrationForm): ConcentrationParse {
  const errors: Partial<Record<ConcentrationField, string>> = {};
  const read = (field: ConcentrationField): number => {
    const value = parseAmount(form[field]);
    if (value === null) errors[field] = 'Enter a number';
    return value ?? 0;
  };
  const notionalWarn = read('notionalWarn');
  const notionalCritical = read('notionalCritical');
  const shareWarn = read('shareWarn');
  const shareCritical = read('shareCritical');
  const hysteresis = read('hysteresis');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...settings,
      concentration: {
        ...settings.concentration,
        enabled: form.enabled,
        notional: { warn: Math.round(notionalWarn * 100), critical: Math.round(notionalCritical * 100) },
        share: { warn: shareWarn / 100, critical: shareCritical / 100 },
        hysteresis: hysteresis / 100,
      },
    },
  };
}
