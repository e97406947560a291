import { capital, describeRegisters } from '../../model/narration';
import { exposedCells, toggleBit } from '../../model/mask';
import type { Plan, Slot } from '../../model/plan';
import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';

/** The cells a plan's mask argument hands on, and to whom; undefined when no argument is a mask. */
export function handedOn(plan: Plan): { cells: ReadonlySet<string>; to: string } | undefined {
  const m = plan.inputs.find((s) => s.mask)?.mask;
  return m && { cells: new Set(exposedCells(plan.convention.arch, m)), to: m.mask.to };
}

/** "VMM sees": the mark of a register a mask hands on. */
export function SeenMark({ to, testId }: { to: string; testId: string }) {
  return (
    <span className="rounded bg-[var(--focus)] px-1 text-[0.6rem] font-bold leading-tight text-[var(--panel)]" data-testid={testId}>
      {to.replace(/^the /, '')} sees
    </span>
  );
}

/** Bits drawn, most significant first: the low 16, where every register bit lies, or more when a higher bit is set. */
function bitsShown(slot: Slot): number[] {
  const top = Math.max(15, ...(slot.mask?.unnamedBits ?? []), ...(slot.mask?.refused ?? []));
  return Array.from({ length: top + 1 }, (_, i) => top - i);
}

/**
 * An argument whose bits select registers (TDG.VP.VMCALL's RCX), drawn as a
 * bit-field: a set bit lights up the register it hands on. Pointing at a bit
 * (hover or focus) marks its register in the register file; pressing it
 * flips the bit, and the plan follows.
 */
export function MaskBits({ plan, slot, onPoint }: { plan: Plan; slot: Slot; onPoint: (register: string | undefined) => void }) {
  const { setArgText } = useApp.getState();
  const m = slot.mask!;
  const byBit = new Map(m.mask.layout.fields.map((f) => [f.lo, f]));
  const arch = plan.convention.arch;
  const set = (bit: number) => ((slot.value >> BigInt(bit)) & 1n) === 1n;
  const refuses = new Set(m.mask.refuses?.bits ?? []);
  return (
    <section className="mt-3 rounded-lg border border-[var(--line)] p-2" aria-labelledby="mask-title" data-testid="mask-bits">
      <h3 id="mask-title" className="text-sm font-semibold">
        <span className="font-mono">{slot.register}</span> = <span className="font-mono">{formatHex(slot.value)}</span>: {m.mask.name}
        <Cite sources={m.mask.sources} />
      </h3>
      <p className="text-xs muted">
        Each set bit hands one register to {m.mask.to}. Press a bit to flip it; {m.mask.usual.name} = {formatHex(m.mask.usual.value)}
        <Cite sources={m.mask.usual.sources} />.
      </p>
      <ol className="mt-2 grid grid-cols-8 gap-1 font-mono text-[0.7rem] min-[560px]:grid-cols-16" aria-label={`Bits of ${slot.register}, highest first`}>
        {bitsShown(slot).map((bit) => {
          const field = byBit.get(bit);
          const on = set(bit);
          const register = field?.key;
          const refusable = refuses.has(bit);
          const label = `bit ${bit}${register ? `, ${register}` : refusable ? ', must be 0' : ', selects no register drawn'}: ${on ? (register ? `exposed to ${m.mask.to}` : refusable ? 'set, refused' : 'set') : register ? 'hidden' : 'clear'}`;
          return (
            <li key={bit}>
              <button
                type="button"
                className="mask-bit w-full rounded-md px-0.5 py-1 text-center"
                data-bit={bit}
                data-on={on}
                data-named={register !== undefined}
                data-refused={on && refusable}
                aria-pressed={on}
                aria-label={label}
                title={field ? `${field.name}: ${label}` : label}
                onMouseEnter={() => onPoint(register)}
                onMouseLeave={() => onPoint(undefined)}
                onFocus={() => onPoint(register)}
                onBlur={() => onPoint(undefined)}
                onClick={() => setArgText(slot.register, formatHex(toggleBit(slot.value, bit)))}
              >
                <span className="block opacity-80">{bit}</span>
                <span className="block font-semibold">{on ? '1' : '0'}</span>
                <span className="block truncate">{register ?? (refusable ? '0' : '·')}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-xs" data-testid="mask-summary">
        {m.refused.length > 0 && m.mask.refuses ? (
          <>
            Refused: bit{m.refused.length > 1 ? 's' : ''} <span className="font-mono">{m.refused.join(', ')}</span> must be 0, so the call fails with {m.mask.refuses.error.name} (
            <span className="font-mono">{formatHex(m.mask.refuses.error.value)}</span>)<Cite sources={m.mask.refuses.sources} /> and {m.mask.to} sees nothing
          </>
        ) : (
          <>
            {capital(m.mask.to)} sees: <strong className="font-mono">{describeRegisters(arch, m.exposed)}</strong>
            {m.hidden.length > 0 && (
              <>
                ; hidden: <span className="font-mono">{describeRegisters(arch, m.hidden)}</span>
              </>
            )}
            {m.unnamedBits.length > 0 && <> ; bits {m.unnamedBits.join(', ')} are set but select no register drawn here</>}
          </>
        )}
        .
      </p>
    </section>
  );
}
