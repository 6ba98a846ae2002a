/** Build-time SVG charts for election results; each sits beside an accessible table. */
export { barChartSvg, BAR_FRAME, scaleMax, shareText, type Bar, type BarChartOptions } from "./bar-chart.ts";
export { HEMICYCLE_FRAME, hemicycleLayout, hemicycleSvg, type HemicycleOptions, type Seat, type SeatGroup } from "./hemicycle.ts";
export { escapeXml, shortLabel } from "./svg.ts";
