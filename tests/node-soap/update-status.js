// Calls the hub's SOAP service the way a ministry system would: build the client from the served WSDL,
// send a status event (API key in the X-Api-Key HTTP header), then read the status back.
// Usage: node update-status.js WSDL_URL API_KEY DOSSIER_CODE EVENT_ID STATUS AT
// Prints one JSON line: { update: {...}, get: {...} } or { fault: "...", code: "..." } and exits 0; 1 on transport errors.
'use strict';
const soap = require('soap');

async function main() {
  const [wsdlUrl, apiKey, code, eventId, status, at] = process.argv.slice(2);
  if (!at) {
    console.error('usage: node update-status.js WSDL_URL API_KEY DOSSIER_CODE EVENT_ID STATUS AT');
    process.exit(64);
  }
  const client = await soap.createClientAsync(wsdlUrl, { wsdl_headers: {} });
  client.addHttpHeader('X-Api-Key', apiKey);
  try {
    const [update] = await client.UpdateDossierStatusAsync({
      dossierCode: code,
      statusEvent: {
        EventId: eventId,
        Status: Number(status),
        At: at,
        Official: { Name: 'Nguyễn Thị Bình', Title: 'Chuyên viên', Unit: 'Phòng Hộ tịch' },
        Note: 'from node soap',
      },
    });
    const [get] = await client.GetDossierStatusAsync({ dossierCode: code });
    console.log(JSON.stringify({ update: update.UpdateDossierStatusResult, get: get.GetDossierStatusResult }));
  } catch (err) {
    const fault = err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
    if (!fault) throw err;
    console.log(JSON.stringify({ fault: fault.faultstring, code: fault.faultcode }));
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
