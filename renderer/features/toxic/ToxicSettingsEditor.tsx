/**
 * The detectors' thresholds, every number and switch of the settings document grouped by
 * detector. Saving sends the whole document; the core validates it, re-tallies every window and
 * records the change in the audit trail. Its refusal is shown as it comes.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { ToxicSettings } from '../../../shared/toxic';
import { useStartedDesk } from '../../desk-context';
import { usePermission } from '../../stores/session-store';
import { applySettingsForm, type SettingsForm, settingsFields, settingsForm } from './settings-form';

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

export function ToxicSettingsEditor() {
  const { desk } = useStartedDesk();
  const canTune = usePermission('tune-alerts');
  const [settings, setSettings] = useState<ToxicSettings | null>(null);
  const [form, setForm] = useState<SettingsForm>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    desk['toxic.settings']({}).then(
      (reply) => {
        if (!live) return;
        if (!reply.ok) return setStatus({ kind: 'error', message: reply.error.message });
        setSettings(reply.value);
        setForm(settingsForm(reply.value));
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [desk]);

  if (!settings) return <p className="muted">{status.kind === 'error' ? status.message : 'loading…'}</p>;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const edited = applySettingsForm(settings, form);
    if (!edited.ok) return setStatus({ kind: 'error', message: `Not a number: ${edited.errors.join(', ')}` });
    setStatus({ kind: 'saving' });
    const reply = await desk['toxic.settings.save']({ settings: edited.value });
    if (!reply.ok) return setStatus({ kind: 'error', message: reply.error.message });
    setSettings(reply.value);
    setForm(settingsForm(reply.value));
    setStatus({ kind: 'saved' });
  };

  const fields = settingsFields(settings);
  const sections = [...new Set(fields.map((f) => f.section))];
  return (
    <form className="toxic-settings" data-testid="toxic-settings" onSubmit={save}>
      {sections.map((section) => (
        <fieldset key={section} disabled={!canTune}>
          <legend>{section}</legend>
          {fields
            .filter((f) => f.section === section)
            .map((f) => (
              <label key={f.path} htmlFor={`toxic-setting-${f.path}`}>
                <span>{f.name}</span>
                {f.kind === 'boolean' ? (
                  <input
                    type="checkbox"
                    id={`toxic-setting-${f.path}`}
                    data-testid={`toxic-setting-${f.path}`}
                    checked={form[f.path] === true}
                    onChange={(e) => setForm((old) => ({ ...old, [f.path]: e.target.checked }))}
                  />
                ) : (
                  <input
                    id={`toxic-setting-${f.path}`}
                    data-testid={`toxic-setting-${f.path}`}
                    inputMode="decimal"
                    size={8}
                    value={String(form[f.path] ?? '')}
                    onChange={(e) => setForm((old) => ({ ...old, [f.path]: e.target.value }))}
                  />
                )}
              </label>
            ))}
        </fieldset>
      ))}
      {canTune && (
        <button type="submit" data-testid="toxic-settings-save" disabled={status.kind === 'saving'}>
          Save thresholds
        </button>
      )}
      {status.kind === 'saved' && <span className="ok-text">Saved; every window re-tallied.</span>}
      {status.kind === 'error' && (
        <span className="error-text" role="alert" data-testid="toxic-settings-error">
          {status.message}
        </span>
      )}
    </form>
  );
}
