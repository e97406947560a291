import type { CellState, Plan, Role, Step } from '../../model/plan';
import { describeRegisters } from '../../model/narration';
import { withheldAt } from '../../model/path';
import { cellValue } from '../../model/cell-value';
import { useApp } from '../../store/store';
import { useRef, useState } from 'react';
import { handedOn, MaskBits, SeenMark } from './MaskBits';
import { showMemory } from '../memory/link';
import { ROLE_TEXT } from './roles';
import { useTravel } from './travel';

/** The register file at the current step: role, value and meaning of every cell the call involves; the quiet rest in a line each. */
export function RegisterFile() {
  const plan = useApp((s) => s.plan);
  const step = plan.steps[useApp((s) => s.view.step)]!;
  const [pointed, setPointed] = useState<string>();
  const maskSlot = plan.inputs.find((s) => s.mask);
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="regs-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="regs-title" className="text-lg font-semibold">
          {plan.convention.arch.name} registers
        </h2>
        <p className="text-sm muted">{step.phase === 'unpack' ? 'The caller’s view after the call' : 'As the caller sees them'}</p>
      </div>
      <RegisterCells plan={plan} step={step} pointed={pointed} />
      {maskSlot && <MaskBits plan={plan} slot={maskSlot} onPoint={setPointed} />}
      <Legend />
    </section>
  );
}

/** Roles whose cells can fold into one line while nothing happens to them, in the order the lines are shown. */
const FOLDABLE: readonly Role[] = ['clobbered', 'preserved', 'unused'];

/**
 * The cells, with the registers that matter given the space: a cell with no
 * value that is neither written nor read this step folds into a line such as
 * "x18–x30, sp: preserved", which opens to show them. Presenter mode folds
 * registers whose contents are merely unknown as well.
 */
export function RegisterCells({
  plan,
  step,
  presenting = false,
  large = presenting,
  pointed,
}: {
  plan: Plan;
  step: Step;
  presenting?: boolean;
  /** Type to read from the back of a room. */
  large?: boolean;
  /** A register someone points at elsewhere (a bit of a register mask), marked here. */
  pointed?: string;
}) {
  const list = useRef<HTMLUListElement>(null);
  useTravel(step, plan.path?.from.level ?? plan.convention.arch.guestLevel, list);
  const written = new Set(step.writes.map((w) => w.cell));
  const read = new Set(step.highlight.filter((c) => !written.has(c)));
  // On a path, where the call reaches a level: the registers that level is not handed.
  const withheld = withheldAt(plan.path, step, plan.drawnCells);
  const notPassed = new Set(withheld?.cells);
  const quiet = (c: CellState) =>
    c.value === undefined && !read.has(c.cell) && (presenting ? FOLDABLE.includes(c.role) : (c.role === 'preserved' || c.role === 'unused') && !written.has(c.cell));
  const shown = plan.drawnCells.filter((name) => !quiet(step.cells[name]!));
  const folded = FOLDABLE.map((role) => ({
    role,
    cells: plan.drawnCells.filter((name) => quiet(step.cells[name]!) && step.cells[name]!.role === role && !notPassed.has(name)),
  })).filter((g) => g.cells.length > 0);
  const foldedWithheld = plan.drawnCells.filter((name) => quiet(step.cells[name]!) && notPassed.has(name));
  const to = withheld && `${withheld.to.who} at ${withheld.to.level}`;
  const grid = presenting ? 'grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]' : 'grid-cols-2 min-[420px]:grid-cols-3 sm:grid-cols-4 min-[1700px]:grid-cols-8';
  // Registers an argument's mask hands on to the next level (TDG.VP.VMCALL's RCX: those the VMM sees).
  const mask = handedOn(plan);
  // The cell that carries a memory argument's address (SEV's GHCB MSR) links to it.
  const carried = (name: string) => {
    const index = plan.memory.findIndex((m) => m.carrier === name);
    return index >= 0 ? { index, name: plan.memory[index]!.arg.name } : undefined;
  };
  const cell = (name: string) => (
    <Cell
      key={name}
      c={step.cells[name]!}
      written={written.has(name)}
      read={read.has(name)}
      large={large}
      to={mask?.cells.has(name) ? mask.to : undefined}
      pointed={pointed === name}
      masked={mask !== undefined}
      memory={carried(name)}
      notPassedTo={notPassed.has(name) ? withheld?.to.who : undefined}
    />
  );
  return (
    <>
      {withheld && (
        <p className={`mt-2 first-letter:uppercase ${large ? 'text-lg' : 'text-sm'}`} data-testid="hop-receives">
          <strong>{to}</strong> receives {describeRegisters(plan.convention.arch, withheld.to.receives)}; not passed to it: {describeRegisters(plan.convention.arch, withheld.cells)}.
        </p>
      )}
      <ul ref={list} className={`mt-3 grid gap-2 ${grid}`} data-testid="register-file">
        {shown.map(cell)}
      </ul>
      {folded.map((g) => (
        <details key={g.role} className="mt-2" data-testid={`folded-${g.role}`}>
          <summary
            className={`cell cursor-pointer rounded-lg px-2 py-1 font-mono ${large ? 'text-xl' : 'text-sm'}`}
            data-role={g.role}
            data-written={g.cells.some((c) => written.has(c))}
          >
            <strong>{describeRegisters(plan.convention.arch, g.cells)}</strong>: {ROLE_TEXT[g.role].name}{' '}
            <span className="font-sans text-xs opacity-90">({ROLE_TEXT[g.role].explain})</span>
          </summary>
          <ul className="mt-2 grid grid-cols-2 gap-2 min-[420px]:grid-cols-3 sm:grid-cols-4 min-[1700px]:grid-cols-8">{g.cells.map(cell)}</ul>
        </details>
      ))}
      {foldedWithheld.length > 0 && (
        <details className="mt-2" data-testid="folded-not-passed">
          <summary className={`cell cursor-pointer rounded-lg px-2 py-1 font-mono ${large ? 'text-xl' : 'text-sm'}`} data-passed="false">
            <strong>{describeRegisters(plan.convention.arch, foldedWithheld)}</strong>: not passed to {withheld?.to.who}
          </summary>
          <ul className="mt-2 grid grid-cols-2 gap-2 min-[420px]:grid-cols-3 sm:grid-cols-4 min-[1700px]:grid-cols-8">{foldedWithheld.map(cell)}</ul>
        </details>
      )}
    </>
  );
}

