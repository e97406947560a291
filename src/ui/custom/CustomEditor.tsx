import { useEffect, useMemo, useRef } from 'react';
import { ARCHITECTURES, instructionsFor } from '../../share/custom/architectures';
import { changedSinceCopy } from '../../share/custom/copy';
import { ARCH_IDS, type CustomDefinition } from '../../share/custom/schema';
import { useKept } from '../../store/custom-links';
import { useApp } from '../../store/store';
import { edited, errorsAt as errorsIn, isObject, readDraft, type Json } from './draft';
import { fromLines, listText, textList, toLines } from './lines';
import { TypedText } from './TypedText';
import { Field, FieldErrors, input } from './Field';
import { BesideHelp, CallBeside, ConventionBeside } from './BesideRegisters';

/**
 * The convention editor: a form and the JSON it stands for, both editing the
 * same text, which is kept (in the page and in storage) even while invalid.
 * Every mistake is shown at the field it names.
 */
export default function CustomEditor({ text }: { text: string }) {
  const { setEditorText, saveCustom } = useApp.getState();
  // The dialog is modal: what storage refused for the draft is said here, not only under the header.
  const draftNotice = useKept((s) => s.notices.find((n) => n.kind === 'draft'));
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const { parsed, errors, def } = useMemo(() => readDraft(text), [text]);

  const conv = parsed && isObject(parsed.convention) ? parsed.convention : undefined;
  const stale = def ? changedSinceCopy(def.convention) : [];
  const calls = parsed && Array.isArray(parsed.calls) ? (parsed.calls as Json[]) : [];
  const update = (f: (d: Json) => void) => {
    if (parsed) setEditorText(edited(parsed, f));
  };
  const setConv = (key: string, value: unknown) => update((d) => ((d.convention as Json)[key] = value));
  const setCall = (i: number, key: string, value: unknown) => update((d) => (((d.calls as Json[])[i] as Json)[key] = value));
  const errorsAt = (path: string) => errorsIn(errors, path);
  const arch = conv && typeof conv.arch === 'string' && conv.arch in ARCHITECTURES ? ARCHITECTURES[conv.arch as keyof typeof ARCHITECTURES] : undefined;

  return (
    <dialog
      ref={dialog}
      className="m-auto w-[min(60rem,calc(100vw-1rem))] rounded-xl border border-[var(--line)] bg-[var(--panel)] p-0 text-[var(--ink)] backdrop:bg-black/50"
      aria-labelledby="editor-title"
      onClose={() => setEditorText(null)}
    >
      <div className="flex items-center justify-between border-b border-[var(--line)] px-4 py-3">
        <h2 id="editor-title" className="text-lg font-semibold">
          Design a convention
        </h2>
        <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1 text-sm" onClick={() => dialog.current?.close()}>
          Close (your draft is kept)
        </button>
      </div>
      <div className="grid gap-4 p-4 md:grid-cols-2">
        <div className="space-y-3" aria-label="Form">
          {!conv ? (
            <p className="text-sm muted">Fix the JSON first; the form edits the same definition.</p>
          ) : (
            <>
              {stale.length > 0 && def?.convention.copiedFrom && (
                <div role="note" className="rounded-lg border-2 border-[var(--role-lost-line)] bg-[var(--role-lost-bg)] p-2 text-sm text-[var(--role-lost-ink)]" data-testid="copy-stale">
                  <p>
                    You changed the {new Intl.ListFormat('en').format(stale)} of this copy of {def.convention.copiedFrom.name}. Its summary, selector name and call descriptions
                    were written for {def.convention.copiedFrom.name}: rewrite them below. Until then the convention carries a note saying so.
                  </p>
                  <button type="button" className="mt-1 rounded-md border border-current px-2 py-0.5 text-xs" onClick={() => setConv('copiedFrom', undefined)}>
                    The descriptions fit this convention now
                  </button>
                </div>
              )}
              <Field label="Name" errors={errorsAt('convention.name')}>
                {(id) => <input id={id} className={input} value={String(conv.name ?? '')} onChange={(e) => setConv('name', e.target.value)} />}
              </Field>
              <Field label="Id (kebab-case)" errors={errorsAt('convention.id')}>
                {(id) => <input id={id} className={input} value={String(conv.id ?? '')} onChange={(e) => setConv('id', e.target.value)} />}
              </Field>
              <div className="grid grid-cols-2 gap-2">
                <Field label="Architecture" errors={errorsAt('convention.arch')}>
                  {(id) => (
                    <select id={id} className={input} value={String(conv.arch ?? '')} onChange={(e) => setConv('arch', e.target.value)}>
                      {ARCH_IDS.map((a) => (
                        <option key={a}>{a}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Trap instruction" errors={errorsAt('convention.instruction')}>
                  {(id) => (
                    <select id={id} className={input} value={String(conv.instruction ?? '')} onChange={(e) => setConv('instruction', e.target.value)}>
                      {(arch ? instructionsFor(arch) : []).map((i) => (
                        <option key={i.id}>{i.mnemonic}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label='Immediate (number, or "call")' errors={errorsAt('convention.imm')}>
                  {(id) => (
                    <input
                      id={id}
                      className={input}
                      value={String(conv.imm ?? '')}
                      onChange={(e) =>
                        setConv('imm', e.target.value === 'call' ? 'call' : /^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value)
                      }
                    />
                  )}
                </Field>
                <Field label="Selector register (empty: the immediate)" errors={errorsAt('convention.selector')}>
                  {(id) => (
                    <input id={id} className={input} value={String(conv.selector ?? '')} onChange={(e) => setConv('selector', e.target.value || null)} />
                  )}
                </Field>
              </div>
              {(['args', 'results', 'clobbered', 'preserved'] as const).map((k) => (
                <Field
                  key={k}
                  label={{ args: 'Argument registers, in order', results: 'Result registers, in order', clobbered: 'Clobbered', preserved: 'Preserved' }[k]}
                  errors={errorsAt(`convention.${k}`)}
                >
                  {(id) => <TypedText id={id} className={input} shown={listText(conv[k])} onText={(t) => setConv(k, textList(t))} describedBy="list-help" />}
                </Field>
              ))}
              <p id="list-help" className="text-xs muted">
                Registers separated by commas or spaces; a range such as x2-x17 stands for every register from x2 to x17.
              </p>
              <ConventionBeside conv={conv} setConv={setConv} errorsAt={errorsAt} />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={conv.usesSmcccFunctionId === true} onChange={(e) => setConv('usesSmcccFunctionId', e.target.checked)} /> The
                selector holds an SMCCC function ID
              </label>
              <FieldErrors errors={errorsAt('convention.usesSmcccFunctionId')} />
              <Field label="Summary" errors={errorsAt('convention.summary')}>
                {(id) => (
                  <textarea
                    id={id}
                    rows={3}
                    className={input}
                    value={String(conv.summary ?? '')}
                    onChange={(e) => setConv('summary', e.target.value || undefined)}
                  />
                )}
              </Field>
              <div className="grid grid-cols-2 gap-2">
                <Field label="Selector name" errors={errorsAt('convention.selectorName')}>
                  {(id) => <input id={id} className={input} value={String(conv.selectorName ?? '')} onChange={(e) => setConv('selectorName', e.target.value)} />}
                </Field>
                <Field label="Handler" errors={errorsAt('convention.handler')}>
                  {(id) => (
                    <input id={id} className={input} value={String(conv.handler ?? '')} onChange={(e) => setConv('handler', e.target.value || undefined)} />
                  )}
                </Field>
              </div>
              <h3 className="pt-2 font-semibold">Calls</h3>
              <p id="call-lines-help" className="text-xs muted">
                Each argument or result is one line: <code>name | meaning | example | register</code>. The example is a value, hex with 0x or
                decimal. The register may be left out: an argument then goes in the convention&apos;s next argument register, a result in the result
                register at its position.
              </p>
              <BesideHelp />
              {calls.map((c, i) => (
                <fieldset key={i} className="space-y-2 rounded-lg border border-[var(--line)] p-2">
                  <legend className="px-1 text-sm font-semibold">Call {i + 1}</legend>
                  <div className="grid grid-cols-3 gap-2">
                    <Field label={`Call ${i + 1} id`} errors={errorsAt(`calls[${i}].id`)}>
                      {(id) => <input id={id} className={input} value={String(c.id ?? '')} onChange={(e) => setCall(i, 'id', e.target.value)} />}
                    </Field>
                    <Field label={`Call ${i + 1} name`} errors={errorsAt(`calls[${i}].name`)}>
                      {(id) => <input id={id} className={input} value={String(c.name ?? '')} onChange={(e) => setCall(i, 'name', e.target.value)} />}
                    </Field>
                    <Field label={`Call ${i + 1} number`} errors={errorsAt(`calls[${i}].number`)}>
                      {(id) => <input id={id} className={input} value={String(c.number ?? '')} onChange={(e) => setCall(i, 'number', e.target.value)} />}
                    </Field>
                  </div>
                  <Field label={`Call ${i + 1} summary`} errors={errorsAt(`calls[${i}].summary`)}>
                    {(id) => <input id={id} className={input} value={String(c.summary ?? '')} onChange={(e) => setCall(i, 'summary', e.target.value || undefined)} />}
                  </Field>
                  <Field label={`Call ${i + 1}: what the callee does`} errors={errorsAt(`calls[${i}].handles`)}>
                    {(id) => <input id={id} className={input} value={String(c.handles ?? '')} onChange={(e) => setCall(i, 'handles', e.target.value || undefined)} />}
                  </Field>
                  {(['args', 'results'] as const).map((k) => (
                    <Field
                      key={k}
                      label={`Call ${i + 1} ${k === 'args' ? 'arguments' : 'results'}: name | meaning | example | register`}
                      errors={errorsAt(`calls[${i}].${k}`)}
                    >
                      {(id) => (
                        <TypedText
                          id={id}
                          rows={3}
                          className={input}
                          shown={toLines(Array.isArray(c[k]) ? (c[k] as Json[]) : [])}
                          onText={(t) => setCall(i, k, fromLines(t, Array.isArray(c[k]) ? (c[k] as Json[]) : []))}
                          describedBy="call-lines-help"
                        />
                      )}
                    </Field>
                  ))}
                  <CallBeside call={c} i={i} setCall={(k, v) => setCall(i, k, v)} errorsAt={errorsAt} />
                </fieldset>
              ))}
              <button
                type="button"
                className="rounded-md border border-[var(--line)] px-2 py-1 text-sm"
                onClick={() =>
                  update(
                    (d) => (d.calls = [...calls, { id: `call-${calls.length + 1}`, name: `call ${calls.length + 1}`, number: '0x0', args: [], results: [] }]),
                  )
                }
              >
                Add a call
              </button>
            </>
          )}
        </div>
        <div>
          <label htmlFor="editor-json" className="text-sm font-semibold">
            Definition as JSON
          </label>
          <textarea
            id="editor-json"
            className="mt-1 h-[28rem] w-full rounded-lg border border-[var(--line)] bg-[var(--bg)] p-2 font-mono text-xs"
            spellCheck={false}
            value={text}
            onChange={(e) => setEditorText(e.target.value)}
          />
          <div aria-live="polite" className="mt-2">
            {errors.length === 0 ? (
              <p className="text-sm font-medium" data-testid="editor-ok">
                The definition is valid.
              </p>
            ) : (
              <ul className="max-h-48 space-y-1 overflow-auto text-sm text-red-700 dark:text-red-300" data-testid="editor-errors">
                {errors.map((e, i) => (
                  <li key={i}>
                    <span className="font-mono text-xs">{e.path}</span>: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {draftNotice && (
            <p className="mt-2 text-sm text-red-700 dark:text-red-300" role="alert" data-testid="editor-draft-unkept">
              {draftNotice.message}
            </p>
          )}
          <button
            type="button"
            disabled={!def}
            className="mt-3 rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-semibold disabled:opacity-40"
            onClick={() => def && void saveCustom(def as CustomDefinition)}
          >
            Save and show
          </button>
        </div>
      </div>
    </dialog>
  );
}
