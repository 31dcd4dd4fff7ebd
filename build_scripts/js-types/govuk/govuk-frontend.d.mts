// The type checker's view of helper/govuk/govuk-frontend.mjs, which the build copies from
// the pinned npm govuk-frontend (build_scripts/site/frontend.py): the package's own module,
// typed by its JSDoc. tsconfig.json's rootDirs puts this folder beside docs/helper/.
export * from "govuk-frontend";
