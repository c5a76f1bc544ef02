export { PolicyBanner, PolicyBannerView } from './PolicyBanner';
export type { PolicyBannerProps } from './PolicyBanner';
