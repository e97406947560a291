declare module 'virtual:trapscope-manifest' {
  const manifest: import('./catalog/manifest').Manifest;
  export default manifest;
}

declare module 'virtual:trapscope-routes' {
  const routes: import('./catalog/manifest').Routes;
  export default routes;
}

declare module 'virtual:trapscope-calls' {
  const calls: import('./catalog/manifest').ManifestCall[];
  export default calls;
}
