export { TrendFigure, describeTrend } from './TrendFigure';
export type { TrendFigureProps } from './TrendFigure';
