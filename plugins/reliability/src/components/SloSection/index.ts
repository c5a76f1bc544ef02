export { SloSection } from './SloSection';
export type { SloSectionProps } from './SloSection';
