export { MissingValue } from './MissingValue';
export type { MissingValueProps } from './MissingValue';
