import { useApp } from '../../store/store';

/** Dropping a picture Trapscope exported anywhere on the page reopens its view. Returns the way to stop listening. */
export function listenToDrops(win: Window): () => void {
  const over = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };
  const drop = async (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    // The decoder is loaded only when a file is dropped: most visits never need it.
    const { linkFromFile } = await import('../../share/image-link');
    const result = linkFromFile(file.name, new Uint8Array(await file.slice(0, 4 << 20).arrayBuffer()));
    const app = useApp.getState();
    if (!result.ok) return app.reportMessage(result.message);
    win.history.pushState(null, '', result.fragment);
    await app.openLink(result.fragment);
  };
  win.addEventListener('dragover', over);
  win.addEventListener('drop', drop);
  return () => {
    win.removeEventListener('dragover', over);
    win.removeEventListener('drop', drop);
  };
}
