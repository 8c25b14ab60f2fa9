// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // client-node is ESM with optional native-ish deps; keep it out of the server bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  // The container image runs the standalone server; `npm start` runs `next start`, which refuses to
  // serve a standalone build without a warning, so only the image's build asks for it.
  output: process.env.WHEELHOUSE_STANDALONE === '1' ? 'standalone' : undefined,
  // audit.ts resolves a path under process.cwd(), so tracing copies the whole project; the image
  // needs none of the tests, manifests or docs.
  outputFileTracingExcludes: {
    '*': [
      'e2e/**',
      'deploy/**',
      'Dockerfile',
      '*.md',
      'playwright.config.ts',
      '*.tsbuildinfo',
      '.wheelhouse/**',
    ],
  },
  // Build assets skip proxy.ts (which sets CSP and no-store on everything else); they still must not
  // be sniffed or framed. Same values as lib/security.ts STATIC_SECURITY_HEADERS.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
