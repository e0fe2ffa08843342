import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { firstScreenModules } from './build/first-screen-chunk';
import { precompress } from './build/precompress';

const themeColor = '#17426b';
const serverTarget = 'http://127.0.0.1:8000';
const firstScreen = firstScreenModules();

export default defineConfig({
  plugins: [
    react(),
    firstScreen.plugin,
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // globPatterns already precaches the icons; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Relais',
        short_name: 'Relais',
        description: 'Planification des missions, chauffeurs et voyages, même hors ligne.',
        lang: 'fr',
        dir: 'ltr',
        theme_color: themeColor,
        background_color: '#f4f6f9',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2}'],
        // RxDB's dev-mode checks are only loaded by `vite dev`.
        globIgnores: ['**/dev-mode-*.js'],
        navigateFallback: 'index.html',
        // Only the app's own addresses get the app shell; server paths (replication, TomatoPlan's
        // REST API at /missions, /voyages…) always reach the server.
        navigateFallbackAllowlist: [/^\/$/, /^\/app(\/|$)/],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
      devOptions: {
        enabled: false,
      },
    }),
    // Last: also compresses the service worker vite-plugin-pwa has just written.
    precompress(),
  ],
  server: {
    proxy: {
      '/api': { target: serverTarget, changeOrigin: false },
      '/health': { target: serverTarget, changeOrigin: false },
      '/auth': { target: serverTarget, changeOrigin: false },
      '/admin': { target: serverTarget, changeOrigin: false },
      '/stats': { target: serverTarget, changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next)[\\/]/ },
            {
              name: 'rxdb',
              // RxDB's dev-mode plugin stays in its own lazily loaded chunk.
              test: (id: string) => /node_modules[\\/](rxdb|dexie|rxjs|ajv|ajv-formats)[\\/]/.test(id) && !id.includes('dev-mode'),
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // Last: the vendor groups above keep their own chunks (cached across releases).
            { name: 'app', test: firstScreen.has },
          ],
        },
      },
    },
  },
});
