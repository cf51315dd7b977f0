/**
 * chart.js with only the parts our charts use registered, so the bundle leaves the rest
 * out: line (numerical, target and average lines) and bar (done days, choices, durations)
 * on linear and category axes, with tooltips, legends and decimation for long series.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Decimation);
// The page's own font, so axis labels read like the rest of the app.
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif";

export { Chart };
