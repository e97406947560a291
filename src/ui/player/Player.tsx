import { PHASES } from '../../model/plan';
import { SPEEDS, useApp } from '../../store/store';
import { togglePresenter } from '../present/fullscreen';
import { Icon } from './icons';
import { sentenceOf } from './sentence';

const btn =
  'inline-flex h-10 min-w-10 items-center justify-center rounded-lg border px-3 text-sm font-medium border-[var(--line)] hover:bg-[var(--role-kept-bg)] disabled:opacity-40';

/** Transport controls, the phase timeline and the sentence for the current step. */
export function Player() {
  const plans = useApp((s) => s.plans);
  const moments = useApp((s) => s.moments);
  const step = useApp((s) => s.view.step);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const { setStep, stepBy, togglePlay, setSpeed, setPlaying } = useApp.getState();
  const last = moments.length - 1;
  const moment = moments[step]!;
  // A comparison's sentences sit in each pane's card (CompareStage); here, only where the panes are.
  const sentence = plans.length === 1 ? sentenceOf(plans, moment) : `${capitalPhase(moment.phase)}: each pane’s step is told in its card below.`;
  const stop = (f: () => void) => () => {
    setPlaying(false);
    f();
  };

  return (
    <section className="panel p-3 sm:p-4" aria-label="Playback">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={btn} onClick={stop(() => setStep(0))} disabled={step === 0} aria-label="First step (Home)" title="First step (Home)">
          <Icon name="first" />
        </button>
        <button type="button" className={btn} onClick={stop(() => stepBy(-1))} disabled={step === 0} aria-label="Step back (Left arrow)" title="Step back (←)">
          <Icon name="back" />
        </button>
        <button
          type="button"
          className={`${btn} min-w-24`}
          onClick={togglePlay}
          aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
          title="Play / pause (Space)"
        >
          <Icon name={playing ? 'pause' : 'play'} />
          <span className="ml-1">{playing ? 'Pause' : 'Play'}</span>
        </button>
        <button
          type="button"
          className={btn}
          onClick={stop(() => stepBy(1))}
          disabled={step === last}
          aria-label="Step forward (Right arrow)"
          title="Step forward (→)"
        >
          <Icon name="forward" />
        </button>
        <button type="button" className={btn} onClick={stop(() => setStep(last))} disabled={step === last} aria-label="Last step (End)" title="Last step (End)">
          <Icon name="last" />
        </button>
        {/* A phone is not a projector; there the player stays small, on screen above the registers. */}
        <button type="button" className={`${btn} max-sm:hidden`} onClick={() => togglePresenter(true)} title="Presenter mode: full screen, for a projector (P)">
          Present
        </button>
        <label htmlFor="speed" className="ml-auto text-sm muted">
          Speed
        </label>
        <select
          id="speed"
          className="h-10 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </div>

      <div className="mt-3 flex items-center gap-3">
        <input
          type="range"
          className="w-full accent-[var(--focus)]"
          min={0}
          max={last}
          value={step}
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
          aria-label="Step"
          aria-valuetext={`Step ${step + 1} of ${last + 1}: ${moment.phase}`}
        />
        <span className="shrink-0 font-mono text-sm tabular-nums" data-testid="step-counter">
          {step + 1}/{last + 1}
        </span>
      </div>

      <ol className="mt-3 grid grid-cols-5 gap-1 text-center text-xs max-sm:hidden sm:text-sm" aria-label="Phases">
        {PHASES.map((p) => {
          const first = moments.findIndex((m) => m.phase === p);
          const active = moment.phase === p;
          const done = first < step && !active;
          return (
            <li key={p}>
              <button
                type="button"
                onClick={stop(() => setStep(first))}
                className={`w-full rounded-md border px-1 py-1 capitalize ${active ? 'border-[var(--focus)] bg-[var(--role-arg-bg)] font-semibold text-[var(--role-arg-ink)]' : done ? 'border-[var(--line)]' : 'border-dashed border-[var(--line)] muted'}`}
                aria-current={active ? 'step' : undefined}
              >
                {p}
              </button>
            </li>
          );
        })}
      </ol>

      <p className="mt-2 text-sm leading-snug sm:mt-3 sm:min-h-[3.5rem] sm:text-lg sm:leading-relaxed" aria-live="polite" id="narration" data-testid="narration">
        {sentence}
      </p>
    </section>
  );
}

function capitalPhase(p: string): string {
  return p.charAt(0).toUpperCase() + p.slice(1);
}
