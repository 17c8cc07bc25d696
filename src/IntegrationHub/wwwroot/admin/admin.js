// The admin console: overview (/api/v1/admin/console/overview, /trust-anchors, /api/v1/admin/long-term), dead letters
// (/api/v1/admin/deliveries?state=dead&...) with bulk replay (/api/v1/admin/console/replays) and the signature
// validation page (/api/v1/signatures/validate). Vietnamese first, English by the switch. Uses staff.js
// (hubFetch adds the antiforgery header). Plain script, nothing loaded from elsewhere.
"use strict";

const TEXT = {
  vi: {
    skip: "Bỏ qua đến nội dung", consoleTitle: "Bảng điều khiển quản trị", navOverview: "Tổng quan", navDead: "Thư chết",
    navValidate: "Kiểm tra chữ ký", navHangfire: "Hangfire", refresh: "Làm mới", updated: "Cập nhật lúc",
    deliveriesTitle: "Giao nhận theo hệ thống ngành dọc",
    deliveriesCaption: "Số bản tin theo trạng thái, và trạng thái cầu dao (circuit) của từng hệ thống",
    system: "Hệ thống", circuit: "Cầu dao", pending: "Chờ gửi", retrying: "Đang thử lại", delivered: "Đã giao", dead: "Thư chết",
    longTermTitle: "Lưu trữ dài hạn chữ ký số", longTermLevelsCaption: "Số tài liệu đã nâng cấp theo mức (bản gốc luôn được giữ)",
    longTermWaitingCaption: "Việc đang chờ, theo trạng thái và dịch vụ", level: "Mức", state: "Trạng thái", waitingFor: "Đang chờ",
    heldCaption: "Đóng dấu và gia hạn chữ ký đang giữ lại vì dịch vụ (TSA, OCSP, CRL) chưa trả lời", kind: "Loại", attempts: "Số lần thử",
    nextOrError: "Lần thử tới / lỗi", "kind-seal": "Đóng dấu", "kind-augment": "Gia hạn", "held-waiting-for-timestamp": "Chờ dấu thời gian",
    "held-waiting-for-revocation": "Chờ dữ liệu thu hồi", "held-dead-letter": "Thư chết", replayHeld: "Gửi lại", noHeld: "Không có chữ ký nào đang giữ",
    heldReplayed: "Đã đưa lại hàng đợi",
    service: "Dịch vụ", "wait-timestamp": "dấu thời gian", "wait-revocation": "dữ liệu thu hồi", noWaiting: "Không có việc đang chờ",
    total: "Tổng cộng", classesTitle: "Thư chết theo loại lỗi", classesCaption: "Bản tin đã ngừng thử lại, chờ quản trị viên gửi lại",
    errorClass: "Loại lỗi", count: "Số lượng", anchorsTitle: "Chứng thư gốc tin cậy đang dùng",
    anchorsCaption: "Chữ ký số chỉ được chấp nhận khi chuỗi chứng thư dẫn tới một trong các chứng thư này",
    subject: "Chủ thể", issuer: "Tổ chức cấp", serial: "Số hiệu", validity: "Hiệu lực", thumbprint: "Dấu vân tay SHA-256",
    validNow: "còn hiệu lực", notValidNow: "hết hoặc chưa đến hiệu lực", noAnchors: "Chưa cấu hình chứng thư gốc nào: mọi chữ ký sẽ không xác định được chuỗi tin cậy.",
    jobsTitle: "Hàng đợi tác vụ", hangfireLink: "Mở bảng điều khiển Hangfire (tác vụ giao nhận, thử lại, tác vụ định kỳ)",
    "circuit-Closed": "Đóng (bình thường)", "circuit-Open": "Mở (tạm ngừng gửi)", "circuit-HalfOpen": "Nửa mở (đang thử)",
    "circuit-Isolated": "Cô lập (bảo trì)",
    "cls-transient": "Tạm thời (mạng, hệ thống bận)", "cls-validation": "Dữ liệu bị từ chối", "cls-authentication": "Xác thực",
    "cls-not-found": "Không tìm thấy", any: "Tất cả", failed: "Không tải được dữ liệu", showDead: "Xem thư chết",
    deadTitle: "Thư chết (bản tin đã ngừng thử lại)", dossier: "Mã hồ sơ", search: "Tìm",
    lettersCaption: "Thư chết khớp bộ lọc, mới nhất trước", attempts: "Số lần gửi", lastError: "Lỗi gần nhất", updatedAt: "Cập nhật",
    prev: "Trang trước", next: "Trang sau", found: n => `Tìm thấy ${n} thư chết.`, none: "Không có thư chết nào khớp bộ lọc.",
    pageInfo: (p, n) => `Trang ${p}/${n}`,
    replayTitle: "Gửi lại hàng loạt", reason: "Lý do (ghi vào nhật ký kiểm toán, bắt buộc)", replayButton: "Gửi lại các thư chết này",
    replayScope: (n, f) => `Sẽ đưa lại vào hàng đợi ${n} thư chết khớp bộ lọc: ${f}.`, replayNothing: "Không có thư chết nào để gửi lại.",
    filterAll: "mọi thư chết", reasonMissing: "Hãy nhập lý do gửi lại.",
    progressTitle: "Tiến độ gửi lại", requeuedMeter: "Đã đưa lại vào hàng đợi", drainedMeter: "Đã giao thành công",
    running: "Đang gửi lại…", waitingDelivery: n => `Đã đưa lại hết; còn ${n} bản tin đang chờ hệ thống nhận.`,
    finished: "Hoàn tất: hàng đợi đã xử lý hết các bản tin gửi lại.", stopped: "Dừng: ", of: "/",
    detail: p => `Mã lượt gửi lại ${p.id} · bỏ qua ${p.skipped} (không còn là thư chết) · lại thất bại ${p.failedAgain} · người thực hiện ${p.actor}`,
    validateTitle: "Kiểm tra chữ ký số của một tệp",
    validateIntro: "Tệp được gửi tới máy chủ tích hợp để kiểm tra (không lưu lại). Hỗ trợ PDF (PAdES), XML (XAdES) và CMS/CAdES (.p7s, .p7m).",
    dropLabel: "Kéo thả tệp vào đây, hoặc chọn tệp đã ký", detachedLabel: "Chữ ký rời (.p7s) nếu có — khi đó tệp trên là nội dung được ký",
    validateButton: "Kiểm tra", reportTitle: "Kết quả kiểm tra", checking: "Đang kiểm tra…", chooseFile: "Hãy chọn một tệp.",
    file: "Tệp", format: "Định dạng", signatureN: n => `Chữ ký ${n}`, signer: "Người ký", signerCert: "Chứng thư người ký",
    validFrom: "Hiệu lực từ", validTo: "đến", signingTime: "Thời điểm ký (người ký khai)", bestTime: "Chữ ký đã tồn tại chậm nhất lúc",
    level: "Mức chữ ký", algorithms: "Thuật toán", chain: "Chuỗi chứng thư (từ người ký tới gốc tin cậy)", noChain: "Không dựng được chuỗi tới một gốc tin cậy.", chainNotChecked: "Chưa xét đến chuỗi chứng thư: việc kiểm tra đã dừng ở bước trước (xem kết luận ở trên).",
    errors: "Lỗi", warnings: "Cảnh báo", timestamps: "Dấu thời gian", noSignature: "Không có chữ ký nào trong tệp.",
    result: "Kết luận", technical: "Mã kỹ thuật (ETSI EN 319 102-1)", revision: "Phiên bản PDF được ký",
  },
  en: {
    skip: "Skip to content", consoleTitle: "Admin console", navOverview: "Overview", navDead: "Dead letters",
    navValidate: "Validate a signature", navHangfire: "Hangfire", refresh: "Refresh", updated: "Updated at",
    deliveriesTitle: "Deliveries per vertical system",
    deliveriesCaption: "Messages by state, and each system's circuit breaker",
    system: "System", circuit: "Circuit", pending: "Pending", retrying: "Retrying", delivered: "Delivered", dead: "Dead letters",
    longTermTitle: "Long-term preservation of signatures", longTermLevelsCaption: "Documents augmented, per level (the original is always kept)",
    longTermWaitingCaption: "Work waiting, per state and service", level: "Level", state: "State", waitingFor: "Waiting for",
    heldCaption: "Seals and augmentations held because a service (TSA, OCSP, CRL) did not answer", kind: "Kind", attempts: "Attempts",
    nextOrError: "Next attempt / error", "kind-seal": "Seal", "kind-augment": "Augmentation", "held-waiting-for-timestamp": "Waiting for timestamp",
    "held-waiting-for-revocation": "Waiting for revocation data", "held-dead-letter": "Dead letter", replayHeld: "Replay", noHeld: "Nothing is held",
    heldReplayed: "Requeued",
    service: "Service", "wait-timestamp": "timestamp", "wait-revocation": "revocation data", noWaiting: "Nothing is waiting",
    total: "Total", classesTitle: "Dead letters by failure class", classesCaption: "Messages no longer retried, waiting for an admin to replay them",
    errorClass: "Failure class", count: "Count", anchorsTitle: "Trust anchors in use",
    anchorsCaption: "A signature is accepted only when its certificate chain leads to one of these certificates",
    subject: "Subject", issuer: "Issuer", serial: "Serial number", validity: "Validity", thumbprint: "SHA-256 thumbprint",
    validNow: "valid now", notValidNow: "expired or not yet valid", noAnchors: "No trust anchor is configured: no signature can be chained to a trusted root.",
    jobsTitle: "Job queues", hangfireLink: "Open the Hangfire dashboard (delivery jobs, retries, recurring jobs)",
    "circuit-Closed": "Closed (normal)", "circuit-Open": "Open (sending paused)", "circuit-HalfOpen": "Half-open (probing)",
    "circuit-Isolated": "Isolated (maintenance)",
    "cls-transient": "Transient (network, system busy)", "cls-validation": "Refused as invalid", "cls-authentication": "Authentication",
    "cls-not-found": "Not found", any: "Any", failed: "Could not load the data", showDead: "Show dead letters",
    deadTitle: "Dead letters (messages no longer retried)", dossier: "Dossier code", search: "Search",
    lettersCaption: "Dead letters matching the filter, newest first", attempts: "Attempts", lastError: "Last error", updatedAt: "Updated",
    prev: "Previous page", next: "Next page", found: n => `${n} dead letters found.`, none: "No dead letter matches the filter.",
    pageInfo: (p, n) => `Page ${p} of ${n}`,
    replayTitle: "Bulk replay", reason: "Reason (goes to the audit log, required)", replayButton: "Replay these dead letters",
    replayScope: (n, f) => `Requeues the ${n} dead letters matching: ${f}.`, replayNothing: "There is no dead letter to replay.",
    filterAll: "every dead letter", reasonMissing: "Enter the reason for the replay.",
    progressTitle: "Replay progress", requeuedMeter: "Requeued", drainedMeter: "Delivered",
    running: "Replaying…", waitingDelivery: n => `All requeued; ${n} messages still waiting for the system to take them.`,
    finished: "Done: the queue has handled every replayed message.", stopped: "Stopped: ", of: "/",
    detail: p => `Replay ${p.id} · skipped ${p.skipped} (no longer dead) · failed again ${p.failedAgain} · by ${p.actor}`,
    validateTitle: "Validate the digital signatures of a file",
    validateIntro: "The file is sent to the hub for checking (not stored). PDF (PAdES), XML (XAdES) and CMS/CAdES (.p7s, .p7m) are supported.",
    dropLabel: "Drop a file here, or choose a signed file", detachedLabel: "Detached signature (.p7s), if any — the file above is then the signed content",
    validateButton: "Validate", reportTitle: "Validation result", checking: "Checking…", chooseFile: "Choose a file.",
    file: "File", format: "Format", signatureN: n => `Signature ${n}`, signer: "Signer", signerCert: "Signer's certificate",
    validFrom: "Valid from", validTo: "to", signingTime: "Signing time (claimed by the signer)", bestTime: "Signature existed by",
    level: "Signature level", algorithms: "Algorithms", chain: "Certificate chain (signer to trusted root)", noChain: "No chain to a trusted root could be built.", chainNotChecked: "The certificate chain was not examined: the check stopped at an earlier step (see the verdict above).",
    errors: "Errors", warnings: "Warnings", timestamps: "Timestamps", noSignature: "The file holds no signature.",
    result: "Verdict", technical: "Technical code (ETSI EN 319 102-1)", revision: "PDF revision signed",
  },
};

