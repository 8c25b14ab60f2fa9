// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // client-node is ESM with optional native-ish deps; keep it out of the server bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  output: 'standalone',
};

export default nextConfig;
