using System.Security;
using System.Text;
using static IntegrationHub.Tests.Hostile.HostileBodies;

namespace IntegrationHub.Tests.Hostile;

/// <summary>/soap/DossierSync: malformed envelopes, wrong SOAPAction, SOAP 1.2 where 1.1 is served, bad fields.</summary>
public static partial class HostileCorpus
{
    public const string SoapPath = "/soap/DossierSync";
    public const string Ns = "urn:integrationhub:dossiersync:v1";
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string UpdateAction = Ns + "/DossierSync/UpdateDossierStatus";
    public const string GetAction = Ns + "/DossierSync/GetDossierStatus";

    public static HostileCase SoapCase(string family, string name, string envelope, string? action = UpdateAction,
        string? key = TestHub.JusticeKey, string contentType = "text/xml; charset=utf-8") =>
        SoapCase(family, name, Encoding.UTF8.GetBytes(envelope), action, key, contentType);

    public static HostileCase SoapCase(string family, string name, byte[] envelope, string? action = UpdateAction,
        string? key = TestHub.JusticeKey, string contentType = "text/xml; charset=utf-8") =>
        new(family, name, HttpMethod.Post, SoapPath, key, contentType, envelope, Expect.SoapFault,
            action is null ? null : new Dictionary<string, string> { ["SOAPAction"] = $"\"{action}\"" });

    public static string Envelope(string body, string prolog = "", string ns = Soap11) =>
        $"{prolog}<soap:Envelope xmlns:soap=\"{ns}\"><soap:Body>{body}</soap:Body></soap:Envelope>";

    public static string UpdateEnvelope(string code, string statusEvent) =>
        Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{SecurityElement.Escape(code)}</dossierCode>{statusEvent}</UpdateDossierStatus>");

    public static string GetEnvelope(string code) =>
        Envelope($"<GetDossierStatus xmlns=\"{Ns}\"><dossierCode>{SecurityElement.Escape(code)}</dossierCode></GetDossierStatus>");

    /// <summary>A status event as the WSDL has it; <paramref name="statusText"/> replaces the Status element's text.</summary>
    public static string StatusEventXml(int status, string? note = null, string? result = null, string? statusText = null, string? at = EventAt) =>
        $"<statusEvent><EventId>{NextEventId()}</EventId><Status>{statusText ?? status.ToString()}</Status>" +
        (at is null ? "" : $"<At>{at}</At>") + (note is null ? "" : $"<Note>{note}</Note>") + (result ?? "") + "</statusEvent>";

    public static string ResultXml(string name, string content, string mediaType = "text/plain") =>
        $"<Result><Name>{SecurityElement.Escape(name)}</Name><MediaType>{mediaType}</MediaType><Content>{content}</Content></Result>";

