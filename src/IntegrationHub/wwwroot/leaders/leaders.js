// The leaders' pages: the late and overdue dossiers of an agency (GET /api/v1/reports/late), and one dossier's
// timeline (GET /api/v1/reports/dossiers/{code}/timeline). Session and sign-out bar come from /staff.js.
"use strict";

const TEXT = {
  vi: {
    listTitle: "Hồ sơ trễ hạn, quá hạn", timelineTitle: "Diễn biến xử lý hồ sơ", publicPage: "Trang công khai",
    agency: "Cơ quan", show: "Xem", code: "Mã hồ sơ", procedure: "Thủ tục", official: "Cán bộ đang xử lý",
    overrunStep: "Bước quá hạn", dueAt: "Hạn xử lý", lateDays: "Số ngày làm việc trễ", apology: "Xin lỗi, hẹn lại",
    listCaption: "Hồ sơ đã giải quyết trễ hạn và đang xử lý quá hạn, trễ nhiều nhất trước",
    footer: "Hạn xử lý đã cộng thời gian chờ bổ sung hồ sơ; số ngày trễ tính theo ngày làm việc (Quyết định 766/QĐ-TTg).",
    summary: (n, open, ended) => `${n} hồ sơ: ${open} đang quá hạn, ${ended} đã giải quyết trễ hạn.`,
    none: "Không có hồ sơ trễ hạn.", failed: "Không tải được dữ liệu", loading: "Đang tải…",
    apologySent: (date, reason) => `Đã gửi, hẹn lại ${date}. Lý do: ${reason}`, overdueNow: "Đang quá hạn", endedLate: "Giải quyết trễ", days: n => `${n} ngày`, noApology: "Chưa có",
    stepDue: "hạn bước", noDue: "Không có hạn", nobody: "—",
    back: "← Danh sách hồ sơ trễ hạn", steps: "Các bước xử lý", supplements: "Yêu cầu bổ sung",
    apologies: "Văn bản xin lỗi và hẹn lại", noneYet: "Không có.", notFound: "Không tìm thấy hồ sơ.",
    forbidden: "Hồ sơ này thuộc cơ quan khác.", status: "Trạng thái", receivedAt: "Ngày tiếp nhận",
    originalDueAt: "Hạn ban đầu", effectiveDueAt: "Hạn sau khi cộng thời gian bổ sung", promisedAt: "Ngày hẹn trả hiện tại",
    endedAt: "Ngày kết thúc", outcome: "Đánh giá", currentOfficial: "Cán bộ đang xử lý", supplementCount: "Số lần bổ sung",
    finishedAt: "kết thúc", stillOpen: "đang thực hiện", overran: n => `Quá hạn bước ${n} ngày làm việc`, overranSameDay: "Quá hạn bước",
    requested: "Yêu cầu lúc", resumed: "tiếp tục lúc", waiting: "đang chờ công dân bổ sung", by: "bởi",
    from: "thay hạn", to: "bằng hạn mới", reason: "Lý do",
    signatures: "Chữ ký số đang chờ", signaturesNone: "Không có chữ ký nào đang chờ.",
    sigKind: { seal: "Đóng dấu cơ quan", augment: "Gia hạn chữ ký", "long-term": "Lưu trữ dài hạn (LT/LTA)" },
    sigWait: { timestamp: "đang chờ dấu thời gian", revocation: "đang chờ dữ liệu thu hồi chứng thư (OCSP/CRL)" },
    sigDead: "đã dừng thử lại, chờ quản trị viên gửi lại", sigService: "dịch vụ", sigNext: "thử lại lúc",
    outcomes: { early: "Giải quyết trước hạn", onTime: "Giải quyết đúng hạn", late: "Giải quyết trễ hạn",
      inProgressOnTime: "Đang xử lý trong hạn", overdue: "Đang xử lý quá hạn", noDueDate: "Không có hạn xử lý" }
  },
  en: {
    listTitle: "Late and overdue dossiers", timelineTitle: "Dossier timeline", publicPage: "Public page",
    agency: "Agency", show: "Show", code: "Dossier code", procedure: "Procedure", official: "Official holding it",
    overrunStep: "Step that overran", dueAt: "Due", lateDays: "Working days late", apology: "Apology, new date",
    listCaption: "Dossiers resolved late and dossiers overdue now, most late first",
    footer: "Due dates include the time spent waiting for supplements; lateness is in working days (Decision 766/QĐ-TTg).",
    summary: (n, open, ended) => `${n} dossiers: ${open} overdue now, ${ended} resolved late.`,
    none: "No late dossiers.", failed: "Could not load the data", loading: "Loading…",
    apologySent: (date, reason) => `Sent, new date ${date}. Reason: ${reason}`, overdueNow: "Overdue", endedLate: "Resolved late", days: n => `${n} ${n === 1 ? "day" : "days"}`, noApology: "Not yet",
    stepDue: "step due", noDue: "No due date", nobody: "—",
    back: "← Late dossiers", steps: "Steps", supplements: "Supplement requests",
    apologies: "Apologies with a new date", noneYet: "None.", notFound: "No such dossier.",
    forbidden: "This dossier belongs to another agency.", status: "Status", receivedAt: "Received",
    originalDueAt: "Original due date", effectiveDueAt: "Due after supplement time", promisedAt: "Date promised now",
    endedAt: "Ended", outcome: "Outcome", currentOfficial: "Official holding it", supplementCount: "Supplement requests",
    finishedAt: "finished", stillOpen: "in progress", overran: n => `Step overran by ${n} working ${n === 1 ? "day" : "days"}`, overranSameDay: "Step overran",
    requested: "Requested", resumed: "resumed", waiting: "waiting for the applicant", by: "by",
    from: "replacing", to: "with new date", reason: "Reason",
    signatures: "Signatures waiting", signaturesNone: "No signature is waiting.",
    sigKind: { seal: "Agency seal", augment: "Signature augmentation", "long-term": "Long-term archive (LT/LTA)" },
    sigWait: { timestamp: "waiting for timestamp", revocation: "waiting for revocation data (OCSP/CRL)" },
    sigDead: "retries used up, waiting for an admin to replay it", sigService: "service", sigNext: "next try",
    outcomes: { early: "Resolved early", onTime: "Resolved on time", late: "Resolved late",
      inProgressOnTime: "In progress, on time", overdue: "In progress, overdue", noDueDate: "No due date" }
  }
};