function Cell({
  c,
  written,
  read,
  large,
  to,
  pointed,
  masked,
  memory,
  notPassedTo,
}: {
  c: CellState;
  written: boolean;
  read: boolean;
  large: boolean;
  /** Who this register is handed on to, when a mask selects it. */
  to?: string;
  pointed: boolean;
  /** A mask decides what goes on: a cell it does not select says so. */
  masked: boolean;
  /** The memory argument whose address this cell carries. */
  memory?: { index: number; name: string };
  /** Who does not receive this register, at a step where the call reaches the next level on its path. */
  notPassedTo?: string;
}) {
  const role = ROLE_TEXT[c.role];
  const name = c.cell;
  const value = cellValue(c);
  const label = c.label !== name ? `${c.label} (${name})` : name;
  return (
    <li
      className="cell rounded-lg px-2 py-1.5"
      data-cell={name}
      data-role={c.role}
      data-written={written}
      data-read={read}
      data-pointed={pointed}
      {...(masked ? { 'data-handed-on': to !== undefined } : {})}
      title={`${label}: ${role.name}${c.meaning ? `, ${c.meaning}` : ''}${to ? `; ${to} sees it` : ''}${notPassedTo ? `; not passed to ${notPassedTo}` : ''}`}
      data-passed={notPassedTo ? 'false' : undefined}
    >
      <div className={`flex items-center justify-between gap-1 ${large ? 'text-lg' : 'text-xs'}`}>
        <span className="font-mono font-semibold">{label}</span>
        <span className="flex items-center gap-1">
          {to && <SeenMark to={to} testId={`sees-${name}`} />}
          <span className="rounded border border-current px-1 text-[0.65rem] font-bold leading-tight" aria-label={role.name}>
            {role.badge}
          </span>
        </span>
      </div>
      <div className={`mt-0.5 truncate font-mono font-semibold tabular-nums ${large ? 'text-2xl' : 'text-base'}`} data-testid={`value-${name}`}>
        {value}
      </div>
      <div className={`truncate opacity-90 ${large ? 'text-base' : 'text-[0.7rem]'}`}>{notPassedTo ? `not passed to ${notPassedTo}` : (c.meaning ?? role.explain)}</div>
      {memory && (
        <button type="button" className="text-[0.7rem] underline decoration-dotted" onClick={() => showMemory(memory.index)} data-testid={`to-memory-${memory.index}`}>
          address of the {memory.name} →
        </button>
      )}
    </li>
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