    private static IEnumerable<HostileCase> Soap(HostileContext ctx)
    {
        var code = ctx.OpenDossier;
        var good = UpdateEnvelope(code, StatusEventXml(2));
        var update = $"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{code}</dossierCode>{StatusEventXml(2)}</UpdateDossierStatus>";
        (string Name, string Envelope)[] malformed =
        [
            ("empty body", ""),
            ("not XML", "hostile"),
            ("truncated envelope", good[..(good.Length / 2)]),
            ("envelope without a body", $"<soap:Envelope xmlns:soap=\"{Soap11}\"></soap:Envelope>"),
            ("empty body element", Envelope("")),
            ("two bodies", $"<soap:Envelope xmlns:soap=\"{Soap11}\"><soap:Body>{update}</soap:Body><soap:Body>{update}</soap:Body></soap:Envelope>"),
            ("unknown operation", Envelope($"<DeleteDossier xmlns=\"{Ns}\"><dossierCode>{code}</dossierCode></DeleteDossier>")),
            ("operation in another namespace", Envelope($"<UpdateDossierStatus xmlns=\"urn:evil\"><dossierCode>{code}</dossierCode></UpdateDossierStatus>")),
            ("unknown envelope namespace", Envelope(update, ns: "urn:not-soap")),
            ("root is not an envelope", $"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{code}</dossierCode></UpdateDossierStatus>"),
            ("header that must be understood", $"<soap:Envelope xmlns:soap=\"{Soap11}\"><soap:Header><x:Evil xmlns:x=\"urn:evil\" soap:mustUnderstand=\"1\"/></soap:Header><soap:Body>{update}</soap:Body></soap:Envelope>"),
            ("10,000 nested elements in the body", Envelope(string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)))),
            ("unclosed operation element", Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{code}</dossierCode>")),
            ("mismatched tags", Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{code}</statusEvent></UpdateDossierStatus>")),
            ("statusEvent missing", Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\"><dossierCode>{code}</dossierCode></UpdateDossierStatus>")),
            ("statusEvent nil", Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dossierCode>{code}</dossierCode><statusEvent xsi:nil=\"true\"/></UpdateDossierStatus>")),
            ("dossierCode missing", Envelope($"<UpdateDossierStatus xmlns=\"{Ns}\">{StatusEventXml(2)}</UpdateDossierStatus>")),
            ("Status is a word", UpdateEnvelope(code, StatusEventXml(2, statusText: "five"))),
            ("Status is 1e400", UpdateEnvelope(code, StatusEventXml(2, statusText: "1e400"))),
            ("Status is 2^70", UpdateEnvelope(code, StatusEventXml(2, statusText: "1180591620717411303424"))),
            ("Status is -0", UpdateEnvelope(code, StatusEventXml(2, statusText: "-0"))),
            ("Status is empty", UpdateEnvelope(code, StatusEventXml(2, statusText: ""))),
            ("Status is nested XML", UpdateEnvelope(code, StatusEventXml(2, statusText: "<x>2</x>"))),
            ("At is not a time", UpdateEnvelope(code, StatusEventXml(2, at: "yesterday"))),
            ("At without an offset", UpdateEnvelope(code, StatusEventXml(2, at: "2026-11-30T08:45:00"))),
            ("At is missing", UpdateEnvelope(code, StatusEventXml(2, at: null))),
            ("invalid UTF-8", "\u0000"),
            ("declared UTF-16, sent UTF-8", "<?xml version=\"1.0\" encoding=\"utf-16\"?>" + good),
            ("declared UTF-7", "<?xml version=\"1.0\" encoding=\"utf-7\"?>" + good),
        ];
        foreach (var (name, envelope) in malformed) yield return SoapCase("SOAP malformed envelopes", name, envelope);
        yield return SoapCase("SOAP malformed envelopes", "invalid UTF-8 bytes", [.. Encoding.UTF8.GetBytes(good[..good.IndexOf("<dossierCode>", StringComparison.Ordinal)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("</soap:Envelope>")]);

        (string Name, string? Action)[] actions =
        [
            ("no SOAPAction", null), ("empty SOAPAction", ""), ("the other operation's action", GetAction), ("unknown action", "urn:evil/Drop"),
            ("very long action", new string('a', 4000)),
            // SoapCore matches an action by its last segment: each of these reached UpdateDossierStatus before the guard.
            ("another service's action for the same operation", "urn:evil:v1/OtherService/UpdateDossierStatus"),
            ("our namespace, another service", Ns + "/OtherService/UpdateDossierStatus"),
            ("the operation's name alone", "UpdateDossierStatus"),
            ("our action in upper case", UpdateAction.ToUpperInvariant()),
            ("our action with a suffix", UpdateAction + "/x"),
            ("our action with a prefix", "x" + UpdateAction),
        ];
        foreach (var (name, action) in actions)
        {
            // An allowed status: an envelope dispatched in spite of its action would change the dossier (and fail the case).
            var body = UpdateEnvelope(code, StatusEventXml(2));
            yield return action is null
                ? SoapCase("SOAP wrong SOAPAction", name, body) with { Headers = null }
                : SoapCase("SOAP wrong SOAPAction", name, body, action);
        }

        // SOAP 1.2 where 1.1 is served: each combination of envelope namespace and content type.
        var soap12Body = Envelope(update, ns: Soap12);
        yield return SoapCase("SOAP 1.2 where 1.1 is expected", "1.2 envelope as text/xml", soap12Body);
        yield return SoapCase("SOAP 1.2 where 1.1 is expected", "1.2 envelope as application/soap+xml", soap12Body, null,
            contentType: $"application/soap+xml; charset=utf-8; action=\"{UpdateAction}\"");
        yield return SoapCase("SOAP 1.2 where 1.1 is expected", "1.1 envelope as application/soap+xml", UpdateEnvelope(code, StatusEventXml(2)), null,
            contentType: "application/soap+xml; charset=utf-8");
        foreach (var contentType in new[] { "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
            yield return SoapCase("SOAP wrong content types", contentType, UpdateEnvelope(code, StatusEventXml(2)), contentType: contentType);
        yield return SoapCase("SOAP wrong content types", "no content type", UpdateEnvelope(code, StatusEventXml(2))) with { ContentType = null };

        // SoapCore's extra routes beside the service, and methods the service does not take: a 404 or 405 problem.
        foreach (var path in new[] { "/$metadata", "/mex", "/UpdateDossierStatus", "/GetDossierStatus?dossierCode=" + code, "/x", "/mex?wsdl" })
        {
            yield return Get("SOAP extra routes", $"GET {path}", SoapPath + path);
            yield return SoapCase("SOAP extra routes", $"POST {path}", UpdateEnvelope(code, StatusEventXml(2))) with { Path = SoapPath + path, Expect = Expect.Problem };
        }
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS" })
            yield return SoapCase("SOAP extra routes", $"{method} the service", UpdateEnvelope(code, StatusEventXml(2))) with { Method = new HttpMethod(method), Expect = Expect.Problem };
    }
}
