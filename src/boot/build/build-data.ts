import { runnerImport } from 'vite';

type BuildData = typeof import('../../share/build-data');

/** The full catalog, loaded once through Vite's module runner (as the app's own code is), for every build step. */
let buildData: Promise<BuildData> | undefined;

export function loadBuildData(): Promise<BuildData> {
  return (buildData ??= runnerImport<BuildData>('./src/share/build-data.ts', { configFile: false, logLevel: 'error' }).then((r) => r.module));
}

/** In development a catalog edit must show up in what is built from it next. */
export function forgetBuildData(): void {
  buildData = undefined;
}
