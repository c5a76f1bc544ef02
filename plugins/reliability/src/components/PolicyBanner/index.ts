export { PolicyBanner, PolicyBannerView } from './PolicyBanner';
export type { PolicyBannerActions, PolicyBannerProps } from './PolicyBanner';
