import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

/**
 * `npm run storybook`: every screen and state of the widget, rendered from mock sessions and
 * generated images, with no network: no backend is mounted and Storybook's telemetry is off.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  async viteFinal(vite) {
    // vite.config.ts mounts the merchant backend for `npm start`; stories must not talk to one.
    const withoutBackend = (plugins: PluginOption[] | undefined): PluginOption[] =>
      (plugins ?? []).flatMap((plugin) => (Array.isArray(plugin) ? [withoutBackend(plugin)] : plugin && 'name' in plugin && plugin.name === 'markid-merchant-backend' ? [] : [plugin]));
    return { ...vite, plugins: withoutBackend(vite.plugins), worker: { ...vite.worker, format: 'es' } };
  },
};

export default config;
