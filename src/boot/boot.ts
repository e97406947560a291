import type { Phase } from '../store/store';

/** What start-up does, passed in so that boot() can be tested without a browser (src/boot/start.tsx gives them). */
export interface BootSteps {
  /** The address names a view (a permalink): the pre-rendered default view is hidden and is not hydrated. */
  link: boolean;
  setPhase(phase: Phase): void;
  /** Reads into the store what this browser keeps that the store holds (theme, editor draft). */
  readStorage(): void;
  /** Hydrates the pre-rendered default view; resolves once React has committed it. */
  hydrate(): Promise<void>;
  /** Draws the app afresh in place of the pre-rendered view. */
  render(): void;
  /** Loads the conventions kept in this browser (they add to the pickers, outside the store). */
  loadKept(): Promise<void>;
  /** Opens the address's view (loading its families) and keeps the address in step with the view from then on. */
  syncAddress(): Promise<void>;
}

/** How long a link may take to open before the page says it is opening (ms): a status that flashed on every link would only slow it. */
export const OPENING_STATUS_AFTER = 400;

/**
 * The one start-up path (README, "How the page starts"):
 *
 *   default view: static -> hydrating -> live     (the build's markup is hydrated as it stands)
 *   a link:       static -> opening   -> live     (drawn afresh once its families are loaded)
 *   either:                          -> failed    (a part of the app did not arrive)
 *
 * Hydration comes before anything that changes what the page draws: during it React renders the store's initial
 * state (zustand's server snapshot), which is what the build pre-rendered, and what was read from storage is drawn
 * just after. The conventions kept here are in the catalog, not the store, so they load only once hydrated.
 * Under a link nothing is drawn until the linked view is (or the link has failed), unless the link is slow to
 * open: then the opening status is drawn meanwhile. Drawn at once, it would hold the main thread when the link's
 * view is about to be drawn (measured: about 25 ms of it on this machine).
 */
export async function boot(steps: BootSteps): Promise<void> {
  steps.readStorage();
  let drawn = false;
  const draw = () => {
    if (!drawn) steps.render();
    drawn = true;
  };
  const slow = steps.link ? setTimeout(draw, OPENING_STATUS_AFTER) : undefined;
  try {
    if (steps.link) {
      steps.setPhase('opening');
    } else {
      steps.setPhase('hydrating');
      await steps.hydrate();
    }
    await steps.loadKept();
    await steps.syncAddress();
    // Drawing the address's view and going live (which enables every control) are two renders: on the hydrated
    // page each is a task of its own, so the page is not held for both at once. A link's view is drawn only as
    // it goes live: there is nothing to split.
    if (!steps.link) await new Promise((next) => setTimeout(next));
    steps.setPhase('live');
  } catch (error) {
    steps.setPhase('failed');
    throw error;
  } finally {
    clearTimeout(slow);
    if (steps.link) draw();
  }
}
