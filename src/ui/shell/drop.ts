import { useEffect } from 'react';
import { useApp } from '../../store/store';

/** Dropping a picture Trapscope exported anywhere on the page reopens its view. */
export function useDropToOpen(): void {
  useEffect(() => {
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
      window.history.pushState(null, '', result.fragment);
      await app.openLink(result.fragment);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
