/**
 * The desk's operators: add one (name, role, password twice), change a role, disable or enable.
 * The core validates names and passwords and refuses what it must (e.g. the last admin); its
 * message is shown as it comes.
 */

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { RequestInput } from '../../../shared/contract';
import { type Operator, type Role, roleLabels, roleSchema } from '../../../shared/operators';
import { TextField } from '../../components/TextField';
import { useStartedDesk } from '../../desk-context';
import { useOperatorName } from '../../stores/session-store';
import { formatDeskTime } from '../actions/desk-time';

type SaveInput = RequestInput<'operators.save'>;

export function OperatorsEditor() {
  const { desk } = useStartedDesk();
  const me = useOperatorName();
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const reply = await desk['operators.list']({});
      if (reply.ok) setOperators(reply.value);
      else setError(reply.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [desk]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const save = async (input: SaveInput): Promise<boolean> => {
    setBusy(input.name);
    setError(null);
    try {
      const reply = await desk['operators.save'](input);
      if (!reply.ok) {
        setError(reply.error.message);
        return false;
      }
      await refresh();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="admin-section" aria-label="Operators" data-testid="operators-editor">
      <h3>Operators</h3>
      <table className="dense-table" data-testid="operators-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>State</th>
            <th>Created</th>
            <th>By</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(operators ?? []).map((op) => (
            <tr
              key={op.name}
              data-testid="operator-row"
              data-name={op.name}
              data-role={op.role}
              data-disabled={op.disabled}
              className={op.disabled ? 'muted' : ''}
            >
              <td>
                {op.name}
                {op.name === me && <span className="muted"> (you)</span>}
              </td>
              <td>
                <select
                  aria-label={`Role of ${op.name}`}
                  data-testid="operator-role-select"
                  value={op.role}
                  disabled={busy !== null}
                  onChange={(e) => void save({ name: op.name, role: e.target.value as Role, disabled: op.disabled })}
                >
                  {roleSchema.options.map((r) => (
                    <option key={r} value={r}>
                      {roleLabels[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{op.disabled ? 'disabled' : 'active'}</td>
              <td className="cell-time">{formatDeskTime(op.createdAtMsc)}</td>
              <td>{op.createdBy}</td>
              <td>
                <button
                  type="button"
                  className="small-button"
                  data-testid="operator-toggle"
                  disabled={busy !== null}
                  onClick={() => void save({ name: op.name, role: op.role, disabled: !op.disabled })}
                >
                  {op.disabled ? 'Enable' : 'Disable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="error-text" role="alert" data-testid="operators-error">
          {error}
        </p>
      )}
      <AddOperatorForm busy={busy !== null} onAdd={(input) => save(input)} />
    </section>
  );
}

function AddOperatorForm({ busy, onAdd }: { busy: boolean; onAdd: (input: SaveInput) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('dealer');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    if (password !== again) {
      setProblem('The two passwords differ.');
      return;
    }
    setProblem(null);
    if (await onAdd({ name, role, password, disabled: false })) {
      setAdded(name.trim());
      setName('');
      setPassword('');
      setAgain('');
    }
  };

  return (
    <form className="add-operator" data-testid="add-operator" onSubmit={submit} aria-label="Add an operator">
      <h4>Add an operator</h4>
      <label>
        <span>Name</span>
        <input
          data-testid="new-operator-name"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        <span>Role</span>
        <select data-testid="new-operator-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roleSchema.options.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="Password"
        testId="new-operator-password"
        value={password}
        onChange={setPassword}
        type="password"
        autoComplete="new-password"
      />
      <TextField
        label="Again"
        testId="new-operator-password-again"
        value={again}
        onChange={setAgain}
        type="password"
        autoComplete="new-password"
      />
      <button type="submit" className="primary" data-testid="new-operator-add" disabled={busy}>
        Add
      </button>
      {problem && <span className="error-text">{problem}</span>}
      {added && (
        <span className="ok-text" data-testid="new-operator-added">
          Added {added}
        </span>
      )}
    </form>
  );
}
