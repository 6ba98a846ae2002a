/** Build-time SVG charts for election results; each sits beside an accessible table. */
export { barListHtml, MIN_BAR_PX, shareText, type BarListOptions, type ListBar } from "./bar-list.ts";
export { HEMICYCLE_FRAME, hemicycleLayout, hemicycleSvg, type HemicycleOptions, type Seat, type SeatGroup } from "./hemicycle.ts";
export { escapeXml } from "./svg.ts";
export { binOf, hexCentres, hexLayoutSchema, inkOn, tileMapSvg, turnoutBins, TURNOUT_COLOURS, type Bin, type HexLayout, type Tile } from "./tile-map.ts";
