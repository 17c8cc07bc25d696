// Shared by the staff pages (/leaders, /admin): who is signed in, fetch with the antiforgery header, and a
// header bar with the user and a logout button. Plain script, no framework, no CDN.
(function () {
  "use strict";
  let session = null;

  // The session (name, role, agency, antiforgeryToken); signs the page out to /login when it has expired.
  async function hubSession() {
    if (session) return session;
    const res = await fetch("/api/v1/session", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (res.status === 401) {
      location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.search);
      throw new Error("signed out");
    }
    if (!res.ok) throw new Error("session: HTTP " + res.status);
    session = await res.json();
    return session;
  }

  // fetch for the staff pages: same-origin cookie, JSON by default, X-CSRF-TOKEN on anything that changes data.
  async function hubFetch(url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    const headers = new Headers(opts.headers || {});
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    const method = (opts.method || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      const s = await hubSession();
      headers.set("X-CSRF-TOKEN", s.antiforgeryToken);
      if (opts.body && typeof opts.body === "string" && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
    }
    opts.headers = headers;
    const res = await fetch(url, opts);
    if (res.status === 401) {
      location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.search);
    }
    return res;
  }

  // Fills <div id="staff-bar"></div> with the signed-in user and a logout form.
  async function hubStaffBar() {
    const bar = document.getElementById("staff-bar");
    if (!bar) return;
    const s = await hubSession();
    bar.textContent = "";
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = s.name + " (" + s.role + (s.agency ? " · " + s.agency : "") + ")";
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/logout";
    const token = document.createElement("input");
    token.type = "hidden";
    token.name = "__RequestVerificationToken";
    token.value = s.antiforgeryToken;
    const button = document.createElement("button");
    button.type = "submit";
    const label = () => { button.textContent = document.documentElement.lang === "en" ? "Sign out" : "Đăng xuất"; };
    label();
    // The pages switch language by changing <html lang>; follow it rather than keeping the first label.
    new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    form.append(token, button);
    bar.append(who, form);
  }

  window.hubSession = hubSession;
  window.hubFetch = hubFetch;
  window.hubStaffBar = hubStaffBar;
  document.addEventListener("DOMContentLoaded", () => { hubStaffBar().catch(() => {}); });
})();
