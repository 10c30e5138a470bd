import shapes from './departement-shapes.json';

/**
 * Outlines of the départements, taken from @gouvfr/dsfr-chart 2.0.4 (MapChart, MIT licence) so that the page draws
 * the map on the server, with no script. Metropolitan France fills 1010 × 1010; the five overseas départements are
 * drawn as insets in a row below it, each in its own viewBox.
 */
export interface MapShape {
  d: string;
  /** Set for an overseas inset: where it sits in the map's coordinates and its own viewBox. */
  inset?: { x: number; y: number; width: number; height: number; viewBox: string; caption: string; captionX: number; captionY: number };
}

const INSET_TOP = 1030;
const INSET_WIDTH = 190;
const INSET_HEIGHT = 120;
const OVERSEAS: [string, string][] = [
  ['971', 'Guadeloupe'],
  ['972', 'Martinique'],
  ['973', 'Guyane'],
  ['974', 'La Réunion'],
  ['976', 'Mayotte'],
];

let cached: { viewBox: string; byCode: Map<string, MapShape> } | undefined;

export function mapShapes(): { viewBox: string; byCode: Map<string, MapShape> } {
  if (cached) return cached;
  const paths = shapes.paths as Record<string, string>;
  const boxes = shapes.overseasViewBoxes as Record<string, string>;
  const byCode = new Map<string, MapShape>();
  for (const [code, d] of Object.entries(paths)) if (code.length === 2) byCode.set(code, { d });
  OVERSEAS.forEach(([code, caption], i) => {
    const x = 10 + i * (INSET_WIDTH + 12);
    const d = paths[code];
    const viewBox = boxes[code];
    if (!d || !viewBox) throw new Error(`map shapes: no outline or inset box for ${code}`);
    byCode.set(code, {
      d,
      inset: {
        x,
        y: INSET_TOP,
        width: INSET_WIDTH,
        height: INSET_HEIGHT,
        viewBox,
        caption,
        captionX: x + INSET_WIDTH / 2,
        captionY: INSET_TOP + INSET_HEIGHT + 34,
      },
    });
  });
  cached = { viewBox: `0 0 1010 ${INSET_TOP + INSET_HEIGHT + 50}`, byCode };
  return cached;
}
