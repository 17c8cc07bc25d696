using System.Text.Json;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.LongTerm;

/// <summary>What a long-term outbox row asks for: bring the document at Position to Generation (0 = B-LT, 1+ = B-LTA).</summary>
public sealed record LongTermPayload(string Kind, int Position, int Generation)
{
    public const string KindName = "long-term";
}

/// <summary>
/// The long-term outbox rows. The message id "{code}:lt-{position}-{generation}" is the idempotency key: intake, the
/// sweep and a renewal that race write one row; the level is stored once per (document, generation).
/// </summary>
public static class LongTermTasks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage For(string dossierCode, int position, int generation) =>
        new($"{dossierCode}:lt-{position}-{generation}", LongTermTarget.Name,
            JsonSerializer.Serialize(new LongTermPayload(LongTermPayload.KindName, position, generation), Json));

    /// <summary>At intake: a B-LT task for every document whose report is TOTAL_PASSED (the ones not flagged).</summary>
    public static IEnumerable<OutboxMessage> AtIntake(string dossierCode, IReadOnlyList<DocumentUpload> documents) =>
        documents.Select((d, i) => (d, i)).Where(x => !x.d.Flagged && x.d.SignatureReportJson is not null).Select(x => For(dossierCode, x.i, 0));

    public static LongTermPayload? Read(string payload)
    {
        try { return JsonSerializer.Deserialize<LongTermPayload>(payload, Json) is { Kind: LongTermPayload.KindName } p ? p : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>The error class of a task waiting for a service: "timestamp@host:port" (the circuit's name too).</summary>
    public static string WaitingClass(AugmentationOutcome.Unavailable u) => Signing.ServiceCircuits.NameOf(u.Service, u.Url);

    /// <summary>"timestamp" or "revocation" from a waiting class; null for other classes.</summary>
    public static string? WaitingFor(string? errorClass) =>
        errorClass is not null && errorClass.IndexOf('@') is > 0 and var at ? errorClass[..at] : null;

    /// <summary>The host ("host:port") of a "timestamp@host:port" or "revocation@host:port" error class, else null.</summary>
    public static string? ServiceOf(string? errorClass) =>
        errorClass is not null && errorClass.IndexOf('@') is > 0 and var at ? errorClass[(at + 1)..] : null;
}
