import { useApp } from '../../store/store';
import { togglePresenter } from '../present/fullscreen';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY', ...TYPING]);

/**
 * Left/Right and PageUp/PageDown (what a presentation clicker sends) step,
 * Space plays or pauses, Home/End jump, P enters or leaves presenter mode.
 * In presenter mode Space and Up/Down step as a slide deck does, and Esc
 * leaves. Keys typed into a field stay with the field, and Space on a button
 * presses that button. Returns the way to stop listening.
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
    const presenting = app.view.present === true;
    switch (e.key) {
      case 'ArrowRight':
      case 'PageDown':
        app.setPlaying(false);
        // A clicker walks a whole course: past a lesson step's last moment comes the next lesson step.
        if (app.view.step === last && app.view.lesson !== undefined && e.key === 'PageDown') {
          const next = document.querySelector<HTMLAnchorElement>('[data-testid="lesson"] a[data-next]');
          if (next) next.click();
        } else app.stepBy(1);
        break;
      case 'ArrowLeft':
      case 'PageUp':
        app.setPlaying(false);
        app.stepBy(-1);
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        if (!presenting) return;
        app.setPlaying(false);
        app.stepBy(e.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'p':
      case 'P':
        togglePresenter(!presenting);
        break;
      case 'Escape':
        if (!presenting) return;
        togglePresenter(false);
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
        if (presenting) {
          app.setPlaying(false);
          app.stepBy(e.shiftKey ? -1 : 1);
        } else app.togglePlay();
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  win.addEventListener('keydown', onKey);
  return () => win.removeEventListener('keydown', onKey);
}
