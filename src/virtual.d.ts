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

declare module 'virtual:trapscope-observed' {
  const first: import('./model/observed').ObservedData;
  export default first;
}

declare module 'virtual:trapscope-observed-more' {
  const more: import('./model/observed').Observation[];
  export default more;
}
