using System.Text.Json.Nodes;
using static IntegrationHub.Tests.Hostile.HostileBodies;

namespace IntegrationHub.Tests.Hostile;

/// <summary>Bad codes, forbidden transitions, wrong content types, oversize bodies, bad query strings and path tricks.</summary>
public static partial class HostileCorpus
{
    /// <summary>Dossier codes that are not codes: wrong shapes, impossible dates, non-ASCII digits, injections.</summary>
    public static readonly string[] BadDossierCodes =
    [
        "", " ", "H47-2611300001", "000.00.25.H47-261340-0001", "000.00.25.H47-261131-0001", "000.00.25.H47-260229-0001",
        "000.00.25.H47-261130-ABCD", "000.00.25.H47-261130-0001\n", " 000.00.25.H47-261130-0001", "000.00.25.H47--0001",
        "000.00.25.H47-261130", "000.00.25.h47-261130-0001", "000.00.25.H47-261130-0001'; DROP TABLE dossiers;--",
        "０００.００.２５.Ｈ４７-２６１１３０-０００１", "000.00.25.H47-٢٦١١٣٠-0001", "000.00.25.H47-261130-0001\0",
        new string('9', 300), "000.00.25.H47-261130-0001/../../etc/passwd", "%00", "000.00.25.H47-261130-0001\u202E",
    ];

    public static readonly string[] BadAgencyCodes =
    [
        "", "H47", "000.00.25", "000.00.25.H47 ", "000.00.25.X47", "٠٠٠.٠٠.٢٥.H47", "000.00.25.H4", "000.00.25.H477", "000.00.25.H47\0",
    ];

    public static readonly string[] BadProcedureCodes =
    [
        "", "1001612", "1.00161", "1.0016120", "a.bcdefg", "１.００１６１２", "1.001612 ", "1.001612\n", "9.999999",
    ];

    private static IEnumerable<HostileCase> BadCodes(HostileContext ctx)
    {
        foreach (var code in BadDossierCodes)
        {
            var label = Label(code);
            var escaped = Uri.EscapeDataString(code);
            yield return Post("bad codes", $"intake code {label}", "/api/v1/dossiers", TestHub.PortalKey, Utf8(Intake().Set("code", code)));
            // In a path, a NUL is refused by Kestrel before the hub sees the request.
            var inPath = code.Contains('\0') ? Expect.ServerRefusal : Expect.Problem;
            yield return Post("bad codes", $"event on {label}", $"/api/v1/dossiers/{escaped}/events", TestHub.JusticeKey, Utf8(Event())) with { Expect = inPath };
            yield return Get("bad codes", $"dossier {label}", $"/api/v1/dossiers/{escaped}", TestHub.AdminKey) with { Expect = inPath };
            yield return Get("bad codes", $"public dossier {label}", $"/api/v1/public/dossiers/{escaped}") with { Expect = inPath };
            yield return Get("bad codes", $"timeline {label}", $"/api/v1/reports/dossiers/{escaped}/timeline", TestHub.AdminKey) with { Expect = inPath };
            yield return SoapCase("bad codes", $"SOAP update {label}", UpdateEnvelope(code, StatusEventXml(2)));
            yield return SoapCase("bad codes", $"SOAP get {label}", GetEnvelope(code), GetAction);
        }
        foreach (var agency in BadAgencyCodes)
        {
            yield return Post("bad codes", $"intake agencyCode {Label(agency)}", "/api/v1/dossiers", TestHub.PortalKey, Utf8(Intake().Set("agencyCode", agency)));
            yield return Get("bad codes", $"stats agency {Label(agency)}", $"/api/v1/public/stats?agency={Uri.EscapeDataString(agency)}");
            yield return Get("bad codes", $"late report agency {Label(agency)}", $"/api/v1/reports/late?agency={Uri.EscapeDataString(agency)}", TestHub.AdminKey);
        }
        // The applicant's numbers: other scripts' digits and a final line break look like digits to \d and $.
        foreach (var (field, value) in new[]
                 {
                     ("applicant.idNumber", "054090001234\n"), ("applicant.idNumber", "٠٥٤٠٩٠٠٠١٢٣٤"), ("applicant.idNumber", "０５４０９０００１２３４"),
                     ("applicant.phone", "0905123456\n"), ("applicant.email", "phu@example.vn\n"), ("receivedAt", "2026-11-30T08:30:00+07:00\n"),
                     ("receivedAt", "٢٠٢٦-11-30T08:30:00+07:00"),
                 })
            yield return Post("bad codes", $"intake {field} {Label(value)}", "/api/v1/dossiers", TestHub.PortalKey, Utf8(Intake().Set(field, value)));
        foreach (var procedure in BadProcedureCodes)
            yield return Post("bad codes", $"intake procedureCode {Label(procedure)}", "/api/v1/dossiers", TestHub.PortalKey,
                Utf8(Intake().Set("procedureCode", procedure)));
    }

