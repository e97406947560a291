import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { ROLE_TEXT } from './roles';
import { useTravel } from './travel';

/** The register file at the current step: role, value and meaning of every cell. */
export function RegisterFile() {
  const plan = useApp((s) => s.plan);
  const step = plan.steps[useApp((s) => s.view.step)]!;
  useTravel(step);
  const written = new Set(step.writes.map((w) => w.cell));
  const read = new Set(step.highlight.filter((c) => !written.has(c)));

  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="regs-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="regs-title" className="text-lg font-semibold">
          {plan.convention.arch.name} registers
        </h2>
        <p className="text-sm muted">{step.phase === 'unpack' ? 'The caller’s view after the call' : 'As the caller sees them'}</p>
      </div>
      <ul className="mt-3 grid grid-cols-2 gap-2 min-[420px]:grid-cols-3 sm:grid-cols-4 min-[1700px]:grid-cols-8" data-testid="register-file">
        {plan.drawnCells.map((name) => {
          const c = step.cells[name]!;
          const role = ROLE_TEXT[c.role];
          const value = c.value !== undefined ? formatHex(c.value) : c.role === 'clobbered' ? 'unknown' : c.role === 'preserved' ? 'kept' : '—';
          const label = c.label !== name ? `${c.label} (${name})` : name;
          return (
            <li
              key={name}
              className="cell rounded-lg px-2 py-1.5"
              data-cell={name}
              data-role={c.role}
              data-written={written.has(name)}
              data-read={read.has(name)}
              title={`${label}: ${role.name}${c.meaning ? `, ${c.meaning}` : ''}`}
            >
              <div className="flex items-center justify-between gap-1 text-xs">
                <span className="font-mono font-semibold">{label}</span>
                <span className="rounded border border-current px-1 text-[0.65rem] font-bold leading-tight" aria-label={role.name}>
                  {role.badge}
                </span>
              </div>
              <div className="mt-0.5 truncate font-mono text-base font-semibold tabular-nums" data-testid={`value-${name}`}>
                {value}
              </div>
              <div className="truncate text-[0.7rem] opacity-90">{c.meaning ?? role.explain}</div>
            </li>
          );
        })}
      </ul>
      <Legend />
    </section>
  );
}

function Legend() {
  return (
    <ul className="mt-3 flex flex-wrap gap-2 text-xs" aria-label="Legend">
      {Object.entries(ROLE_TEXT).map(([role, t]) => (
        <li key={role} className="cell flex items-center gap-1 rounded-md px-2 py-0.5" data-role={role}>
          <strong>{t.badge}</strong> {t.name}
        </li>
      ))}
      <li className="flex items-center gap-1 rounded-md border border-[var(--line)] px-2 py-0.5">
        <span className="inline-block h-3 w-3 rounded-sm ring-2 ring-[var(--focus)]" aria-hidden="true" /> written this step
      </li>
      <li className="flex items-center gap-1 rounded-md border border-[var(--line)] px-2 py-0.5">
        <span className="inline-block h-3 w-3 rounded-sm outline-2 outline-dashed outline-[var(--focus)]" aria-hidden="true" /> read this step
      </li>
    </ul>
  );
}
