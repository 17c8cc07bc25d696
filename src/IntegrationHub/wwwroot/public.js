// The public transparency page: numbers come from /api/v1/public/stats, the lookup from
// /api/v1/public/dossiers/{code}. The chart is SVG drawn here; nothing is loaded from elsewhere.
"use strict";

const TEXT = {
  vi: {
    title: "Kết quả giải quyết thủ tục hành chính", staff: "Cán bộ đăng nhập", lookupTitle: "Tra cứu hồ sơ",
    codeLabel: "Mã hồ sơ", lookupButton: "Tra cứu", statsTitle: "Số liệu theo cơ quan", from: "Từ ngày", to: "Đến ngày",
    show: "Xem", caption: "Hồ sơ tiếp nhận và kết quả giải quyết trong kỳ", agency: "Cơ quan", received: "Tiếp nhận",
    early: "Trước hạn", onTime: "Đúng hạn", late: "Trễ hạn", inProgress: "Đang xử lý trong hạn",
    overdue: "Đang xử lý quá hạn", rate: "Tỷ lệ đúng hạn", total: "Tổng cộng",
    chartCaption: "Hồ sơ đã giải quyết: trước hạn, đúng hạn, trễ hạn",
    footer: "Số liệu cập nhật theo thời gian thực từ hệ thống tích hợp; cách tính theo Quyết định 766/QĐ-TTg.",
    notFound: "Không tìm thấy hồ sơ với mã này.", failed: "Không tải được số liệu.", status: "Trạng thái",
    receivedAt: "Ngày tiếp nhận", dueAt: "Ngày hẹn trả", none: "Không có", noData: "Không có hồ sơ trong kỳ."
  },
  en: {
    title: "Public service results", staff: "Staff sign-in", lookupTitle: "Look up a dossier",
    codeLabel: "Dossier code", lookupButton: "Look up", statsTitle: "Figures per agency", from: "From", to: "To",
    show: "Show", caption: "Dossiers received and resolved in the period", agency: "Agency", received: "Received",
    early: "Early", onTime: "On time", late: "Late", inProgress: "In progress, on time",
    overdue: "In progress, overdue", rate: "On-time rate", total: "Total",
    chartCaption: "Resolved dossiers: early, on time, late",
    footer: "Live figures from the integration hub; counted under Decision 766/QĐ-TTg.",
    notFound: "No dossier with this code.", failed: "Could not load the figures.", status: "Status",
    receivedAt: "Received", dueAt: "Due", none: "None", noData: "No dossiers in this period."
  }
};

let lastStats = null;
const t = I18n.t;