    /// <summary>From registered (1) only 2, 3 and 7 may follow; after refused (3) nothing may; 0, 11 and the like are no status.</summary>
    private static IEnumerable<HostileCase> ForbiddenTransitions(HostileContext ctx)
    {
        var targets = new List<(string Dossier, int Status)>();
        foreach (var status in new[] { 1, 4, 5, 6, 8, 9, 10, 0, 11, -1, 999 }) targets.Add((ctx.OpenDossier, status));
        for (var status = 1; status <= 10; status++) targets.Add((ctx.EndedDossier, status));
        foreach (var (dossier, status) in targets)
        {
            var which = dossier == ctx.OpenDossier ? "registered" : "refused";
            yield return Post("forbidden transitions", $"REST {which} → {status}", $"/api/v1/dossiers/{dossier}/events", TestHub.JusticeKey,
                Utf8(Event(status).Set("apology", null).Set("result", null)));
            yield return SoapCase("forbidden transitions", $"SOAP {which} → {status}", UpdateEnvelope(dossier, StatusEventXml(status)));
        }
        foreach (var systemStatus in new[] { "99", "", "TIEP_NHAN", "1; DROP TABLE" })
        {
            var body = Event().Set("status", null).Set("systemStatus", systemStatus);
            yield return Post("forbidden transitions", $"REST unknown system status {Label(systemStatus)}", $"/api/v1/dossiers/{ctx.OpenDossier}/events",
                TestHub.JusticeKey, Utf8(body));
        }
        // Events from a system the dossier is not routed to, and from a key that is no vertical system.
        yield return Post("forbidden transitions", "REST event from another system", $"/api/v1/dossiers/{ctx.OpenDossier}/events", TestHub.PlanningKey, Utf8(Event()));
        yield return Post("forbidden transitions", "REST event from the portal key", $"/api/v1/dossiers/{ctx.OpenDossier}/events", TestHub.PortalKey, Utf8(Event()));
        yield return SoapCase("forbidden transitions", "SOAP event from another system", UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2)), key: TestHub.PlanningKey);
        yield return SoapCase("forbidden transitions", "SOAP event without a key", UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2)), key: null);
    }

    private static readonly (string Name, string? ContentType)[] WrongContentTypeList =
    [
        ("no content type", null), ("text/plain", "text/plain"), ("application/xml", "application/xml"),
        ("form-urlencoded", "application/x-www-form-urlencoded"), ("multipart without a boundary", "multipart/form-data"),
        ("multipart with a boundary that never comes", "multipart/form-data; boundary=hostile"), ("application/jsonx", "application/jsonx"),
        ("unknown charset", "application/json; charset=hostile-8"), ("*/*", "*/*"), ("application/octet-stream", "application/octet-stream"),
        ("malformed media type", "application/json;;;=="),
    ];

    private static IEnumerable<HostileCase> WrongContentTypes(HostileContext ctx)
    {
        foreach (var route in Routes(ctx))
            foreach (var (name, contentType) in WrongContentTypeList)
                yield return Post("wrong content types", $"{route.Name}: {name}", route.Path, route.ApiKey, Utf8(route.Body()), contentType);
    }

    private static IEnumerable<HostileCase> Oversize(HostileContext ctx)
    {
        // Over the request limit: Kestrel refuses it by its Content-Length, or while reading a chunked body.
        var huge = Utf8($"{{\"content\":\"{new string('A', (int)ctx.MaxRequestBytes + 1024)}\"}}");
        foreach (var route in Routes(ctx))
        {
            yield return Post("oversize bodies", $"{route.Name}: over the request limit", route.Path, route.ApiKey, huge);
            yield return Post("oversize bodies", $"{route.Name}: over the request limit, chunked", route.Path, route.ApiKey, huge) with
            {
                Headers = new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked" },
            };
        }
        yield return SoapCase("oversize bodies", "SOAP envelope over the request limit",
            UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2, note: new string('A', (int)ctx.MaxRequestBytes + 1024))));

        // A document over the per-document limit, inside a body under the request limit.
        var big = Convert.ToBase64String(new byte[ctx.MaxDocumentBytes + 1]);
        foreach (var (route, field) in DocumentFields(ctx))
            yield return Post("oversize bodies", $"{route.Name}.{field}: one byte over the document limit", route.Path, route.ApiKey,
                Utf8(route.Body().Set(field, big)));
        yield return SoapCase("oversize bodies", "SOAP result over the document limit",
            UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2, result: ResultXml("ket-qua.txt", big))));
    }

    /// <summary>Every base64 document field of the JSON routes.</summary>
    private static IEnumerable<(JsonRoute Route, string Field)> DocumentFields(HostileContext ctx)
    {
        var routes = Routes(ctx).ToDictionary(r => r.Name);
        yield return (routes["intake"], "documents[0].content");
        yield return (routes["intake"], "documents[0].detachedSignature");
        yield return (routes["event"], "result.content");
        yield return (routes["validate"], "content");
        yield return (routes["validate"], "detachedSignature");
        yield return (routes["seal"], "content");
        yield return (routes["augment"], "content");
        yield return (routes["signing-session"], "document.content");
    }

    private static IEnumerable<HostileCase> BadQueries()
    {
        foreach (var year in new[] { "abc", "1899", "2101", "-1", "2026.5", "%00", "0x7EA", "２０２６", " 2026" })
            yield return Get("bad queries", $"calendar {year}", $"/api/v1/public/calendar/{year}") with
            {
                Expect = year == "%00" ? Expect.ServerRefusal : Expect.Problem,
            };
        foreach (var query in new[] { "from=garbage", "to=2026-02-30", "from=2026-12-01&to=2026-11-01", "from=1900-01-01&to=2100-12-31",
                     "groupBy=evil", "groupBy=AGENCY", "from=2026-11-01T00:00:00Z", "to=%00" })
            yield return Get("bad queries", $"stats {query}", $"/api/v1/public/stats?{query}");
        foreach (var query in new[] { "state=bogus", "page=0", "page=-5", "pageSize=100000", "page=abc", "system=%00", "errorClass=evil" })
            yield return Get("bad queries", $"deliveries {query}", $"/api/v1/admin/deliveries?{query}", TestHub.AdminKey);
        foreach (var id in new[] { "abc", "99999999999999999999", "-1", "0" })
            yield return Post("bad queries", $"retry delivery {id}", $"/api/v1/admin/deliveries/{id}/retry", TestHub.AdminKey, [], null);
        yield return Get("bad queries", "replay that does not exist", "/api/v1/admin/console/replays/does-not-exist", TestHub.AdminKey);
        yield return Get("bad queries", "late report without an agency", "/api/v1/reports/late", TestHub.AdminKey);
    }

    private static IEnumerable<HostileCase> PathTricksInRoutes()
    {
        foreach (var path in new[]
                 {
                     "/api/v1/dossiers/..%2F..%2Fetc%2Fpasswd", "/api/v1/public/dossiers/..%2F..%2Fappsettings.json",
                     "/..%2Fappsettings.json", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/dossiers/%2e%2e", "/api/v1/public/calendar/..%5C..%5Cwin.ini",
                     "/appsettings.json", "/hub.db", "/api/v1/public/dossiers/%E2%80%AE", "/api/v1/nothing-here",
                 })
            yield return Get("path tricks in routes", path, path, TestHub.AdminKey);
    }

    private static string Label(string text)
    {
        var shown = text.Length > 40 ? text[..20] + $"…({text.Length} chars)" : text;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
    }
}
