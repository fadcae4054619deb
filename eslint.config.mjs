// ESLint (flat config): TypeScript's recommended rules, Next.js's and React's, and the
// architecture's import rules that a file can be checked for on its own. Rules that
// need the whole import graph (layers, cycles, the client boundary) are
// dependency-cruiser's: .dependency-cruiser.cjs and .dependency-cruiser-client.cjs.
import next from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const DATABASE = {
  patterns: [
    { group: ["@prisma/*", "pg", "**/lib/db/*", "@/lib/db/*"], message: "Pages and components reach data through lib/ functions, never the database client." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "lib/db/generated/", "test-results/", "playwright-report/", "bench/.out/", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": next, "react-hooks": reactHooks },
    rules: {
      ...next.configs.recommended.rules,
      ...next.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-console": "error",
    },
  },
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", DATABASE] } },
  // Command-line tools, tests and benches talk to a terminal.
  { files: ["scripts/**", "bench/**", "tests/**", "workers/**", "*.config.*"], rules: { "no-console": "off" } },
  { files: ["*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  { files: ["tests/**"], rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" } },
);