// Indications and sub-indications in plain words (ETSI EN 319 102-1 names stay visible beside them).
const WORDS = {
  vi: {
    TOTAL_PASSED: ["Chữ ký hợp lệ", "Tài liệu không bị thay đổi sau khi ký, và chứng thư của người ký dẫn tới một chứng thư gốc tin cậy, còn hiệu lực khi ký."],
    TOTAL_FAILED: ["Chữ ký không hợp lệ", "Không được chấp nhận tài liệu này như một bản đã ký."],
    INDETERMINATE: ["Chưa kết luận được", "Chưa đủ căn cứ để nói chữ ký đúng hay sai; thường do thiếu chứng thư trung gian, thông tin thu hồi hoặc dấu thời gian."],
    HASH_FAILURE: "Nội dung tài liệu đã bị thay đổi sau khi ký (mã băm không khớp).",
    SIG_CRYPTO_FAILURE: "Giá trị chữ ký không khớp với khóa công khai của người ký: chữ ký bị giả mạo hoặc hỏng.",
    REVOKED: "Chứng thư của người ký đã bị thu hồi trước thời điểm ký.",
    REVOKED_NO_POE: "Chứng thư đã bị thu hồi và không có bằng chứng chữ ký được tạo trước khi thu hồi.",
    REVOKED_CA_NO_POE: "Chứng thư của tổ chức cấp đã bị thu hồi và không có bằng chứng thời điểm ký trước đó.",
    OUT_OF_BOUNDS_NO_POE: "Chứng thư đã hết hạn (hoặc chưa có hiệu lực) và không có dấu thời gian chứng minh đã ký khi còn hiệu lực.",
    OUT_OF_BOUNDS_NOT_REVOKED: "Chứng thư đã hết hạn nhưng không bị thu hồi; cần dấu thời gian để chứng minh thời điểm ký.",
    NOT_YET_VALID: "Chứng thư chưa đến ngày có hiệu lực tại thời điểm ký.",
    NO_CERTIFICATE_CHAIN_FOUND: "Không dựng được chuỗi chứng thư tới một chứng thư gốc tin cậy: tổ chức cấp không nằm trong danh sách tin cậy.",
    NO_SIGNING_CERTIFICATE_FOUND: "Không tìm thấy chứng thư của người ký trong tệp.",
    CRYPTO_CONSTRAINTS_FAILURE: "Thuật toán hoặc độ dài khóa không còn được chấp nhận theo chính sách mật mã.",
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE: "Thuật toán đã yếu và không có bằng chứng chữ ký được tạo khi thuật toán còn được chấp nhận.",
    CHAIN_CONSTRAINTS_FAILURE: "Chuỗi chứng thư vi phạm ràng buộc (mục đích sử dụng khóa, quyền làm tổ chức cấp…).",
    CERTIFICATE_CHAIN_GENERAL_FAILURE: "Chuỗi chứng thư có lỗi (chữ ký trên chứng thư, định dạng…).",
    SIG_CONSTRAINTS_FAILURE: "Chữ ký thiếu thuộc tính bắt buộc theo chính sách (ví dụ chứng thư người ký được ký kèm).",
    TRY_LATER: "Chưa lấy được thông tin thu hồi (CRL/OCSP); hãy thử lại sau.",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "Thông tin thu hồi quá cũ so với thời điểm ký.",
    TIMESTAMP_ORDER_FAILURE: "Các dấu thời gian mâu thuẫn về thứ tự.",
    FORMAT_FAILURE: "Tệp không đúng định dạng chữ ký (hỏng hoặc không phải tệp đã ký được hỗ trợ).",
    SIGNED_DATA_NOT_FOUND: "Không tìm thấy chữ ký hoặc nội dung được ký (tệp chưa ký, hoặc thiếu tệp nội dung cho chữ ký rời).",
  },
  en: {
    TOTAL_PASSED: ["The signature is valid", "The document has not changed since it was signed, and the signer's certificate leads to a trusted root and was valid when signing."],
    TOTAL_FAILED: ["The signature is not valid", "Do not accept this document as signed."],
    INDETERMINATE: ["No conclusion yet", "There is not enough evidence to say whether the signature holds; an intermediate certificate, revocation data or a timestamp is usually missing."],
    HASH_FAILURE: "The document was changed after it was signed (the digest does not match).",
    SIG_CRYPTO_FAILURE: "The signature value does not match the signer's public key: forged or corrupted.",
    REVOKED: "The signer's certificate was revoked before the signing time.",
    REVOKED_NO_POE: "The certificate is revoked and nothing proves the signature was made before the revocation.",
    REVOKED_CA_NO_POE: "An issuing CA's certificate is revoked and nothing proves the signing time came before.",
    OUT_OF_BOUNDS_NO_POE: "The certificate has expired (or was not yet valid) and no timestamp proves it was signed while valid.",
    OUT_OF_BOUNDS_NOT_REVOKED: "The certificate has expired but was not revoked; a timestamp would prove the signing time.",
    NOT_YET_VALID: "The certificate was not yet valid at the signing time.",
    NO_CERTIFICATE_CHAIN_FOUND: "No chain to a trusted root: the issuer is not among the trust anchors.",
    NO_SIGNING_CERTIFICATE_FOUND: "The signer's certificate is not in the file.",
    CRYPTO_CONSTRAINTS_FAILURE: "An algorithm or key size is no longer accepted by the crypto policy.",
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE: "A weak algorithm, and nothing proves the signature was made while it was still accepted.",
    CHAIN_CONSTRAINTS_FAILURE: "The chain breaks a constraint (key usage, CA rights, ...).",
    CERTIFICATE_CHAIN_GENERAL_FAILURE: "The certificate chain is faulty (a certificate's signature, its encoding, ...).",
    SIG_CONSTRAINTS_FAILURE: "The signature lacks an attribute the policy requires (e.g. the signed signing-certificate reference).",
    TRY_LATER: "Revocation data (CRL/OCSP) could not be fetched; try again later.",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "The revocation data is too old for the signing time.",
    TIMESTAMP_ORDER_FAILURE: "The timestamps contradict each other's order.",
    FORMAT_FAILURE: "The file is not a well-formed signature (damaged, or not a supported signed file).",
    SIGNED_DATA_NOT_FOUND: "No signature or no signed content found (an unsigned file, or a detached signature without its content).",
  },
};

