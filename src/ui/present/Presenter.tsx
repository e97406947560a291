import type { Plan } from '../../model/plan';
import { useApp } from '../../store/store';
import { Icon } from '../player/icons';
import { sentenceOf } from '../player/sentence';
import { RegisterCells } from '../registers/RegisterFile';
import { LessonPanel } from '../lessons/LessonPanel';
import { MemoryCells } from '../memory/MemoryFields';
import { Lanes, lanesAt } from '../stage/Lanes';
import { StageParts } from '../stage/Stage';
import { togglePresenter, useLeaveWithFullscreen } from './fullscreen';

const btn = 'inline-flex h-11 min-w-11 items-center justify-center rounded-lg border border-[var(--line)] px-3 text-base hover:bg-[var(--role-kept-bg)] disabled:opacity-40';

/**
 * One screen to project: the level lanes with the trap, the registers the
 * call touches, and the step's sentence as a caption in type legible from the
 * back of a room. Nothing scrolls; a clicker's PageDown/PageUp step (see
 * keyboard.ts), and Esc leaves.
 */
export default function Presenter() {
  useLeaveWithFullscreen();
  const plans = useApp((s) => s.plans);
  const moments = useApp((s) => s.moments);
  const step = useApp((s) => s.view.step);
  const guided = useApp((s) => s.view.kind === 'compare' && s.view.guide !== undefined);
  const { stepBy, setPlaying } = useApp.getState();
  const moment = moments[step]!;
  const last = moments.length - 1;
  const go = (d: number) => () => {
    setPlaying(false);
    stepBy(d);
  };
  const single = plans.length === 1;
  const strip = single && plans[0]!.memory.some((m) => m.arg.fields.length > 0);
  return (
    <main className={`grid h-dvh grid-cols-[minmax(0,1fr)] ${strip ? 'grid-rows-[auto_minmax(0,1fr)_auto_auto]' : 'grid-rows-[auto_minmax(0,1fr)_auto]'} gap-3 overflow-hidden p-3 font-sans`} data-testid="presenter" aria-label="Presenter mode">
      <header className="flex items-center gap-x-4">
        <h1 className="min-w-0 truncate text-xl font-semibold">
          {single ? (
            <>
              {plans[0]!.call.name} <span className="font-normal muted">under {plans[0]!.convention.name}</span>
            </>
          ) : (
            `${guided ? 'Guided comparison: ' : 'Comparison: '}${plans.map((p) => p.convention.name).join(' · ')}`
          )}
        </h1>
        <LessonPanel compact />
        <span className="ml-auto shrink-0 rounded-md border border-[var(--focus)] px-2 py-0.5 text-lg capitalize" data-testid="presenter-phase">
          {moment.phase}
        </span>
        <span className="font-mono text-lg tabular-nums" data-testid="step-counter">
          {step + 1}/{last + 1}
        </span>
        <button type="button" className={btn} onClick={go(-1)} disabled={step === 0} aria-label="Step back (Page Up)" title="Step back (Page Up, ←)">
          <Icon name="back" />
        </button>
        <button type="button" className={btn} onClick={go(1)} disabled={step === last} aria-label="Step forward (Page Down)" title="Step forward (Page Down, →, Space)">
          <Icon name="forward" />
        </button>
        <button type="button" className={`${btn} shrink-0`} onClick={() => togglePresenter(false)} title="Leave presenter mode (Esc)">
          Leave (Esc)
        </button>
      </header>

      {single ? (
        <div className="grid min-h-0 grid-cols-[minmax(0,0.8fr)_minmax(0,1.1fr)_minmax(0,1.1fr)] gap-4" data-pane="0">
          <StageParts plan={plans[0]!} step={moment.steps[0]!} large />
          <Registers plan={plans[0]!} step={moment.steps[0]!} large />
        </div>
      ) : (
        <div className={`grid min-h-0 gap-4 ${plans.length === 2 ? 'grid-cols-2' : plans.length === 3 ? 'grid-cols-3' : 'grid-cols-4'}`}>
          {plans.map((p, i) => (
            <ComparePane key={i} plan={p} step={moment.steps[i]!} index={i} />
          ))}
        </div>
      )}

      {/* A call's memory is a strip across the screen: a page of fields does not fit under the registers' column. */}
      {strip && <Memory plan={plans[0]!} step={moment.steps[0]!} large />}
      <p className="max-h-[30dvh] overflow-hidden text-[max(28px,2.2vw)] leading-snug" aria-live="polite" data-testid="caption">
        {sentenceOf(plans, moment)}
      </p>
    </main>
  );
}

function Registers({ plan, step, large }: { plan: Plan; step: number; large: boolean }) {
  return (
    // A path's "not passed" line can make the column taller than its row: it scrolls inside rather than run under the caption.
    <section className="min-h-0 overflow-y-auto" aria-label={`${plan.convention.arch.name} registers`} data-testid="presenter-registers">
      <RegisterCells plan={plan} step={plan.steps[step]!} presenting large={large} />
    </section>
  );
}

/** Arguments in memory as a strip of field cells under the registers, each lit as the step writes or reads it; nothing for a call without. */
function Memory({ plan, step, large }: { plan: Plan; step: number; large: boolean }) {
  const areas = plan.memory.flatMap((m, i) => (m.arg.fields.length ? [{ m, i }] : []));
  if (areas.length === 0) return null;
  return (
    // At most a third of the screen or so, so the stage keeps its row on a small screen; a longer list scrolls within.
    <section className={`space-y-1 ${large ? 'max-h-[38dvh] overflow-y-auto' : ''}`} aria-label="Arguments in memory" data-testid="presenter-memory">
      {areas.map(({ m, i }) => (
        <div key={m.arg.name}>
          <h3 className={`${large ? 'text-lg' : 'text-sm'} font-semibold`}>
            {m.arg.name} <span className="font-normal muted">in memory{m.carrier ? `, its address in ${m.carrier}` : ''}</span>
          </h3>
          <MemoryCells plan={plan} step={plan.steps[step]!} index={i} large={large} />
        </div>
      ))}
    </section>
  );
}

function ComparePane({ plan, step, index }: { plan: Plan; step: number; index: number }) {
  return (
    <section className="panel flex min-h-0 flex-col gap-2 overflow-hidden p-3" data-pane={index} aria-label={`Pane ${index + 1}: ${plan.convention.name}`}>
      <h2 className="text-lg font-semibold">
        {index + 1}. {plan.convention.name}
      </h2>
      <Lanes {...lanesAt(plan, step)} size="compact" />
      <Registers plan={plan} step={step} large={false} />
      <Memory plan={plan} step={step} large={false} />
    </section>
  );
}
