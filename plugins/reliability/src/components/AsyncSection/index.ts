export { AsyncSection } from './AsyncSection';
export type { AsyncSectionProps } from './AsyncSection';
