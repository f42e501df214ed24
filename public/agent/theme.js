/* Light, dark or high contrast: Teams' theme inside Teams, the operating system's outside. */
import { state } from './state.js';

export function applyTheme(theme) {
  document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** Outside Teams, follow the operating system's dark / high-contrast preference. */
export function followSystemTheme() {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const contrast = matchMedia('(forced-colors: active), (prefers-contrast: more)');
  const update = () => { if (!state.inTeams) applyTheme(contrast.matches ? 'contrast' : dark.matches ? 'dark' : 'default'); };
  dark.addEventListener('change', update);
  contrast.addEventListener('change', update);
  update();
}
