// The type checker's view of helper/govuk/govuk-frontend.mjs, which the build copies from
// the pinned npm govuk-frontend (build_scripts/site/frontend.py). Written by hand, for
// what the page imports (app/govuk.mjs) only, so that the checker never reads the
// package's JavaScript (tsconfig.json: maxNodeModuleJsDepth 0); tsconfig.json's rootDirs
// puts this folder beside docs/helper/.

/** A component GOV.UK Frontend starts on an element. */
export class Component {
  constructor($root: Element, config?: Record<string, unknown>);
}

export class CharacterCount extends Component {
  /** The number of characters typed, which updateCountMessage() shows. */
  count: number;
  /** The textarea (or input) it counts. */
  $textarea: HTMLTextAreaElement | HTMLInputElement;
  updateCount(): void;
  updateCountMessage(): void;
}

export class Radios extends Component {
  syncAllConditionalReveals(): void;
}

export class Checkboxes extends Component {
  syncAllConditionalReveals(): void;
}

export class SkipLink extends Component {}

/** The options createAll takes: where to look, and what to do with a component that fails. */
export interface CreateAllOptions {
  scope?: Element | Document;
  onError?: (error: unknown, context?: unknown) => void;
}

/** Starts `Component` on every element of its kind within the scope; returns those started. */
export function createAll<T extends Component>(
  Component: new ($root: Element, config?: Record<string, unknown>) => T,
  config?: Record<string, unknown>,
  options?: CreateAllOptions,
): T[];
