import { useApp } from '../../store/store';
import { LoadFailed } from './LoadFailed';

/** Says what a link asked for that could not be shown exactly; the nearest valid view is on screen. */
export function LinkMessages() {
  const messages = useApp((s) => s.linkMessages);
  const missing = useApp((s) => s.missing);
  const { dismissLinkMessages } = useApp.getState();
  if (missing)
    return (
      <div className="mx-auto mt-3 max-w-[1400px] px-3 sm:px-4">
        <LoadFailed what="A part of Trapscope" />
      </div>
    );
  if (messages.length === 0) return null;
  return (
    <div role="status" className="mx-auto mt-3 max-w-[1400px] px-3 sm:px-4" data-testid="link-messages">
      <div className="flex items-start justify-between gap-3 rounded-lg border-2 border-[var(--role-lost-line)] bg-[var(--role-lost-bg)] p-3 text-[var(--role-lost-ink)]">
        <ul className="space-y-1 text-sm">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
        <button type="button" className="rounded-md border border-current px-2 py-1 text-sm" onClick={dismissLinkMessages}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
