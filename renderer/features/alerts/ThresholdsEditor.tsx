/**
 * The concentration rule's thresholds, edited in desk currency and percent. Saving sends the
 * whole settings document (`alerts.settings.save`) as the core stores it, in cents and fractions;
 * the core validates it and its message is shown as it comes.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { AlertSettings } from '../../../shared/alert-settings';
import type { DeskApi } from '../../../shared/contract';
import {
  applyConcentrationForm,
  type ConcentrationField,
  type ConcentrationForm,
  concentrationForm,
} from './concentration-form';

export interface ThresholdsEditorProps {
  desk: DeskApi;
  deskCurrency: string;
  onClose: () => void;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export function ThresholdsEditor({ desk, deskCurrency, onClose }: ThresholdsEditorProps) {
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const [form, setForm] = useState<ConcentrationForm | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ConcentrationField, string>>>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    desk['alerts.settings']({}).then(
      (reply) => {
        if (!live) return;
        if (reply.ok) {
          setSettings(reply.value);
          setForm(concentrationForm(reply.value));
        } else {
          setStatus({ kind: 'error', message: reply.error.message });
        }
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [desk]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings || !form) return;
    const parsed = applyConcentrationForm(settings, form);
    if (!parsed.ok) {
      setFieldErrors(parsed.errors);
      setStatus({ kind: 'error', message: 'Some fields are not numbers.' });
      return;
    }
    setFieldErrors({});
    setStatus({ kind: 'saving' });
    try {
      const reply = await desk['alerts.settings.save']({ settings: parsed.settings });
      if (reply.ok) {
        setSettings(reply.value);
        setForm(concentrationForm(reply.value));
        setStatus({ kind: 'saved' });
      } else {
        setStatus({ kind: 'error', message: reply.error.message });
      }
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const field = (name: ConcentrationField, label: string, unit: string) => (
    <label className="thresholds-field">
      <span>{label}</span>
      <input
        data-testid={`thresholds-${name}`}
        inputMode="decimal"
        spellCheck={false}
        value={form?.[name] ?? ''}
        disabled={!form}
        aria-invalid={fieldErrors[name] ? true : undefined}
        onChange={(e) => {
          const value = e.target.value;
          setForm((f) => (f ? { ...f, [name]: value } : f));
          setStatus({ kind: 'idle' });
        }}
      />
      <span className="muted">{unit}</span>
      {fieldErrors[name] && <span className="error-text">{fieldErrors[name]}</span>}
    </label>
  );

  return (
    <form className="thresholds" data-testid="thresholds-editor" onSubmit={save} aria-label="Concentration thresholds">
      <header className="thresholds-head">
        <strong>Symbol concentration</strong>
        <label className="thresholds-enabled">
          <input
            type="checkbox"
            data-testid="thresholds-enabled"
            checked={form?.enabled ?? false}
            disabled={!form}
            onChange={(e) => {
              const enabled = e.target.checked;
              setForm((f) => (f ? { ...f, enabled } : f));
            }}
          />
          enabled
        </label>
      </header>
      <p className="muted thresholds-help">
        |Broker net notional| of a symbol, or its share of the whole book; the worse of the two sets the level.
      </p>
      <div className="thresholds-grid">
        {field('notionalWarn', 'Notional warn', deskCurrency)}
        {field('notionalCritical', 'Notional critical', deskCurrency)}
        {field('shareWarn', 'Share warn', '%')}
        {field('shareCritical', 'Share critical', '%')}
        {field('hysteresis', 'Hysteresis', '% of limit')}
      </div>
      <div className="thresholds-actions">
        <button type="submit" data-testid="thresholds-save" disabled={!form || status.kind === 'saving'}>
          Save
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
        {status.kind === 'saved' && (
          <span className="ok-text" data-testid="thresholds-saved">
            Saved
          </span>
        )}
        {status.kind === 'error' && (
          <span className="error-text" role="alert" data-testid="thresholds-error">
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}
