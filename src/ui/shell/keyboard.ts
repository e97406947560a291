import { useApp } from '../../store/store';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY', ...TYPING]);

/**
 * Left/Right step, Space plays or pauses, Home/End jump. Keys typed into a
 * field stay with the field, and Space on a button presses that button.
 * Returns the way to stop listening.
 */
export function listenToKeys(win: Window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.target instanceof HTMLElement ? e.target : null;
    const tag = el?.tagName ?? '';
    const app = useApp.getState();
    const last = app.moments.length - 1;
    if (TYPING.has(tag) || el?.isContentEditable) return;
    // A modal dialog (Share, the editor) owns the keyboard while it is open.
    if (document.querySelector('dialog[open]')) return;
    switch (e.key) {
      case 'ArrowRight':
        app.setPlaying(false);
        app.stepBy(1);
        break;
      case 'ArrowLeft':
        app.setPlaying(false);
        app.stepBy(-1);
        break;
      case 'Home':
        app.setPlaying(false);
        app.setStep(0);
        break;
      case 'End':
        app.setPlaying(false);
        app.setStep(last);
        break;
      case ' ':
        if (ACTIVATES.has(tag)) return;
        app.togglePlay();
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  win.addEventListener('keydown', onKey);
  return () => win.removeEventListener('keydown', onKey);
}
