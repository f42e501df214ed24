import type { Locator } from 'playwright-core';

/** What Chart.js holds for one canvas, and whether anything was painted on it. */
export interface ChartData {
  type: string;
  datasets: number;
  values: Array<number | null>;
  painted: boolean;
}

/**
 * Reads the chart Chart.js drew on `canvas` (in whichever page or frame holds it, through the
 * page's global `Chart.getChart`); null when none was drawn there.
 */
export function chartData(canvas: Locator): Promise<ChartData | null> {
  return canvas.evaluate((node) => {
    // The page's globals, typed only as far as read here (the tests compile without the DOM library).
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    type ChartJs = { getChart(c: Canvas): { config: { type: string }; data: { datasets: Array<{ data: Array<number | null> }> } } | undefined };
    const element = node as unknown as Canvas;
    const chartJs = (globalThis as unknown as { Chart?: ChartJs }).Chart;
    const chart = chartJs?.getChart(element);
    if (!chart) return null;
    const pixels = element.getContext('2d').getImageData(0, 0, element.width, element.height).data;
    let painted = false;
    for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i]! > 0;
    return { type: chart.config.type, datasets: chart.data.datasets.length, values: chart.data.datasets.flatMap((d) => d.data), painted };
  });
}