function vnDate(iso) {
  if (!iso) return t("none");
  return new Date(iso).toLocaleString(I18n.locale,
    { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

function cell(row, text, tag = "td") {
  const el = document.createElement(tag);
  el.textContent = text;
  row.appendChild(el);
  return el;
}

function percent(rate) { return rate == null ? "—" : (rate * 100).toFixed(1) + " %"; }

function renderStats(stats) {
  lastStats = stats;
  const body = document.querySelector("#stats tbody");
  body.replaceChildren();
  const keys = ["received", "resolvedEarly", "resolvedOnTime", "resolvedLate", "inProgressOnTime", "inProgressOverdue"];
  const total = Object.fromEntries(keys.map(k => [k, 0]));
  for (const g of stats.groups) {
    const row = document.createElement("tr");
    row.dataset.agency = g.key;
    cell(row, g.name || g.key, "th").scope = "row";
    keys.forEach(k => { cell(row, String(g[k])).dataset.field = k; total[k] += g[k]; });
    cell(row, percent(g.onTimeRate)).dataset.field = "onTimeRate";
    body.appendChild(row);
  }
  if (stats.groups.length === 0) {
    const row = document.createElement("tr");
    cell(row, t("noData")).colSpan = 8;
    body.appendChild(row);
  } else {
    const row = document.createElement("tr");
    row.className = "total";
    cell(row, t("total"), "th").scope = "row";
    keys.forEach(k => { cell(row, String(total[k])).dataset.field = k; });
    // The stats API's formula (IStatisticsStore): (early + on time + in progress on time) / received, to 4 decimals.
    const onTime = total.resolvedEarly + total.resolvedOnTime + total.inProgressOnTime;
    cell(row, percent(total.received ? Math.round(onTime / total.received * 10000) / 10000 : 0)).dataset.field = "onTimeRate";
    body.appendChild(row);
  }
  drawChart(stats.groups);
}

// Horizontal stacked bars: early, on time, late per agency, drawn at the box's own width so text stays 12 px on a phone.
function drawChart(groups) {
  const ns = "http://www.w3.org/2000/svg";
  const box = document.getElementById("chart");
  const width = Math.max(280, Math.min(960, Math.round(box.clientWidth || 640)));
  const barH = 22, gap = 10, labelW = Math.min(220, Math.round(width * 0.4)), maxChars = Math.floor(labelW / 7);
  const max = Math.max(1, ...groups.map(g => g.resolvedEarly + g.resolvedOnTime + g.resolvedLate));
  const svg = document.createElementNS(ns, "svg");
  const height = Math.max(1, groups.length) * (barH + gap);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  const parts = [["resolvedEarly", "--early", "early"], ["resolvedOnTime", "--ontime", "onTime"], ["resolvedLate", "--late", "late"]];
  groups.forEach((g, i) => {
    const y = i * (barH + gap);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "0"); label.setAttribute("y", String(y + barH * 0.7));
    const name = g.name || g.key;
    label.textContent = name.length > maxChars ? name.slice(0, maxChars - 1) + "…" : name;
    svg.appendChild(label);
    let x = labelW;
    for (const [field, color, key] of parts) {
      const w = (g[field] / max) * (width - labelW - 10);
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", String(x)); rect.setAttribute("y", String(y));
      rect.setAttribute("width", String(w)); rect.setAttribute("height", String(barH));
      rect.setAttribute("fill", getComputedStyle(document.documentElement).getPropertyValue(color).trim());
      const title = document.createElementNS(ns, "title");
      title.textContent = `${g.name || g.key}: ${t(key)} ${g[field]}`;
      rect.appendChild(title);
      svg.appendChild(rect);
      x += w;
    }
  });
  const legend = document.createElement("p");
  legend.className = "legend";
  for (const [, color, key] of parts) {
    const swatch = document.createElement("span");
    swatch.style.background = `var(${color})`;
    legend.append(swatch, t(key));
  }
  box.replaceChildren(svg, legend);
}

async function loadStats() {
  const from = document.getElementById("from").value, to = document.getElementById("to").value;
  try {
    const response = await fetch(`/api/v1/public/stats?from=${from}&to=${to}&groupBy=agency`);
    if (!response.ok) throw new Error(String(response.status));
    renderStats(await response.json());
  } catch {
    document.getElementById("chart").textContent = t("failed");
  }
}

async function lookup(code) {
  const out = document.getElementById("lookup-result");
  const response = await fetch(`/api/v1/public/dossiers/${encodeURIComponent(code)}`);
  if (!response.ok) { out.innerHTML = ""; const p = document.createElement("p"); p.className = "error"; p.textContent = t("notFound"); out.appendChild(p); return; }
  const d = await response.json();
  const dl = document.createElement("dl");
  for (const [key, value] of [["codeLabel", d.code], ["agency", d.agencyCode], ["status", `${d.status} — ${d.statusName}`],
                              ["receivedAt", vnDate(d.receivedAt)], ["dueAt", vnDate(d.dueAt)]]) {
    const dt = document.createElement("dt"); dt.textContent = t(key);
    const dd = document.createElement("dd"); dd.textContent = value; dd.dataset.field = key;
    dl.append(dt, dd);
  }
  out.replaceChildren(dl);
}

function isoDate(d) { return d.toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" }); }

document.addEventListener("DOMContentLoaded", () => {
  const params = new URLSearchParams(location.search);
  const now = new Date();
  document.getElementById("to").value = params.get("to") || isoDate(now);
  document.getElementById("from").value = params.get("from") || isoDate(new Date(now.getTime() - 29 * 86400000));
  document.getElementById("period").addEventListener("submit", e => { e.preventDefault(); loadStats(); });
  document.getElementById("lookup").addEventListener("submit", e => { e.preventDefault(); lookup(document.getElementById("code").value.trim()); });
  window.addEventListener("resize", () => { if (lastStats) drawChart(lastStats.groups); });
  I18n.start(TEXT, () => { if (lastStats) renderStats(lastStats); });
  loadStats();
});
