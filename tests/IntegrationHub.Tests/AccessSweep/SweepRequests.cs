using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>One concrete call: the method, the path with its parameters filled, and a body an allowed caller would send.</summary>
public sealed record SweepRequest(string Method, string Path, Func<HttpContent?> Body)
{
    public HttpRequestMessage ToMessage() => new(new HttpMethod(Method), Path) { Content = Body() };
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Syntactically valid requests for each route of <see cref="RouteAccessTable"/>, filled with ids that exist.</summary>
public static class SweepRequests
{
    private static int events;

    public static IEnumerable<SweepRequest> For(RouteAccess route, SweepHub sweep)
    {
        var code = sweep.PlanningDossier;
        var path = route.Pattern
            .Replace("{code}", code).Replace("{year}", "2026").Replace("{documentName}", "v1").Replace("{system}", "justice")
            .Replace("{id}", route.Pattern.Contains("deliveries") ? "1" : "0123456789abcdef");
        return route.Key switch
        {
            "* /soap/DossierSync" => [Get(path + "?wsdl")],
            "* /soap/DossierSync/{methodName}" => [Get($"/soap/DossierSync/GetDossierStatus?dossierCode={code}")],
            "* /hangfire/{**path}" => [Get("/hangfire"), Get("/hangfire/jobs/enqueued"), Form("POST", "/hangfire/stats", ("metrics[]", "enqueued:count"))],
            "* /health/live" or "* /health/ready" or "* /metrics" or "* /soap/DossierSync/$metadata" or "* /soap/DossierSync/mex" => [Get(path)],
            // The form itself is LoginTests' subject; here the route only must not refuse anyone for who they are.
            "POST /login" => [new("POST", path, () => null)],
            "POST /logout" => [new("POST", path, () => null)],
            "POST /api/v1/dossiers" => [new("POST", path, () => JsonBody(Submissions.Valid(Submissions.NextCode())))],
            "POST /api/v1/dossiers/{code}/events" => [Json("POST", path, new JsonObject
            {
                ["eventId"] = $"SWEEP-{Interlocked.Increment(ref events)}", ["status"] = 2, ["at"] = "2026-11-30T10:00:00+07:00",
            })],
            "POST /api/v1/signatures/validate" or "POST /api/v1/signatures/seal" => [Json("POST", path, Document())],
            "POST /api/v1/signatures/augment" => [Json("POST", path, WithTo(Document()))],
            "POST /api/v1/signing-sessions" => [Json("POST", path, new JsonObject { ["document"] = Document(), ["signerCertificate"] = null })],
            "POST /api/v1/signing-sessions/{id}/complete" => [Json("POST", path, new JsonObject { ["signatureValue"] = "AQID" })],
            "POST /api/v1/admin/deliveries/retry" => [Json("POST", path, new JsonObject { ["reason"] = "access sweep", ["state"] = "dead" })],
            "POST /api/v1/admin/console/replays" => [Json("POST", path, new JsonObject { ["reason"] = "access sweep" })],
            "PUT /sim/admin/{system}/faults" => [Json("PUT", path, new JsonObject())],
            _ when route.Method == "GET" => [Get(path)],
            _ => [new(route.Method, path, () => null)],
        };
    }

    private static SweepRequest Get(string path) => new("GET", path, () => null);

    private static SweepRequest Json(string method, string path, JsonNode body)
    {
        var text = body.ToJsonString();
        return new(method, path, () => new StringContent(text, Encoding.UTF8, "application/json"));
    }

    private static StringContent JsonBody(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static SweepRequest Form(string method, string path, params (string Name, string Value)[] fields) =>
        new(method, path, () => new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private static JsonObject Document() => new()
    {
        ["name"] = "sweep.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String("access sweep"u8.ToArray()),
    };

    private static JsonObject WithTo(JsonObject document)
    {
        document["to"] = "lt";
        return document;
    }

    /// <summary>A SOAP 1.1 envelope calling an operation of /soap/DossierSync; the key, if given, in the ApiKey SOAP header.</summary>
    public static HttpRequestMessage Soap(string operation, string dossierCode, string? headerKey = null, string eventId = "SOAP-SWEEP", int status = 2)
    {
        const string ns = Soap11.Namespace;
        var header = headerKey is null ? "" : $"<s:Header><h:ApiKey xmlns:h=\"{ns}\">{headerKey}</h:ApiKey></s:Header>";
        var args = operation == "UpdateDossierStatus"
            ? $"<dossierCode>{dossierCode}</dossierCode><statusEvent><EventId>{eventId}</EventId><Status>{status}</Status><At>2026-11-30T10:00:00+07:00</At></statusEvent>"
            : $"<dossierCode>{dossierCode}</dossierCode>";
        var envelope = $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">{header}<s:Body><{operation} xmlns=\"{ns}\">{args}</{operation}></s:Body></s:Envelope>";
        var message = new HttpRequestMessage(HttpMethod.Post, "/soap/DossierSync") { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        message.Headers.Add("SOAPAction", $"\"{ns}/DossierSync/{operation}\"");
        return message;
    }
}

public static class Soap11
{
    public const string Namespace = IntegrationHub.Soap.DossierSyncNamespace.Value;

    /// <summary>The fault code's refinement ("Unauthorized" for soap:Client.Unauthorized), or null when the answer is no fault.</summary>
    public static string? FaultCode(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, @"<faultcode[^>]*>\s*(?:[^:<]*:)?([^<\s]+)\s*</faultcode>");
        if (!match.Success) return null;
        var code = match.Groups[1].Value;
        return code.StartsWith("Client.", StringComparison.Ordinal) ? code["Client.".Length..] : code;
    }
}
