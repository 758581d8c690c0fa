/** A labelled text or password input, the way the session and operator forms ask for names and passwords. */
export interface TextFieldProps {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  autoComplete?: string;
  /** The only thing to do on the screen (the sign-in and first-launch forms). */
  autoFocus?: boolean;
}

export function TextField({ label, testId, value, onChange, type = 'text', autoComplete, autoFocus }: TextFieldProps) {
  return (
    <label>
      <span>{label}</span>
      <input
        data-testid={testId}
        type={type}
        autoComplete={autoComplete}
        // biome-ignore lint/a11y/noAutofocus: only set by forms that are alone on the screen
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
