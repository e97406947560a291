import type { ReactNode } from 'react';
import type { FieldError } from '../../share/custom/decode';

/** The form's boxes: one look for every input and text area. */
export const input = 'mt-1 min-h-9 w-full rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 py-[7px] font-mono text-sm';

/** `name`, when given, makes the box's id where the label alone repeats (each memory area has a "Name"). */
export function Field({ label, name, errors, children }: { label: string; name?: string; errors: FieldError[]; children: (id: string) => ReactNode }) {
  const id = `f-${(name ?? label).replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div>
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
      {children(id)}
      <FieldErrors errors={errors} />
    </div>
  );
}

export function FieldErrors({ errors }: { errors: FieldError[] }) {
  if (!errors.length) return null;
  return (
    <ul className="mt-1 text-xs text-red-700 dark:text-red-300" role="alert">
      {errors.map((e, i) => (
        <li key={i}>{e.message}</li>
      ))}
    </ul>
  );
}
