import { handlerSteps, type Effect, type ExceptionFlow, type HandlerPath } from '../../model/exception';
import type { Syndrome } from '../../model/encoding';
import type { Phase, Trap } from '../../model/plan';
import type { Source } from '../../model/source';
import { formatHex } from '../../model/value';
import { Cite } from '../sources/cite';
import { FieldList } from './FieldList';

/**
 * The CPU's side of the trap, told as it happens: before the trap only the
 * instruction; at the trap the exception entry, one register after another
 * (the syndrome's fields appear now, not before); in the handler what it must
 * do to the return address; at the return what eret (or VM entry, or mret)
 * restores.
 */
export function ExceptionPanel({
  trap,
  flow,
  phase,
  encodingSources,
  handler,
  callId,
  large = false,
}: {
  trap: Trap;
  flow?: ExceptionFlow;
  handler?: HandlerPath;
  callId: string;
  phase: Phase;
  encodingSources: Trap['sources'];
  large?: boolean;
}) {
  const trapped = phase !== 'marshal';
  // The rows animate in only while their moment is on screen; later steps show them settled.
  const entering = phase === 'trap';
  const returning = phase === 'return';
  const target = flow?.def.level ?? trap.to;
  return (
    <div className={`rounded-lg border p-3 ${trapped ? 'border-[var(--focus)]' : 'border-dashed border-[var(--line)]'}`} data-testid="trap-panel">
      <h2 className="text-sm font-semibold uppercase tracking-wide muted">The trap</h2>
      <p className={`mt-1 font-mono ${large ? 'text-3xl' : 'text-lg sm:text-xl'}`}>
        <span data-testid="trap-instruction">{trap.instruction.text}</span> <span className="muted">=</span>{' '}
        <span data-testid="trap-encoding">{trap.instruction.hex}</span>
        <Cite sources={encodingSources} />
      </p>
      <p className="text-sm muted">
        {trap.from} → {target}
        {trap.trappedBy ? ` (or ${trap.trappedBy.level} when ${trap.trappedBy.control} = 1)` : ''}
      </p>

      {!trapped && (
        <p className="mt-2 text-sm muted" data-testid="not-trapped">
          Not executed yet. When it runs, the CPU takes an exception to {target}
          {flow ? ` and writes ${flow.entry.map((e) => e.register).join(', ')}` : ''}.
        </p>
      )}

      {/* On a projector the handler's path takes the entry's place while it runs. */}
      {trapped && flow && phase !== 'return' && phase !== 'unpack' && !(large && phase === 'handle' && handler) && (
        <EffectList title={`Exception entry (${trap.from} → ${flow.def.level})`} effects={flow.entry} animate={entering} fields large={large} />
      )}
      {trapped &&
        phase !== 'return' &&
        phase !== 'unpack' &&
        [...(flow ? [] : [trap.syndrome]), ...trap.alsoSyndromes]
          // A syndrome the alternative entry already writes (SVM EXITCODE) is shown there, not twice.
          .filter((s) => !flow?.alternative?.flow.entry.some((e) => e.register === s?.register))
          .map((s) => s && <SyndromeView key={s.register} syndrome={s} animate={entering} />)}

      {handler && phase === 'handle' && <HandlerView path={handler} callId={callId} large={large} />}

      {flow?.advance && phase === 'handle' && (
        <EffectList title="Before it returns, the handler" effects={[flow.advance]} animate={false} large={large} />
      )}

      {flow && (phase === 'return' || phase === 'unpack') && (
        <EffectList title={`Exception return: ${flow.resume.instruction}`} effects={flow.resume.restores} animate={returning} large={large} />
      )}

      {flow?.alternative && trapped && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">If {flow.alternative.when}</summary>
          <EffectList
            title={`Exception entry (${trap.from} → ${flow.alternative.flow.def.level})`}
            effects={[...flow.alternative.flow.entry, ...(flow.alternative.flow.advance ? [flow.alternative.flow.advance] : [])]}
            animate={false}
          />
          {/* The alternative's own caveats (AMD's EXITINFO1 bits), which the main entry does not share. */}
          {flow.alternative.flow.def.notes
            ?.filter((n) => !flow.def.notes?.some((m) => m.text === n.text))
            .map((n) => <Note key={n.text} text={n.text} sources={n.sources} />)}
        </details>
      )}
      {flow?.def.notes?.map((n) => <Note key={n.text} text={n.text} sources={n.sources} />)}
    </div>
  );
}

