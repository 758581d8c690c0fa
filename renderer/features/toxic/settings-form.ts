/**
 * The toxic-flow thresholds as a flat form: every number and on/off switch of the settings
 * document, by its path ("latencyArb.windowMs"). Lists (the A-book detectors) are kept as they
 * are. The core validates the document it gets back and its message is what the editor shows.
 */
import type { ToxicSettings } from '../../../shared/toxic';

export interface SettingsField {
  path: string;
  section: string;
  name: string;
  kind: 'number' | 'boolean';
}

export type SettingsForm = Record<string, string | boolean>;

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix: string[], out: SettingsField[]): void {
  for (const [key, value] of Object.entries(tree)) {
    const path = [...prefix, key];
    if (typeof value === 'number' || typeof value === 'boolean') {
      out.push({
        path: path.join('.'),
        section: prefix[0] ?? 'window',
        name: key,
        kind: typeof value === 'number' ? 'number' : 'boolean',
      });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      leaves(value as Tree, path, out);
    }
  }
}

export function settingsFields(settings: ToxicSettings): SettingsField[] {
  const out: SettingsField[] = [];
  leaves(settings as unknown as Tree, [], out);
  return out;
}

export function settingsForm(settings: ToxicSettings): SettingsForm {
  const form: SettingsForm = {};
  for (const field of settingsFields(settings)) {
    const value = field.path.split('.').reduce<unknown>((node, key) => (node as Tree)[key], settings);
    form[field.path] = field.kind === 'number' ? String(value) : Boolean(value);
  }
  return form;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The edited document, or the fields that are not numbers (ranges are the core's to judge). */
export function applySettingsForm(
  settings: ToxicSettings,
  form: SettingsForm,
): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const copy = structuredClone(settings) as unknown as Tree;
  const errors: string[] = [];
  for (const field of settingsFields(settings)) {
    const raw = form[field.path];
    const keys = field.path.split('.');
    const parent = keys.slice(0, -1).reduce<Tree>((node, key) => node[key] as Tree, copy);
    const last = keys.at(-1) as string;
    if (field.kind === 'boolean') parent[last] = raw === true;
    else if (typeof raw === 'string' && NUMBER.test(raw.trim())) parent[last] = Number(raw.trim());
    else errors.push(field.path);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: copy };
}
