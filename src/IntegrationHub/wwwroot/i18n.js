// The language switch shared by the public, leaders' and admin pages. Vietnamese by default; `?lang=vi|en` chooses
// for one visit, the buttons #lang-vi / #lang-en choose and remember (localStorage). <html lang> follows the choice,
// which is what staff.js and screen readers watch.
const I18n = (() => {
  let lang = localStorage.getItem("lang") === "en" ? "en" : "vi";
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "en" || asked === "vi") lang = asked;
  let texts = { vi: {}, en: {} };
  let changed = () => {};

  // A text is a string or a function of the arguments (plurals, dates inside sentences).
  const t = (key, ...args) => { const v = texts[lang][key] ?? key; return typeof v === "function" ? v(...args) : v; };

  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
    for (const code of ["vi", "en"]) document.getElementById(`lang-${code}`)?.setAttribute("aria-pressed", String(lang === code));
    changed();
  }

  // Called once per page with its texts and what to redraw when the language changes.
  function start(pageTexts, onChange) {
    texts = pageTexts;
    if (onChange) changed = onChange;
    for (const code of ["vi", "en"]) {
      document.getElementById(`lang-${code}`)?.addEventListener("click", () => { lang = code; localStorage.setItem("lang", lang); apply(); });
    }
    apply();
  }

  return {
    get lang() { return lang; },
    get locale() { return lang === "vi" ? "vi-VN" : "en-GB"; },
    get texts() { return texts[lang]; },
    t, start, apply
  };
})();
