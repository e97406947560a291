import { paneColumns } from './columns';
import { formatHex } from '../../model/value';
import { planLevels } from '../../model/plan';
import { useApp } from '../../store/store';
import { isCustomConvention } from '../../catalog';
import { HopRoute } from '../stage/HopRoute';

/** Each pane's level and trap at the current moment, in one row, so the traps line up. */
export function CompareStage() {
  const plans = useApp((s) => s.plans);
  const catalog = useApp((s) => s.catalog);
  const moment = useApp((s) => s.moments[s.view.step]!);
  return (
    <section className="panel p-3 sm:p-4" aria-label="Traps side by side">
      {/* Each pane's sentence in its own card, read out as it changes (the player names only the phase). */}
      <div className={`grid gap-3 ${paneColumns(plans.length)}`} aria-live="polite">
        {plans.map((p, i) => {
          const step = p.steps[moment.steps[i]!]!;
          const level = planLevels(p).find((l) => l.id === step.level);
          const atTrap = step.phase === 'trap';
          // On a path the first stop reads its own syndrome register (ESR_EL3 for an SMC to EL3).
          const first = p.path?.hops[0]!.enter;
          const syndrome = first?.how === 'trap' ? first.syndrome : p.trap.syndrome;
          return (
            <div
              key={i}
              className={`rounded-lg border p-2 ${atTrap ? 'border-[var(--focus)] bg-[var(--role-arg-bg)] text-[var(--role-arg-ink)]' : 'border-[var(--line)]'}`}
              data-testid={`pane-stage-${i + 1}`}
              data-phase={step.phase}
            >
              <p className="text-sm font-semibold">
                {i + 1}. {p.call.name}
              </p>
              <p className="text-xs">
                {p.convention.name}
                {isCustomConvention(catalog, p.convention) && <strong className="ml-1 text-[var(--role-lost-ink)]">(custom, unverified)</strong>}
              </p>
              <p className="mt-1 font-mono text-sm">
                CPU at <strong>{level?.name ?? step.level}</strong> <span className="text-xs">({level?.who})</span>
              </p>
              <HopRoute plan={p} step={step} />
              <p className="mt-1 font-mono text-sm">
                {p.trap.instruction.text} = {p.trap.instruction.hex}
              </p>
              {syndrome && (
                <p className="font-mono text-xs">
                  {syndrome.register} {formatHex(syndrome.value, 8)}
                </p>
              )}
              <p className="mt-1 text-sm" data-testid={`pane-sentence-${i + 1}`}>
                {step.text}
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}
