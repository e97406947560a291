import './index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startUrlSync } from './store/url-sync';
import { hasStoredDefinitions } from './store/custom-links';
import { App } from './ui/App';
import { loadTheme } from './ui/shell/theme';

loadTheme();
// The families a link names load before the first render, so a permalink never flashes another view.
if (hasStoredDefinitions()) await (await import('./store/custom')).loadStoredDefinitions();
await startUrlSync(window);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
