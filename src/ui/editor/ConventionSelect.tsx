import { conventionGroups } from '../../store/convention-groups';

/** Every convention, loaded or not, grouped by family name: the picker of the single view and of each compare pane. */
export function ConventionSelect({ id, className, value, onChange }: { id: string; className: string; value: string; onChange: (id: string) => void }) {
  return (
    <select id={id} className={className} value={value} onChange={(e) => onChange(e.target.value)}>
      {conventionGroups().map((g) => (
        <optgroup key={g.name} label={g.name}>
          {g.conventions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
