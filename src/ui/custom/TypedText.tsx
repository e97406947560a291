import { useState } from 'react';

/**
 * A box for a value the form prints in its own words (a register list as
 * "x1–x7", a call's arguments one per line). What is typed is committed at
 * every keystroke, so the checks' messages appear while typing. Committing
 * on blur instead moved the form under the pointer: the first click after
 * an edit blurred the box, a message appeared or went above the click, and
 * the mouseup landed on another element, so the click was lost (the SMCCC
 * checkbox stayed unchecked). While focused the box keeps the text as
 * typed; otherwise it shows the value as the form prints it.
 */
export function TypedText({
  id,
  shown,
  onText,
  rows,
  className,
  describedBy,
}: {
  id: string;
  shown: string;
  onText: (text: string) => void;
  rows?: number;
  className: string;
  describedBy?: string;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const props = {
    id,
    className,
    'aria-describedby': describedBy,
    value: typed ?? shown,
    onFocus: () => setTyped(shown),
    onBlur: () => setTyped(null),
    onChange: (e: { target: { value: string } }) => {
      setTyped(e.target.value);
      onText(e.target.value);
    },
  };
  return rows ? <textarea rows={rows} {...props} /> : <input {...props} />;
}
