import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import reliabilityPlugin from '@reliability-kit/backstage-plugin-reliability/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    apiDocsPlugin,
    userSettingsPlugin,
    // the notifications page (/notifications), with live updates by signals
    notificationsPlugin,
    signalsPlugin,
    reliabilityPlugin,
    navModule,
  ],
});
