/** A part of the app that did not arrive (a first visit that lost the network): only a reload can mend it. */
export function LoadFailed({ what }: { what: string }) {
  return (
    <div role="alert" className="space-y-2">
      <p>{what} did not load. Are you offline?</p>
      <button type="button" className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-semibold" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