function Note({ text, sources }: { text: string; sources: readonly Source[] }) {
  return (
    <p className="mt-2 text-xs muted">
      {text}
      <Cite sources={sources} />
    </p>
  );
}

function EffectList({
  title,
  effects,
  animate,
  fields = false,
  large = false,
}: {
  title: string;
  effects: readonly Effect[];
  animate: boolean;
  /** Show the syndrome's value and fields as the one the hypervisor reads (the main entry, not an alternative). */
  fields?: boolean;
  large?: boolean;
}) {
  return (
    <div className="mt-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide muted">{title}</h3>
      <ol className={`mt-1 space-y-1 font-mono ${large ? 'text-xl' : 'text-sm'}`} data-testid="exception-effects">
        {effects.map((e, i) => {
          const syndrome = fields ? e.syndrome : undefined;
          return (
            <li
              key={e.register}
              className={`rounded-md border border-[var(--line)] px-2 py-1 ${animate ? 'effect-in' : ''}`}
              data-order={Math.min(i, 5)}
              data-register={e.register}
              title={large ? e.why : undefined}
            >
              <span className="font-semibold">{e.register}</span> ← {syndrome ? <strong data-testid="syndrome-value">{e.value}</strong> : e.value}
              <Cite sources={e.sources} />
              {/* In presenter mode the caption tells the story; the reason stays as a tooltip. */}
              {large ? null : <span className="block font-sans text-xs muted">{e.why}</span>}
              {syndrome && <FieldList layout={syndrome.layout} word={syndrome.value} variant="grid" />}
              {e.word && <FieldList layout={e.word.layout} word={e.word.value} variant="inline" />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The handler's way from the vector to the call, function by function, or why it cannot be shown. */
function HandlerView({ path, callId, large }: { path: HandlerPath; callId: string; large: boolean }) {
  return (
    <div className="mt-3" data-testid="handler-path">
      <h3 className="text-xs font-semibold uppercase tracking-wide muted">What the handler does: {path.who}</h3>
      {path.closed ? (
        <p className="mt-1 text-sm">
          {path.closed.text}
          <Cite sources={path.closed.sources} />
        </p>
      ) : (
        <ol className={`mt-1 list-decimal space-y-1 pl-5 ${large ? 'text-lg' : 'text-sm'}`}>
          {handlerSteps(path, callId).map((s) => (
            <li key={s.fn} title={large ? s.what : undefined}>
              <code className="font-mono font-semibold">{s.fn}</code>
              <Cite sources={s.sources} />
              {large ? null : <span className="block text-xs muted">{s.what}</span>}
            </li>
          ))}
        </ol>
      )}
      {large ? null : path.notes?.map((n) => <Note key={n.text} text={n.text} sources={n.sources} />)}
    </div>
  );
}

function SyndromeView({ syndrome: syn, animate }: { syndrome: Syndrome; animate: boolean }) {
  return (
    <div className={`mt-3 ${animate ? 'effect-in' : ''}`}>
      <p className="font-mono text-base sm:text-lg">
        {syn.register} = <strong data-testid="syndrome-value">{formatHex(syn.value, 8)}</strong>
        <Cite sources={syn.sources} />
      </p>
      <FieldList layout={syn.layout} word={syn.value} variant="grid" />
      <p className="mt-2 text-sm muted">{syn.className}.</p>
    </div>
  );
}
