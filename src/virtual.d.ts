declare module 'virtual:trapscope-manifest' {
  const manifest: import('./catalog/manifest').Manifest;
  export default manifest;
}
