import { conventionGroups } from '../../store/convention-groups';
import { useApp } from '../../store/store';

/** Every convention, loaded or not, grouped by family name: the picker of the single view and of each compare pane. */
export function ConventionSelect({ id, className, value, onChange }: { id: string; className: string; value: string; onChange: (id: string) => void }) {
  const catalog = useApp((s) => s.catalog);
  return (
    <select id={id} className={className} value={value} onChange={(e) => onChange(e.target.value)}>
      {conventionGroups(catalog).map((g) => (
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
