// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node pulls in ws/undici; bundling them breaks ws's optional native helpers.
  serverExternalPackages: ['@kubernetes/client-node'],
  // The container image (deploy/Dockerfile) sets PODIUM_STANDALONE=1 for a self-contained server;
  // `next start` (scripts/start.sh, the tests) serves the ordinary build.
  output: process.env.PODIUM_STANDALONE === '1' ? 'standalone' : undefined,
  // A second build directory (PODIUM_DIST_DIR=.next-x) lets two builds of one checkout coexist:
  // `next start` and the tests read the same variable.
  distDir: process.env.PODIUM_DIST_DIR || '.next',
  // Types are checked by `npm run typecheck` (tsc over the whole tree, CI's first step), so the
  // build does not check them a second time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
