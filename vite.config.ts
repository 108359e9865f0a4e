// Builds the PWA from web/ into dist/. Only non-default settings are listed, each with why.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  // The app lives in web/, not the repo root, so the root holds no index.html.
  root: 'web',
  // Icons and manifest assets live in the top-level public/ folder (ARCHITECTURE.md §3).
  publicDir: '../public',
  // `.env.local` (written by `npm start` with the local stack's URL and anon key) sits at the repo root.
  envDir: '..',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // Cheap Android phones run recent Chrome; es2022 avoids down-levelling cost and size.
    target: 'es2022',
  },
  worker: { format: 'es' },
  plugins: [
    react(),
    VitePWA({
      // The user decides when to update: pending offline writes are flushed first (issue 8).
      registerType: 'prompt',
      // We register the service worker ourselves through workbox-window (web/app/pwa.ts).
      injectRegister: false,
      includeAssets: ['favicon-32x32.png', 'apple-touch-icon.png'],
      manifest: {
        name: 'Bharat Retail Market Intelligence',
        short_name: 'Bharat Retail',
        description: 'Live sales, stock, forecasts, prices and alerts for your stores — even offline.',
        lang: 'en-IN',
        theme_color: '#e86a10',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The app shell answers every navigation offline; API paths must always reach the network.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/(rest|auth|functions|realtime|api)\//],
      },
    }),
  ],
});
