import { ArgumentEditor } from './editor/ArgumentEditor';
import { FunctionIdEditor } from './editor/FunctionIdEditor';
import { Pickers } from './editor/Pickers';
import { Player } from './player/Player';
import { usePlayback } from './player/playback';
import { RegisterFile } from './registers/RegisterFile';
import { Header } from './shell/Header';
import { useKeyboard } from './shell/keyboard';
import { LinkMessages } from './shell/LinkMessages';
import { useThemeSync } from './shell/theme';
import { NotesAndSources } from './sources/NotesAndSources';
import { Stage } from './stage/Stage';

export function App() {
  useKeyboard();
  usePlayback();
  useThemeSync();
  return (
    <div className="min-h-screen font-sans">
      <Header />
      <LinkMessages />
      <main className="mx-auto grid max-w-[1400px] gap-4 p-3 sm:p-4 lg:grid-cols-[minmax(300px,360px)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Pickers />
          <ArgumentEditor />
          <FunctionIdEditor />
        </div>
        <div className="min-w-0 space-y-4">
          <Player />
          <Stage />
          <RegisterFile />
          <NotesAndSources />
        </div>
      </main>
    </div>
  );
}
