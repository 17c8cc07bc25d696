using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Tests.Hostile;

/// <summary>Judges an answer to a hostile case: null when it is right, else what is wrong with it.</summary>
public static class HostileAnswers
{
    public static string? Check(HostileCase c, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Whatever the entity or XInclude asked for, no file's content comes back.
        if (body.Contains("root:x:0:0", StringComparison.Ordinal)) return "the answer holds /etc/passwd";
        return c.Expect switch
        {
            Expect.Problem => Problem(status, mediaType, body),
            Expect.SoapFault => SoapFault(status, mediaType, body) is { } notFault
                ? (Problem(status, mediaType, body) is null ? null : notFault)
                : null,
            Expect.FailedReport => status == 200 ? FailedReport(body) : Problem(status, mediaType, body),
            Expect.ServerRefusal => status == 400 && body.Length == 0 ? null : $"expected Kestrel's bare 400, got {status}: {body}",
            _ => "unknown expectation",
        };
    }

    /// <summary>A 4xx application/problem+json with its status, a title, and a detail or field errors.</summary>
    public static string? Problem(int status, string? mediaType, string body)
    {
        if (status is < 400 or > 499) return $"status {status}, not 4xx: {Shorten(body)}";
        if (mediaType != "application/problem+json") return $"{status} as {mediaType ?? "no media type"}, not problem+json: {Shorten(body)}";
        JsonElement json;
        try { json = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return $"{status} problem+json that is not JSON: {Shorten(body)}"; }
        if (!json.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            return $"{status} problem whose status field differs: {Shorten(body)}";
        if (!json.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            return $"{status} problem without a title: {Shorten(body)}";
        var detail = json.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(d.GetString());
        var errors = json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any();
        return detail || errors ? null : $"{status} problem that does not say why (no detail, no errors): {Shorten(body)}";
    }

    /// <summary>
    /// A SOAP Fault naming a client error. SOAP 1.1's HTTP binding sends every fault with 500, so 500 is accepted here
    /// when (and only when) the body is a fault whose code blames the client: an unhandled exception is a Server fault.
    /// </summary>
    public static string? SoapFault(int status, string? mediaType, string body)
    {
        if (mediaType is not ("text/xml" or "application/soap+xml")) return $"{status} as {mediaType ?? "no media type"}, not a SOAP fault: {Shorten(body)}";
        XDocument xml;
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            xml = XDocument.Load(reader);
        }
        catch (XmlException) { return $"{status} XML that does not parse: {Shorten(body)}"; }
        var fault = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault");
        if (fault is null) return $"{status} without a Fault: {Shorten(body)}";
        // SOAP 1.1: faultcode and faultstring; SOAP 1.2: Code/Value and Reason/Text.
        var code = fault.Element("faultcode")?.Value ?? fault.Descendants().FirstOrDefault(e => e.Name.LocalName == "Value")?.Value ?? "";
        var reason = fault.Element("faultstring")?.Value ?? fault.Descendants().FirstOrDefault(e => e.Name.LocalName == "Text")?.Value ?? "";
        var local = code.Contains(':') ? code[(code.IndexOf(':') + 1)..] : code;
        if (!local.StartsWith("Client", StringComparison.Ordinal) && !local.StartsWith("Sender", StringComparison.Ordinal))
            return $"{status} fault '{code}' that does not blame the client: {Shorten(reason)}";
        if (string.IsNullOrWhiteSpace(reason)) return $"{status} fault '{code}' that does not say why";
        if (status != 500 && status is < 400 or > 499) return $"a fault with status {status}";
        return null;
    }

    /// <summary>A validation report that does not pass, with a sub-indication or an error saying why.</summary>
    public static string? FailedReport(string body)
    {
        JsonElement json;
        try { json = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return $"200 that is not JSON: {Shorten(body)}"; }
        if (!json.TryGetProperty("indication", out var indication)) return $"200 without an indication: {Shorten(body)}";
        if (indication.GetString() == "TOTAL_PASSED") return $"the forged document passed: {Shorten(body)}";
        return SaysWhy(json) ? null : $"{indication.GetString()} without a sub-indication or an error: {Shorten(body)}";
    }

    private static bool SaysWhy(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            (p.Name == "subIndication" && p.Value.ValueKind == JsonValueKind.String) ||
            (p.Name == "errors" && p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0) ||
            SaysWhy(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(SaysWhy),
        _ => false,
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
