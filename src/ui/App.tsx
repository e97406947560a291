import { Suspense, useEffect, type ReactNode } from 'react';
import { useApp } from '../store/store';
import { ArgumentEditor } from './editor/ArgumentEditor';
import { CompareEntry } from './editor/CompareEntry';
import { DesignEntry } from './editor/DesignEntry';
import { FunctionIdEditor } from './editor/FunctionIdEditor';
import { Pickers } from './editor/Pickers';
import { Player } from './player/Player';
import { usePlayback } from './player/playback';
import { MemoryPanel } from './memory/MemoryPanel';
import { RegisterFile } from './registers/RegisterFile';
import { listenToDrops } from './shell/drop';
import { Header } from './shell/Header';
import { LessonEntry } from './lessons/LessonEntry';
import { listenToKeys } from './shell/keyboard';
import { LinkMessages } from './shell/LinkMessages';
import { lazyPart } from './shell/LoadFailed';
import { StorageNotices } from './custom/StorageNotices';
import { OpeningLink } from './shell/OpeningLink';
import { useThemeSync } from './shell/theme';
import { NotesAndSources } from './sources/NotesAndSources';
import { Results } from './stage/Results';
import { Stage } from './stage/Stage';

const CompareView = lazyPart(() => import('./compare/CompareView'), 'The comparison');
const CustomEditor = lazyPart(() => import('./custom/CustomEditor'), 'The convention editor');
const Presenter = lazyPart(() => import('./present/Presenter'), 'Presenter mode');
const LessonPanel = lazyPart(() => import('./lessons/LessonPanel'), 'The lesson');

/**
 * The page's controls take input only once the page is live (src/boot/boot.ts): before, a click or a value given
 * to the pre-rendered page would be lost, or shown but never applied. data-boot tells the stylesheet (which hides
 * the pre-rendered view under a link), the tests and the benchmark where start-up is. Only this component and
 * Live are drawn again as the phase moves on, not the page inside them.
 */
function Phased({ children }: { children: ReactNode }) {
  const phase = useApp((s) => s.phase);
  return (
    <fieldset disabled={phase !== 'live' && phase !== 'failed'} className="contents" data-boot={phase}>
      {children}
    </fieldset>
  );
}

/** Keyboard shortcuts, file drops and the editor (not in a frame): once the page is live. */
function Live() {
  const live = useApp((s) => s.phase === 'live');
  const embed = useApp((s) => s.view.embed === true);
  const editorText = useApp((s) => s.editorText);
  useEffect(() => {
    if (!live) return;
    const stops = [listenToKeys(window), listenToDrops(window)];
    return () => stops.forEach((stop) => stop());
  }, [live]);
  return live && !embed && <Suspense fallback={null}>{editorText !== null && <CustomEditor text={editorText} />}</Suspense>;
}

/** The theme in effect, from the store: a component of its own, so a stored theme redraws nothing else. */
function ThemeSync() {
  useThemeSync();
  return null;
}

export function App() {
  usePlayback();
  const starting = useApp((s) => (s.phase === 'opening' || s.phase === 'failed' ? s.phase : undefined));
  const compare = useApp((s) => s.view.kind === 'compare');
  const embed = useApp((s) => s.view.embed === true);
  const present = useApp((s) => s.view.present === true);
  return (
    <Phased>
      <ThemeSync />
      {starting ? (
        <OpeningLink failed={starting === 'failed'} />
      ) : present ? (
        <Suspense fallback={null}>
          <Presenter />
        </Suspense>
      ) : embed ? (
        <Embedded compare={compare} />
      ) : (
        <div className="min-h-screen font-sans">
          <Header />
          <LinkMessages />
          <StorageNotices />
          {compare ? <Compare /> : <Single />}
        </div>
      )}
      <Live />
    </Phased>
  );
}

/** Minimal chrome for an iframe: the call, the player, the stage, the registers, and a way out. */
function Embedded({ compare }: { compare: boolean }) {
  const plan = useApp((s) => s.plan);
  const full = window.location.href.replace(/([?&])embed=1(&|$)/, (_m, a: string, b: string) => (b ? a : '')).replace(/[?&]$/, '');
  return (
    <main className="space-y-3 p-2 font-sans">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm">
          <strong>{compare ? 'Comparison' : plan.call.name}</strong> {compare ? '' : <span className="muted">under {plan.convention.name}</span>}
        </p>
        <a href={full} target="_blank" rel="noopener noreferrer" className="text-sm underline decoration-dotted">
          Open in Trapscope ↗
        </a>
      </div>
      <Player />
      {compare ? (
        <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
          <CompareView />
        </Suspense>
      ) : (
        <>
          <Stage />
          <RegisterFile />
          {/* In a narrow frame the fields drop their meaning column; their sources stay with the area. */}
          <MemoryPanel size="compact" />
        </>
      )}
    </main>
  );
}

/** The lesson step a view was opened from (#/lesson/<id>), if any: its code loads only then. */
function Lesson({ className }: { className?: string }) {
  const lesson = useApp((s) => s.view.lesson !== undefined);
  return (
    lesson && (
      <div className={className}>
        <Suspense fallback={null}>
          <LessonPanel />
        </Suspense>
      </div>
    )
  );
}

function Compare() {
  const { openPane } = useApp.getState();
  return (
    <main className="mx-auto max-w-[1400px] space-y-4 p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="rounded-lg border border-[var(--line)] px-3 py-1.5 text-sm" onClick={() => openPane(0)}>
          ← Single view
        </button>
      </div>
      <Lesson />
      <Player />
      <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
        <CompareView />
      </Suspense>
    </main>
  );
}

function Single() {
  // The page reads in this order, as a phone shows it: the call, then what it does (player, stage, registers,
  // results, notes), then the editors. From lg the pickers and the editors are the left column and the rest the
  // right one, which spans both rows, so the first row is as tall as the pickers alone.
  return (
    <main className="mx-auto grid max-w-[1400px] grid-cols-[minmax(0,1fr)] gap-4 p-3 sm:p-4 lg:grid-cols-[minmax(300px,360px)_minmax(0,1fr)] lg:grid-rows-[auto_1fr]">
      <div className="order-1 lg:col-start-1 lg:row-start-1">
        <Pickers />
      </div>
      {/* Below lg the columns dissolve: order puts the editors before the notes. */}
      <div className="contents min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:block lg:space-y-4">
        <Lesson className="order-2" />
        {/* On a phone the player stays on screen while the registers scroll under it. */}
        <div className="sticky top-0 z-20 order-2 lg:static">
          <Player />
        </div>
        <div className="order-3">
          <Stage />
        </div>
        <div className="order-4">
          <RegisterFile />
        </div>
        <div className="order-4 empty:hidden">
          <MemoryPanel />
        </div>
        <div className="order-4">
          <Results />
        </div>
        <div className="order-7">
          <NotesAndSources />
        </div>
      </div>
      <div className="contents lg:col-start-1 lg:row-start-2 lg:block lg:space-y-4">
        <div className="order-5">
          <ArgumentEditor />
        </div>
        <div className="order-6">
          <FunctionIdEditor />
        </div>
        <div className="order-6">
          <CompareEntry />
        </div>
        <div className="order-6">
          <DesignEntry />
        </div>
        <div className="order-6">
          <LessonEntry />
        </div>
      </div>
    </main>
  );
}
