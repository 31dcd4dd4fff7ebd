// @ts-check
// The check-answers page's summary: one GOV.UK summary list per question page, under its
// section's heading and, for a page of several answers, that page's heading; each answer
// with a change link. Rows come from Python's `summary`
// operation (label and value already worded); they are written as text, never as HTML.

// `list` is the summary's element; `pages`, the contract's; `views` and `errors` find a
// question's page and control; `onChange`, what a change link does.
/**
 * @param {{list: HTMLElement, pages: import("helper-types").Page[], messages: import("helper-types").Messages, views: import("helper-types").Views,
 *   errors: import("helper-types").Errors, onChange: (section: HTMLElement) => void}} parts
 */
export function createSummary({ list: summary, pages, messages, views, errors, onChange }) {
  /** @param {import("helper-types").SummaryRow} data */
  function row(data) {
    const wrapper = document.createElement("div");
    wrapper.className = "govuk-summary-list__row";
    const key = document.createElement("dt");
    key.className = "govuk-summary-list__key";
    key.textContent = data.label;
    const value = document.createElement("dd");
    value.className = "govuk-summary-list__value";
    value.textContent = data.value;
    const actions = document.createElement("dd");
    actions.className = "govuk-summary-list__actions";
    const target = errors.fieldTarget(data.field);
    if (target) {
      const link = document.createElement("a");
      link.href = `#${target.id}`;
      link.className = "govuk-link";
      const hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = ` ${data.label}`;
      link.append(messages.change, hidden);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const section = views.question(data.page) || target.closest("section");
        if (section) onChange(section);
      });
      actions.append(link);
    }
    wrapper.append(key, value, actions);
    return wrapper;
  }

  // The answers are grouped as the journey is: under each section's heading ("About the
  // request", "The decision", ...), and within it, so that the role of the person who asked
  // and of the person you share with can be told apart, each page of several answers under
  // that page's heading.
  const sectionOf = new Map(pages.map((page) => [page.id, page.section]));

  /** @param {string} level @param {string} className @param {string} text */
  function heading(level, className, text) {
    const element = document.createElement(level);
    element.className = className;
    element.textContent = text;
    return element;
  }

  /** @param {import("helper-types").SummaryRow[]} rows */
  function groups(rows) {
    /** @type {{page: string, rows: import("helper-types").SummaryRow[]}[]} */
    const byPage = [];
    for (const data of rows) {
      if (!byPage.length || byPage[byPage.length - 1].page !== data.page) byPage.push({ page: data.page, rows: [] });
      byPage[byPage.length - 1].rows.push(data);
    }
    /** @type {string | null} */
    let section = null;
    return byPage.flatMap((group) => {
      /** @type {HTMLElement[]} */
      const out = [];
      const pageSection = sectionOf.get(group.page) || "";
      if (pageSection && pageSection !== section) {
        section = pageSection;
        out.push(heading("h3", "infoshare-summary-section", section));
      }
      // A page of one question needs no heading: the question is the row's own label.
      if (group.rows.length > 1) {
        const view = views.question(group.page);
        out.push(heading("h4", "infoshare-summary-heading",
          view ? (views.headingOf(view).textContent || "").trim() : group.page));
      }
      const list = document.createElement("dl");
      list.className = "govuk-summary-list";
      list.append(...group.rows.map(row));
      out.push(list);
      return out;
    });
  }

  return {
    /** @param {import("helper-types").SummaryRow[]} rows */
    fill(rows) {
      summary.replaceChildren(...groups(rows));
    },
    clear() {
      summary.replaceChildren();
    },
  };
}
