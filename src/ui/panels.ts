// The panels that can arrive a moment after the rest of the view, in one chunk of their own (see deferred.tsx).
export { ArgumentEditor } from './editor/ArgumentEditor';
export { CallSearch } from './editor/CallSearch';
export { CompareEntry } from './editor/CompareEntry';
export { DesignEntry } from './editor/DesignEntry';
export { FunctionIdEditor } from './editor/FunctionIdEditor';
export { LinkMessages } from './shell/LinkMessages';
export { NotesAndSources } from './sources/NotesAndSources';
export { Results } from './stage/Results';
