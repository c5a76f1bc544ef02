export { HowToFix } from './HowToFix';
export type { HowToFixProps } from './HowToFix';
