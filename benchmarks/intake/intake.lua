-- wrk script for POST /api/v1/dossiers: every request is a new dossier (its own code and Idempotency-Key)
-- carrying the same signed PDF (base64 read from $INTAKE_PDF_B64). Codes: 000.00.25.H47-26{RR}{TT}-{NNNNNN},
-- RR = $INTAKE_RUN (01-12, one per wrk run against the same store), TT = wrk thread (01-28), NNNNNN = its counter.
-- Also reports, at the end, the status codes seen (wrk itself only counts non-2xx/3xx).
local counter, threads, statuses = 0, {}, {}
local run = tonumber(os.getenv("INTAKE_RUN") or "1")
local key = os.getenv("INTAKE_API_KEY") or "bench-portal-key"

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local prefix, suffix
function init(args)
  local f = assert(io.open(os.getenv("INTAKE_PDF_B64"), "rb"))
  local b64 = f:read("*a"):gsub("%s", "")
  f:close()
  prefix = '{"code":"'
  suffix = '","procedureCode":"2.002045","agencyCode":"000.00.25.H47","receivedAt":"2026-11-27T08:30:00+07:00",'
    .. '"channel":"online","applicant":{"name":"Tr\\u1ea7n T\\u1ea5n Ph\\u00fa","idNumber":"054090001234","phone":"0905123456","email":"phu@example.vn"},'
    .. '"documents":[{"name":"don-de-nghi.pdf","mediaType":"application/pdf","content":"' .. b64 .. '","detachedSignature":null}]}'
  statuses = {}
end

function request()
  counter = counter + 1
  local code = string.format("000.00.25.H47-26%02d%02d-%06d", run, tid, counter)
  return wrk.format("POST", "/api/v1/dossiers",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key, ["Idempotency-Key"] = code },
    prefix .. code .. suffix)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and (statuses[status] == 1) then io.stderr:write("first " .. status .. ": " .. body:sub(1, 400) .. "\n") end
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f requests=%d errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