let rerender = () => {};
const t = I18n.t;

function when(iso) {
  if (!iso) return t("noDue");
  return new Date(iso).toLocaleString(I18n.locale,
    { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function officialText(o) {
  if (!o) return t("nobody");
  return [o.name, o.title, o.unit].filter(Boolean).join(", ");
}

function showMessage(id, text, isError) {
  const p = document.getElementById(id);
  p.textContent = text;
  p.classList.toggle("error", !!isError);
}

// ---- the list ----

async function loadAgencies(session) {
  const select = document.getElementById("agency");
  const res = await hubFetch("/api/v1/reports/agencies");
  if (!res.ok) throw new Error(String(res.status));
  const agencies = await res.json();
  select.replaceChildren(...agencies.map(a => { const o = el("option", `${a.name} (${a.code})`); o.value = a.code; return o; }));
  const wanted = new URLSearchParams(location.search).get("agency") || session.agency;
  if (wanted && agencies.some(a => a.code === wanted)) select.value = wanted;
  // An agency's leader sees only their own agency: nothing to choose.
  if (session.role !== "admin") select.disabled = true;
}

function renderLate(rows) {
  const body = document.querySelector("#late tbody");
  body.replaceChildren();
  const open = rows.filter(r => r.overdue).length;
  showMessage("summary", rows.length ? I18n.texts.summary(rows.length, open, rows.length - open) : t("none"));
  const labels = ["code", "procedure", "official", "overrunStep", "dueAt", "lateDays", "apology"].map(t);
  for (const r of rows) {
    const tr = el("tr");
    tr.dataset.code = r.code;
    const cells = labels.map((label, i) => { const td = el(i === 0 ? "th" : "td"); td.dataset.label = label; tr.appendChild(td); return td; });
    cells[0].scope = "row";
    const link = el("a", r.code);
    link.href = `dossier.html?code=${encodeURIComponent(r.code)}&agency=${encodeURIComponent(r.agencyCode)}`;
    cells[0].append(link, el("span", r.overdue ? t("overdueNow") : t("endedLate"), r.overdue ? "badge overdue" : "badge late"));
    cells[1].textContent = r.procedureName ? `${r.procedureName} (${r.procedureCode})` : r.procedureCode;
    cells[2].textContent = officialText(r.currentOfficial);
    cells[3].textContent = r.overrunStep
      ? `${r.overrunStep.statusName} — ${officialText(r.overrunStep.official)} (${t("stepDue")} ${when(r.overrunStep.stepDueAt)})`
      : t("nobody");
    cells[4].textContent = when(r.dueAt);
    cells[5].textContent = I18n.texts.days(r.lateWorkingDays);
    cells[5].className = "num";
    cells[6].textContent = r.apology ? I18n.texts.apologySent(when(r.apology.newDueAt), r.apology.reason) : t("noApology");
    body.appendChild(tr);
  }
}

async function loadLate() {
  const agency = document.getElementById("agency").value;
  showMessage("summary", t("loading"));
  const res = await hubFetch("/api/v1/reports/late?agency=" + encodeURIComponent(agency));
  if (!res.ok) { showMessage("summary", `${t("failed")} (HTTP ${res.status}).`, true); return; }
  const rows = await res.json();
  rerender = () => renderLate(rows);
  rerender();
}

async function startList() {
  const session = await hubSession();
  await loadAgencies(session);
  document.getElementById("filter").addEventListener("submit", e => {
    e.preventDefault();
    history.replaceState(null, "", "?agency=" + encodeURIComponent(document.getElementById("agency").value));
    loadLate();
  });
  document.getElementById("agency").addEventListener("change", () => document.getElementById("filter").requestSubmit());
  await loadLate();
}

// ---- one dossier ----

function fact(dl, key, value, field) {
  const dd = el("dd", value);
  if (field) dd.dataset.field = field;
  dl.append(el("dt", t(key)), dd);
}

function renderTimeline(d) {
  document.getElementById("dossier-code").textContent = d.code;
  document.title = `${d.code} — IntegrationHub`;
  const facts = document.getElementById("facts");
  facts.replaceChildren();
  fact(facts, "procedure", d.procedureName ? `${d.procedureName} (${d.procedureCode})` : d.procedureCode);
  fact(facts, "agency", d.agencyCode);
  fact(facts, "status", `${d.status} — ${d.statusName}`);
  fact(facts, "outcome", I18n.texts.outcomes[d.outcome] + (d.lateWorkingDays ? ` (${I18n.texts.days(d.lateWorkingDays)})` : ""), "outcome");
  fact(facts, "receivedAt", when(d.receivedAt));
  fact(facts, "originalDueAt", when(d.originalDueAt));
  fact(facts, "effectiveDueAt", when(d.effectiveDueAt), "effectiveDueAt");
  fact(facts, "promisedAt", when(d.dueAt), "dueAt");
  if (d.endedAt) fact(facts, "endedAt", when(d.endedAt));
  fact(facts, "currentOfficial", officialText(d.currentOfficial), "currentOfficial");
  fact(facts, "supplementCount", String(d.supplementCount));

  const steps = document.getElementById("steps");
  steps.replaceChildren(...d.steps.map(s => {
    const li = el("li", null, s.overran ? "overran" : "");
    li.dataset.seq = s.seq;
    li.append(el("p", `${when(s.at)} · ${s.status} — ${s.statusName}`, "step-head"));
    li.append(el("p", officialText(s.official)));
    if (s.note) li.append(el("p", s.note, "note"));
    if (s.stepDueAt) li.append(el("p", `${t("stepDue")} ${when(s.stepDueAt)} · ${s.finishedAt ? t("finishedAt") + " " + when(s.finishedAt) : t("stillOpen")}`));
    if (s.overran) li.append(el("p", s.lateWorkingDays ? I18n.texts.overran(s.lateWorkingDays) : t("overranSameDay"), "badge overdue"));
    if (s.apology) li.append(el("p", I18n.texts.apologySent(when(s.apology.newDueAt), s.apology.reason), "apology"));
    return li;
  }));

  const supplements = document.getElementById("supplements");
  supplements.replaceChildren(...(d.supplements.length ? d.supplements.map(s => el("li",
    `${t("requested")} ${when(s.requestedAt)}${s.requestedBy ? " " + t("by") + " " + officialText(s.requestedBy) : ""}` +
    `, ${s.resumedAt ? t("resumed") + " " + when(s.resumedAt) : t("waiting")}${s.note ? ". " + s.note : ""}`)) : [el("li", t("noneYet"))]));

  const apologies = document.getElementById("apologies");
  apologies.replaceChildren(...(d.apologies.length ? d.apologies.map(a => el("li",
    `${when(a.at)}: ${t("from")} ${when(a.previousDueAt)} ${t("to")} ${when(a.newDueAt)}. ${t("reason")}: ${a.reason}` +
    (a.official ? ` (${officialText(a.official)})` : ""))) : [el("li", t("noneYet"))]));
  const signatures = document.getElementById("signatures");
  const waiting = d.signaturesWaiting || [];
  signatures.replaceChildren(...(waiting.length ? waiting.map(w => {
    const li = el("li", [I18n.texts.sigKind[w.kind] || w.kind,
      w.status === "dead-letter" ? t("sigDead") : (I18n.texts.sigWait[w.waitingFor] || w.waitingFor || ""),
      w.service ? `${t("sigService")} ${w.service}` : "",
      w.status !== "dead-letter" && w.nextAttemptAt ? `${t("sigNext")} ${when(w.nextAttemptAt)}` : ""].filter(Boolean).join(" · "),
      w.status === "dead-letter" ? "badge overdue" : "");
    li.dataset.kind = w.kind;
    li.dataset.status = w.status;
    return li;
  }) : [el("li", t("signaturesNone"))]));
  document.getElementById("dossier").hidden = false;
}

async function startTimeline() {
  const params = new URLSearchParams(location.search);
  const code = params.get("code") || "";
  if (params.get("agency")) document.getElementById("back").href = "/leaders/?agency=" + encodeURIComponent(params.get("agency"));
  const res = await hubFetch(`/api/v1/reports/dossiers/${encodeURIComponent(code)}/timeline`);
  if (!res.ok) {
    rerender = () => showMessage("message", res.status === 403 ? t("forbidden") : res.status === 404 ? t("notFound") : `${t("failed")} (HTTP ${res.status}).`, true);
    rerender();
    return;
  }
  const d = await res.json();
  rerender = () => renderTimeline(d);
  rerender();
}

document.addEventListener("DOMContentLoaded", () => {
  I18n.start(TEXT, () => rerender());
  const start = document.getElementById("late") ? startList : startTimeline;
  start().catch(err => showMessage(document.getElementById("summary") ? "summary" : "message", `${t("failed")}: ${err.message}`, true));
});
