// The check-answers page's summary: one GOV.UK summary list per question page, under that
// page's heading, each answer with a Change link. Rows come from Python's `summary`
// operation (label and value already worded); they are written as text, never as HTML.

export function createSummary(kit, { views, errors, onChange }) {
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
      link.append("Change", hidden);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        onChange(views.question(data.page) || target.closest("section"));
      });
      actions.append(link);
    }
    wrapper.append(key, value, actions);
    return wrapper;
  }

  // So that the role of the person who asked and of the person you share with can be
  // told apart, each page's answers are grouped under its heading.
  function groups(rows) {
    const byPage = [];
    for (const data of rows) {
      if (!byPage.length || byPage[byPage.length - 1].page !== data.page) byPage.push({ page: data.page, rows: [] });
      byPage[byPage.length - 1].rows.push(data);
    }
    return byPage.flatMap((group) => {
      const list = document.createElement("dl");
      list.className = "govuk-summary-list";
      list.append(...group.rows.map(row));
      // A page of one question needs no heading: the question is the row's own label.
      if (group.rows.length === 1) return [list];
      const section = views.question(group.page);
      const heading = document.createElement("h3");
      heading.className = "infoshare-summary-heading";
      heading.textContent = section ? views.headingOf(section).textContent.trim() : group.page;
      return [heading, list];
    });
  }

  return {
    fill(rows) {
      kit.element("summary").replaceChildren(...groups(rows));
    },
    clear() {
      kit.element("summary").replaceChildren();
    },
  };
}
