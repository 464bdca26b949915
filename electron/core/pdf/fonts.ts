// The typeface every GrantPanel PDF is set in: Atkinson Hyperlegible Next (SIL Open Font Licence
// 1.1, from the npm package @expo-google-fonts/atkinson-hyperlegible-next), drawn by the Braille
// Institute for readers with low vision; it covers Welsh (ŵ, ŷ), Central European names (Ł, ő)
// and the typographic quotes, dashes and £ our text uses. The files are bundled as bytes (esbuild's
// binary loader; a Vite plugin in tests) and embedded, subset, in each PDF — never the PDF
// standard fonts, which know only Latin-1 and which pdfkit would load from files a bundle lacks.
import regular from '@expo-google-fonts/atkinson-hyperlegible-next/400Regular/AtkinsonHyperlegibleNext_400Regular.ttf';
import bold from '@expo-google-fonts/atkinson-hyperlegible-next/700Bold/AtkinsonHyperlegibleNext_700Bold.ttf';

export const FONTS = { regular, bold } as const;
export type FontWeight = keyof typeof FONTS;
