/**
 * ag-grid for the whole renderer: modules registered once, and the desk's dark theme.
 *
 * CSP: the Theming API injects its CSS as <style> elements at runtime (and its icons are
 * data: SVG masks), so the host's policy needs `style-src 'self' 'unsafe-inline'` and
 * `img-src 'self' data:`; scripts stay `script-src 'self'` (the build has no inline scripts).
 * A per-launch `styleNonce` grid option could replace 'unsafe-inline' if the host ever hands the
 * page a nonce.
 */
import { AllCommunityModule, colorSchemeDark, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Matches the chrome colours in styles.css (--bg, --fg, --accent). */
export const deskGridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#11151c',
  foregroundColor: '#d7dde8',
  accentColor: '#3d8bfd',
  chromeBackgroundColor: '#161b24',
  headerBackgroundColor: '#1a202b',
  oddRowBackgroundColor: '#131820',
  borderColor: '#262e3b',
  fontFamily: 'inherit',
  fontSize: 12,
  headerFontSize: 12,
  spacing: 4,
  rowVerticalPaddingScale: 0.6,
  wrapperBorderRadius: 0,
  valueChangeValueHighlightBackgroundColor: 'rgba(61, 139, 253, 0.35)',
});
