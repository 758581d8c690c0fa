import { useDeskStore } from '../stores/desk-store';

/** Why the desk is not showing data yet (the session keeps retrying on its own). */
export function ProblemBanner() {
  const problem = useDeskStore((s) => s.problem);
  if (!problem) return null;
  return (
    <div className="problem" role="alert" data-testid="desk-problem">
      {problem}
    </div>
  );
}
