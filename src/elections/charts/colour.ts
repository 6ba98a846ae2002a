/** Page backgrounds of the two colour schemes (public/css/site.css, --bg). */
export const BACKGROUNDS = { light: "#ffffff", dark: "#121212" } as const;

/** WCAG's minimum contrast for graphics: a shape below it needs an outline to be seen. */
export const GRAPHIC_CONTRAST = 3;

function channels(hex: string): [number, number, number] {
  const digits = hex.replace(/^#/, "");
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** WCAG 2 relative luminance of "#rgb" or "#rrggbb". */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** A party colour under 3:1 against the page in either scheme gets a solid outline in the text colour. */
export function needsOutline(colour: string): boolean {
  if (!/^#(?:[0-9a-f]{3}){1,2}$/i.test(colour)) return true;
  return contrast(colour, BACKGROUNDS.light) < GRAPHIC_CONTRAST || contrast(colour, BACKGROUNDS.dark) < GRAPHIC_CONTRAST;
}
