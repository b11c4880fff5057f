/**
 * Renders the timeline picture to PNG without a browser: Vega-Lite compiles the spec, Vega draws
 * it as SVG in Node, resvg rasterises it with the bundled Roboto (loaded from its npm package,
 * never from the system), so every machine renders the same pixels. Roboto rather than a
 * larger font: resvg lays out each text in time proportional to the font file's size.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TimelineEvent } from '../../core/timeline/timeline.js';
import { FONT_FAMILY, type Theme, timelineSpec } from './spec.js';

const require = createRequire(import.meta.url);
// Roboto (SIL Open Font License 1.1, which allows bundling), from its npm package.
const FONT_FILES = [
  '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
].map((file) => require.resolve(file));
/** Pixels per CSS pixel: sharp on high-density screens, still small. */
const SCALE = 1.5;

/** The timeline as SVG text. */
export async function timelineSvg(events: readonly TimelineEvent[], theme: Theme): Promise<string> {
  const { spec } = compile(timelineSpec(events, theme));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The timeline as a PNG image. */
export async function timelinePng(events: readonly TimelineEvent[], theme: Theme = 'light'): Promise<Buffer> {
  const svg = await timelineSvg(events, theme);
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: FONT_FILES,
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: SCALE },
  });
  return resvg.render().asPng();
}
