using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// The JSON routes and a valid body for each, which the corpus then spoils one way at a time, so that the spoiled
/// part is the only reason for the refusal. Fresh dossier codes and event ids keep idempotency from hiding a case.
/// </summary>
public static class HostileBodies
{
    /// <summary>A procedure that accepts unsigned documents (a bad field is the only reason to refuse).</summary>
    public const string FlagProcedure = Submissions.FlagProcedure;

    /// <summary>A procedure that refuses documents without a valid signature (422): where forged documents go.</summary>
    public const string RefuseProcedure = Submissions.RefuseProcedure;

    /// <summary>Before the fixture's clock (30 November 2026, 09:00 in Vietnam), after the seeded dossiers' reception.</summary>
    public const string EventAt = "2026-11-30T08:45:00+07:00";

    private static int sequence = 8000;
    private static int eventSequence;

    public static string NextCode() => $"{Submissions.Agency}-261130-{Interlocked.Increment(ref sequence):D4}";

    public static string NextEventId() => $"HOSTILE-{Interlocked.Increment(ref eventSequence)}";

    /// <summary>A JSON route: where it is, which key may call it, and a valid body for it.</summary>
    public sealed record JsonRoute(string Name, string Path, string ApiKey, Func<JsonObject> Body, string[] Fields);

    public static JsonObject Document(string name = "hostile.txt", string mediaType = "text/plain", string? content = null) => new()
    {
        ["name"] = name,
        ["mediaType"] = mediaType,
        ["content"] = content ?? Convert.ToBase64String("Đơn đề nghị"u8.ToArray()),
        ["detachedSignature"] = null,
    };

    public static JsonObject Intake(string procedure = FlagProcedure)
    {
        var body = Submissions.Valid(NextCode(), procedure);
        body["documents"]![0]!["name"] = "hostile.txt";
        return body;
    }

    public static JsonObject Event(int status = 2) => new()
    {
        ["eventId"] = NextEventId(),
        ["status"] = status,
        ["systemStatus"] = null,
        ["at"] = EventAt,
        ["official"] = new JsonObject { ["name"] = "Lê Văn An", ["title"] = "Chuyên viên", ["unit"] = "Phòng Tư pháp" },
        ["note"] = "hostile",
        ["stepDueAt"] = null,
        ["apology"] = new JsonObject { ["reason"] = "quá tải", ["newDueAt"] = "2026-12-10T17:00:00+07:00" },
        ["result"] = Document("ket-qua.txt"),
    };

    /// <summary>Every JSON route that takes a body. The open dossier's events route needs its code.</summary>
    public static IReadOnlyList<JsonRoute> Routes(HostileContext ctx) =>
    [
        new("intake", "/api/v1/dossiers", TestHub.PortalKey, () => Intake(),
            ["code", "procedureCode", "agencyCode", "receivedAt", "channel", "applicant", "applicant.name", "applicant.idNumber",
             "applicant.phone", "applicant.email", "documents", "documents[0]", "documents[0].name", "documents[0].mediaType",
             "documents[0].content", "documents[0].detachedSignature"]),
        new("event", $"/api/v1/dossiers/{ctx.OpenDossier}/events", TestHub.JusticeKey, () => Event(),
            ["eventId", "status", "systemStatus", "at", "official", "official.name", "official.title", "official.unit", "note",
             "stepDueAt", "apology", "apology.reason", "apology.newDueAt", "result", "result.name", "result.mediaType", "result.content"]),
        new("validate", "/api/v1/signatures/validate", TestHub.PortalKey, () => Document(),
            ["name", "mediaType", "content", "detachedSignature"]),
        new("seal", "/api/v1/signatures/seal", TestHub.AgencyKey, () => Document(),
            ["name", "mediaType", "content", "detachedSignature", "dossierCode"]),
        new("augment", "/api/v1/signatures/augment", TestHub.AdminKey, () => WithTo(Document()),
            ["name", "mediaType", "content", "detachedSignature", "to", "dossierCode"]),
        new("signing-session", "/api/v1/signing-sessions", TestHub.PortalKey, () => Session(ctx),
            ["document", "document.name", "document.content", "signerCertificate", "mode", "digestAlgorithm"]),
        new("signing-complete", "/api/v1/signing-sessions/no-such-session/complete", TestHub.PortalKey,
            () => new JsonObject { ["signatureValue"] = Convert.ToBase64String(new byte[256]) }, ["signatureValue"]),
        new("replay", "/api/v1/admin/console/replays", TestHub.AdminKey,
            () => new JsonObject { ["reason"] = "hostile", ["dossier"] = null, ["system"] = "justice", ["errorClass"] = null },
            ["reason", "dossier", "system", "errorClass"]),
        new("bulk-retry", "/api/v1/admin/deliveries/retry", TestHub.AdminKey,
            () => new JsonObject { ["reason"] = "hostile", ["state"] = "dead", ["system"] = "justice", ["dossier"] = null, ["errorClass"] = null },
            ["reason", "state", "system", "dossier", "errorClass"]),
    ];

    public static JsonObject Session(HostileContext ctx, JsonObject? document = null) => new()
    {
        ["document"] = document ?? Document(),
        ["signerCertificate"] = ctx.CitizenCertificate,
        ["mode"] = "cades-detached",
        ["digestAlgorithm"] = "SHA256",
    };

    private static JsonObject WithTo(JsonObject document)
    {
        document["to"] = "lt";
        return document;
    }

    /// <summary>Sets the value at a path such as "documents[0].name" (the parents must exist).</summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        JsonNode parent = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            if (index is null)
            {
                if (last) parent.AsObject()[name] = value;
                else parent = parent[name]!;
            }
            else
            {
                var array = parent[name]!.AsArray();
                if (last) array[index.Value] = value;
                else parent = array[index.Value]!;
            }
        }
        return root;
    }

    private static (string Name, int? Index) Split(string part)
    {
        var bracket = part.IndexOf('[');
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1]));
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
