// ESLint for the helper's JavaScript (flat configuration; `make lint-js` runs it with tsc).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/helper/**/*.mjs", "build_scripts/runtime/runtime_wheels.mjs"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.browser, ...globals.worker } },
  },
  {
    // The boot script is a classic script: it must run where modules cannot (file://).
    files: ["docs/helper/helper.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: globals.browser },
  },
  {
    files: ["docs/helper/**/*.test.mjs", "build_scripts/runtime/*.test.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-implicit-globals": "error",
    },
  },
];
