import { useEffect } from 'react';
import { useApp, type Theme } from '../../store/store';

const KEY = 'trapscope-theme';

function stored(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function loadTheme(): void {
  useApp.getState().setTheme(stored());
}

/** Applies the chosen theme and follows the system while "system" is chosen; public/first-paint.js did the first paint. */
export function useThemeSync(): void {
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this visit.
    }
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      // public/first-paint.js has set it already: set again, even to the same value, it would restyle the page.
      const value = dark ? 'dark' : 'light';
      if (document.documentElement.dataset.theme !== value) document.documentElement.dataset.theme = value;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