const t = I18n.t;
let rerender = () => {};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function when(iso) {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(I18n.locale, { timeZone: "Asia/Ho_Chi_Minh" });
}

function showError(message) {
  const box = document.getElementById("error");
  box.hidden = !message;
  box.textContent = message || "";
}

async function getJson(url) {
  const res = await hubFetch(url);
  if (!res.ok) throw new Error(`${t("failed")} (HTTP ${res.status})`);
  return res.json();
}

async function problemText(res) {
  try {
    const p = await res.json();
    const fields = p.errors ? Object.entries(p.errors).map(([k, v]) => `${k} ${v.join(", ")}`).join("; ") : "";
    return [p.title, p.detail, fields].filter(Boolean).join(" — ");
  } catch { return "HTTP " + res.status; }
}

// ---- overview -------------------------------------------------------------------------------------------------

const STATES = ["pending", "retrying", "delivered", "dead"];

async function overviewPage() {
  let data = null;
  const render = () => {
    if (!data) return;
    const [overview, anchors, longTerm, heldWaiting, heldDead] = data;
    renderHeld([...heldWaiting.items, ...heldDead.items], load);
    document.querySelector("#longterm-levels tbody").replaceChildren(...Object.entries(longTerm.levels).map(([level, n]) =>
      el("tr", { "data-level": level }, el("th", { scope: "row", text: level }), el("td", { "data-label": t("count"), text: String(n) }))));
    const waiting = longTerm.waiting.map(w => el("tr", { "data-service": w.service ?? "" },
      el("td", { "data-label": t("state"), text: t(w.state) }), el("td", { "data-label": t("waitingFor"), text: w.waitingFor ? t("wait-" + w.waitingFor) : "" }),
      el("td", { class: "mono", "data-label": t("service"), text: w.service ?? "" }), el("td", { "data-label": t("count"), text: String(w.count) })));
    document.querySelector("#longterm-waiting tbody").replaceChildren(...(waiting.length ? waiting : [el("tr", {}, el("td", { colspan: "4", text: t("noWaiting") }))]));
    const body = document.querySelector("#deliveries tbody");
    body.replaceChildren(...overview.systems.map(s => {
      const circuit = el("span", { class: "badge circuit-" + s.circuit, text: t("circuit-" + s.circuit) });
      const dead = s.states.dead > 0
        ? el("a", { href: "/admin/dead-letters.html?system=" + encodeURIComponent(s.system), "aria-label": `${t("showDead")}: ${s.system}`, text: String(s.states.dead) })
        : String(s.states.dead);
      return el("tr", { "data-system": s.system },
        el("th", { scope: "row", text: s.system }), el("td", { "data-label": t("circuit") }, circuit),
        ...STATES.map(k => el("td", { "data-state": k, "data-label": t(k) }, k === "dead" ? dead : String(s.states[k]))));
    }));
    document.querySelector("#deliveries tfoot").replaceChildren(el("tr", {},
      el("th", { scope: "row", text: t("total") }), el("td"), ...STATES.map(k => el("td", { "data-state": k, "data-label": t(k), text: String(overview.totals[k] ?? 0) }))));

    document.querySelector("#classes tbody").replaceChildren(...Object.entries(overview.deadLettersByClass).map(([cls, n]) =>
      el("tr", { "data-class": cls }, el("th", { scope: "row", text: t("cls-" + cls) }),
        el("td", {}, n > 0 ? el("a", { href: "/admin/dead-letters.html?errorClass=" + encodeURIComponent(cls), text: String(n) }) : String(n)))));

    const rows = anchors.map(a => el("tr", {},
      el("td", { "data-label": t("subject"), text: a.subject }), el("td", { "data-label": t("issuer"), text: a.issuer }),
      el("td", { class: "mono", "data-label": t("serial"), text: a.serialNumber }),
      el("td", { "data-label": t("validity") }, el("span", {}, `${when(a.notBefore)} – ${when(a.notAfter)} `,
        el("span", { class: "badge " + (a.validNow ? "ok" : "bad"), text: a.validNow ? t("validNow") : t("notValidNow") }))),
      el("td", { class: "mono hash", "data-label": t("thumbprint"), text: a.sha256 })));
    document.querySelector("#anchors tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "5", text: t("noAnchors") }))]));
    document.getElementById("updated").textContent = `${t("updated")} ${when(overview.at)}`;
  };
  rerender = render;
  const load = async () => {
    try {
      showError("");
      data = await Promise.all([getJson("/api/v1/admin/console/overview"), getJson("/api/v1/admin/console/trust-anchors"), getJson("/api/v1/admin/long-term"),
        getJson("/api/v1/admin/held-seals?state=waiting&limit=100"), getJson("/api/v1/admin/held-seals?state=dead&limit=100")]);
      render();
    } catch (e) { showError(e.message); }
  };
  document.getElementById("refresh").addEventListener("click", load);
  await load();
}

// Held seals and augmentations (GET /api/v1/admin/held-seals), a dead letter replayed by POST .../{id}/retry.
function renderHeld(items, reload) {
  const rows = items.map(h => {
    const replay = h.status === "dead-letter" ? el("button", { type: "button", "aria-label": `${t("replayHeld")}: ${h.id}`, text: t("replayHeld") }) : null;
    if (replay) replay.addEventListener("click", async () => {
      replay.disabled = true;
      const res = await hubFetch("/api/v1/admin/held-seals/" + encodeURIComponent(h.id) + "/retry", { method: "POST" });
      if (!res.ok) { showError(await problemText(res)); replay.disabled = false; return; }
      replay.replaceWith(el("span", { role: "status", text: t("heldReplayed") }));
      setTimeout(reload, 500);
    });
    return el("tr", { "data-id": h.id, "data-status": h.status },
      el("td", { "data-label": t("kind"), text: t("kind-" + h.kind) }), el("td", { "data-label": t("state"), text: t("held-" + h.status) }),
      el("td", { class: "mono", "data-label": t("service"), text: h.host }), el("td", { "data-label": t("attempts"), text: String(h.attempts) }),
      el("td", { "data-label": t("nextOrError"), text: h.status === "dead-letter" ? (h.lastError ?? "") : when(h.nextAttemptAt) }),
      el("td", {}, replay));
  });
  document.querySelector("#held tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "6", text: t("noHeld") }))]));
}

// ---- dead letters and bulk replay -----------------------------------------------------------------------------

const PAGE_SIZE = 50;

async function deadLettersPage() {
  const form = document.getElementById("search");
  const query = new URLSearchParams(location.search);
  form.dossier.value = query.get("dossier") || "";
  form.system.value = query.get("system") || "";
  form.errorClass.value = query.get("errorClass") || "";
  let filter = null, page = 1, list = null, progress = null;

  const filterWords = () => {
    const parts = [];
    if (filter.dossier) parts.push(`${t("dossier")} = ${filter.dossier}`);
    if (filter.system) parts.push(`${t("system")} = ${filter.system}`);
    if (filter.errorClass) parts.push(`${t("errorClass")} = ${t("cls-" + filter.errorClass)}`);
    return parts.length ? parts.join(", ") : t("filterAll");
  };

  const render = () => {
    if (list) {
      document.querySelector("#letters tbody").replaceChildren(...list.items.map(d => el("tr", { "data-id": String(d.id) },
        el("td", { class: "num", "data-label": "#", text: String(d.id) }),
        el("td", { class: "mono", "data-label": t("dossier"), text: d.dossierCode }),
        el("td", { "data-label": t("system"), text: d.system }),
        el("td", { class: "num", "data-label": t("attempts"), text: String(d.attempts) }),
        el("td", { "data-label": t("errorClass"), text: d.errorClass ? t("cls-" + d.errorClass) : "—" }),
        el("td", { class: "wrap", "data-label": t("lastError"), text: d.lastError || "—" }),
        el("td", { "data-label": t("updatedAt"), text: when(d.updatedAt) }))));
      document.getElementById("letters-wrap").hidden = list.total === 0;
      document.getElementById("summary").textContent = list.total > 0 ? t("found", list.total) : t("none");
      const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
      document.getElementById("page-info").textContent = t("pageInfo", page, pages);
      document.getElementById("prev").disabled = page <= 1;
      document.getElementById("next").disabled = page >= pages;
      document.getElementById("replay-scope").textContent = list.total > 0 ? t("replayScope", list.total, filterWords()) : t("replayNothing");
      document.getElementById("replay-button").disabled = list.total === 0 || (progress && !settled(progress));
    }
    if (progress) renderProgress(progress);
  };
  rerender = render;

  const search = async () => {
    const params = new URLSearchParams({ state: "dead", page: String(page), pageSize: String(PAGE_SIZE) });
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    try {
      showError("");
      const res = await hubFetch("/api/v1/admin/deliveries?" + params);
      if (!res.ok) throw new Error(await problemText(res));
      list = await res.json();
      render();
    } catch (e) { showError(e.message); }
  };

  form.addEventListener("submit", e => {
    e.preventDefault();
    filter = { dossier: form.dossier.value.trim(), system: form.system.value, errorClass: form.errorClass.value };
    page = 1;
    const shown = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    history.replaceState(null, "", location.pathname + (shown.size ? "?" + shown : ""));
    search();
  });
  document.getElementById("prev").addEventListener("click", () => { page--; search(); });
  document.getElementById("next").addEventListener("click", () => { page++; search(); });

  const settled = p => p.error || (p.done && p.waiting === 0);

  function renderProgress(p) {
    const section = document.getElementById("progress");
    section.hidden = false;
    section.dataset.done = String(Boolean(settled(p)));
    const total = p.total ?? 0;
    const requeueMeter = document.getElementById("requeue-meter");
    requeueMeter.max = Math.max(1, total); requeueMeter.value = p.requeued + p.skipped;
    document.getElementById("requeue-text").textContent = `${p.requeued + p.skipped} ${t("of")} ${p.total ?? "…"}`;
    const drainMeter = document.getElementById("drain-meter");
    drainMeter.max = Math.max(1, p.requeued); drainMeter.value = p.drained;
    document.getElementById("drain-text").textContent = `${p.drained} ${t("of")} ${p.requeued}`;
    document.getElementById("progress-state").textContent = p.error ? t("stopped") + p.error
      : settled(p) ? t("finished") : p.done ? t("waitingDelivery", p.waiting) : t("running");
    document.getElementById("progress-detail").textContent = t("detail", p);
  }

  document.getElementById("replay").addEventListener("submit", async e => {
    e.preventDefault();
    const reason = document.getElementById("reason").value.trim();
    if (!reason) { showError(t("reasonMissing")); document.getElementById("reason").focus(); return; }
    try {
      showError("");
      document.getElementById("replay-button").disabled = true;
      const res = await hubFetch("/api/v1/admin/console/replays", { method: "POST", body: JSON.stringify({ reason, ...filter }) });
      if (res.status !== 202) throw new Error(await problemText(res));
      progress = await res.json();
      render();
      document.getElementById("progress").focus?.();
      poll(progress.id);
    } catch (err) { showError(err.message); document.getElementById("replay-button").disabled = false; }
  });

  async function poll(id) {
    while (true) {
      await new Promise(r => setTimeout(r, 1000));
      const res = await hubFetch("/api/v1/admin/console/replays/" + encodeURIComponent(id));
      if (!res.ok) { showError(await problemText(res)); return; }
      progress = await res.json();
      render();
      if (settled(progress)) { await search(); return; }
    }
  }

  form.requestSubmit();
}

// ---- signature validation -------------------------------------------------------------------------------------

function explain(indication, sub) {
  const words = WORDS[I18n.lang];
  const [title, meaning] = words[indication] || [indication, ""];
  return { title, meaning, sub: sub ? words[sub] || sub : null };
}

const CHAIN_WORDS = ["NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE", "CERTIFICATE_CHAIN_GENERAL_FAILURE",
  "REVOKED_CA_NO_POE", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "NOT_YET_VALID", "REVOKED", "REVOKED_NO_POE", "TRY_LATER"];

// The engine writes its findings in English. The common ones are said in Vietnamese here; any other stays as the
// engine wrote it, marked lang="en" so that a screen reader reads it as English.
const FINDINGS_VI = [
  [/^revocation not checked: no CRL given or carried, and OCSP \/ CRL download not enabled$/,
    "Chưa kiểm tra tình trạng thu hồi: không có CRL được cung cấp hay đính kèm, và việc tải OCSP/CRL chưa được bật."],
  [/^The signature covers revision (\d+) of (\d+); later incremental updates are not signed by it\.$/,
    "Chữ ký bao phủ phiên bản $1 trên $2 của tệp; các lần cập nhật sau đó không được chữ ký này bảo vệ."],
  [/^Document modified after signing: (.*)\.$/, "Tài liệu đã bị thay đổi sau khi ký: $1."],
  [/^The document was modified after this signature: (.*)\.$/, "Tài liệu đã bị thay đổi sau chữ ký này: $1."],
  [/^The signature value does not verify with the signer's public key\.$/, "Giá trị chữ ký không khớp với khóa công khai của người ký."],
  [/^The digest of '(.*)' does not match: the signed data was changed\.(.*)$/, "Giá trị băm của '$1' không khớp: dữ liệu đã ký bị thay đổi.$2"],
  [/^The message-digest signed attribute is missing\.$/, "Thiếu thuộc tính được ký message-digest."],
  [/^The signing certificate is neither in the signature nor among the supplied certificates\.$/,
    "Không tìm thấy chứng thư số của người ký, cả trong chữ ký lẫn trong các chứng thư được cung cấp."],
  [/^(.*): key usage does not allow (.*)$/, "$1: mục đích sử dụng khóa không cho phép $2"],
  [/^The timestamp is later than the validation time\.$/, "Dấu thời gian muộn hơn thời điểm kiểm tra."],
  [/^(.*): OCSP gave no usable answer: (.*)$/, "$1: dịch vụ OCSP không cho câu trả lời dùng được: $2"],
  [/^(.*): CRL (\S+) unavailable: (.*)$/, "$1: không tải được CRL $2: $3"],
];

function finding(text) {
  if (I18n.lang === "vi") {
    for (const [pattern, vi] of FINDINGS_VI) if (pattern.test(text)) return el("li", { text: text.replace(pattern, vi) });
  }
  return el("li", { text, lang: "en" });
}

function cn(dn) {
  const m = /(?:^|,\s*)CN=([^,]+)/.exec(dn || "");
  return m ? m[1] : dn || "—";
}

function verdictBox(indication, sub, headingTag) {
  const e = explain(indication, sub);
  const cls = indication === "TOTAL_PASSED" ? "passed" : indication === "TOTAL_FAILED" ? "failed" : "indeterminate";
  return el("div", { class: "verdict " + cls, "data-indication": indication },
    el(headingTag, { class: "verdict-title", text: e.title }),
    e.meaning ? el("p", { text: e.meaning }) : null,
    e.sub ? el("p", { class: "why", text: e.sub }) : null,
    el("p", { class: "code" }, `${t("technical")}: `, el("code", { text: indication + (sub ? " / " + sub : "") })));
}

function dl(pairs) {
  const list = el("dl", { class: "facts" });
  for (const [k, v] of pairs) if (v != null && v !== "") list.append(el("dt", { text: k }), el("dd", {}, v));
  return list;
}

function renderReport(report) {
  const body = document.getElementById("report-body");
  const parts = [verdictBox(report.indication, report.subIndication, "h3"),
    dl([[t("file"), report.file], [t("format"), report.format]])];
  if (report.errors?.length) parts.push(el("ul", { class: "errors" }, ...report.errors.map(finding)));
  if (!report.signatures.length && !report.subIndication) parts.push(el("p", { text: t("noSignature") }));
  report.signatures.forEach((s, i) => {
    // An empty chain means "no path" only when the verdict is about the path; otherwise the check stopped before it.
    const chainVerdict = !s.subIndication || CHAIN_WORDS.includes(s.subIndication);
    const chain = s.chain?.length
      ? el("ol", { class: "chain" }, ...s.chain.map(subject => el("li", { text: subject })))
      : el("p", { class: "muted", text: t(chainVerdict ? "noChain" : "chainNotChecked") });
    const signer = s.signer;
    const card = el("article", { class: "card signature", "aria-labelledby": "sig-h-" + i },
      el("h3", { id: "sig-h-" + i, text: t("signatureN", i + 1) + (signer ? ": " + cn(signer.subject) : "") }),
      verdictBox(s.indication, s.subIndication, "h4"),
      dl([
        [t("signer"), signer?.subject], [t("issuer"), signer?.issuer], [t("serial"), signer?.serialNumber],
        [t("validity"), signer ? `${when(signer.notBefore)} – ${when(signer.notAfter)}` : null],
        [t("signingTime"), s.signingTime ? when(s.signingTime) : null], [t("bestTime"), s.bestSignatureTime ? when(s.bestSignatureTime) : null],
        [t("level"), s.level], [t("algorithms"), [s.digestAlgorithm, s.signatureAlgorithm].filter(Boolean).join(" + ")],
        [t("revision"), s.coveredRevision != null ? String(s.coveredRevision) : null],
      ]),
      el("h4", { text: t("chain") }), chain,
      s.timestamps?.length ? el("h4", { text: t("timestamps") }) : null,
      s.timestamps?.length ? el("ul", {}, ...s.timestamps.map(ts => el("li", { text: `${ts.type}: ${when(ts.generationTime)} — ${explain(ts.indication).title}${ts.tsa ? " (" + ts.tsa + ")" : ""}` }))) : null,
      s.errors?.length ? el("h4", { text: t("errors") }) : null,
      s.errors?.length ? el("ul", { class: "errors" }, ...s.errors.map(finding)) : null,
      s.warnings?.length ? el("h4", { text: t("warnings") }) : null,
      s.warnings?.length ? el("ul", { class: "warnings" }, ...s.warnings.map(finding)) : null);
    parts.push(card);
  });
  body.replaceChildren(...parts);
  document.getElementById("report").hidden = false;
}

async function validatePage() {
  const form = document.getElementById("validate");
  const input = document.getElementById("document");
  const drop = document.getElementById("drop");
  let report = null;
  rerender = () => { if (report) renderReport(report); };

  const chosen = () => { document.getElementById("chosen").textContent = input.files[0] ? `${input.files[0].name} (${input.files[0].size} B)` : ""; };
  input.addEventListener("change", chosen);
  for (const type of ["dragenter", "dragover"]) drop.addEventListener(type, e => { e.preventDefault(); drop.classList.add("over"); });
  for (const type of ["dragleave", "drop"]) drop.addEventListener(type, () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => {
    e.preventDefault();
    if (!e.dataTransfer?.files?.length) return;
    input.files = e.dataTransfer.files;
    chosen();
    form.requestSubmit();
  });

  form.addEventListener("submit", async e => {
    e.preventDefault();
    if (!input.files[0]) { showError(t("chooseFile")); return; }
    const data = new FormData();
    data.append("document", input.files[0]);
    const detached = document.getElementById("detached").files[0];
    if (detached) data.append("detachedSignature", detached);
    showError("");
    document.getElementById("report").hidden = true;
    document.getElementById("report-body").replaceChildren();
    try {
      form.setAttribute("aria-busy", "true");
      const res = await hubFetch("/api/v1/signatures/validate", { method: "POST", body: data });
      if (!res.ok) throw new Error(await problemText(res));
      report = await res.json();
      renderReport(report);
      document.getElementById("report-h").focus?.();
    } catch (err) { showError(err.message); }
    finally { form.removeAttribute("aria-busy"); }
  });
}

// ---- start ----------------------------------------------------------------------------------------------------

I18n.start(TEXT, () => rerender());
({ overview: overviewPage, "dead-letters": deadLettersPage, validate: validatePage })[document.body.dataset.page]?.();
