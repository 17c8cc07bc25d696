using System.Text.Json;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>What an outbox row asks for: the dossier itself, or one of its progress steps (national portal).</summary>
public sealed record OutboxPayload(string Kind, ProgressStep? Step = null)
{
    public const string DossierKind = "dossier";
    public const string StepKind = "step";
}

/// <summary>
/// The outbox rows the hub writes. The row's message id is the idempotency key "{dossier code}:{message id}"
/// (unique in the outbox), so a retry, a replay or a second node sends the same key.
/// </summary>
public static class OutboxMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>At intake: the dossier to its vertical system, or straight to the national portal when it has none.</summary>
    public static OutboxMessage ForIntake(string dossierCode, string? verticalSystem) =>
        verticalSystem is null ? NationalDossier(dossierCode) : Dossier(dossierCode, verticalSystem);

    public static OutboxMessage Dossier(string dossierCode, string system, string messageId = "submit") =>
        new($"{dossierCode}:{messageId}", system, JsonSerializer.Serialize(new OutboxPayload(OutboxPayload.DossierKind), Json));

    /// <summary>DongBoHoSo for the national portal; <paramref name="revision"/> distinguishes re-syncs after a status change.</summary>
    public static OutboxMessage NationalDossier(string dossierCode, string revision = "0") =>
        Dossier(dossierCode, VerticalSystems.NationalPortal, $"np-dossier-{revision}");

    /// <summary>DongBoTienDo for one progress step (write it with the status event that made the step).</summary>
    public static OutboxMessage NationalStep(string dossierCode, ProgressStep step) =>
        new($"{dossierCode}:np-step-{step.Number}", VerticalSystems.NationalPortal,
            JsonSerializer.Serialize(new OutboxPayload(OutboxPayload.StepKind, step), Json));

    /// <summary>
    /// The payload; a step needs its step, anything else (intake writes {"code","kind":"submit"}) means the
    /// dossier itself. Null when the text is not a JSON object.
    /// </summary>
    public static OutboxPayload? ReadPayload(string payload)
    {
        try
        {
            var read = JsonSerializer.Deserialize<OutboxPayload>(payload, Json);
            if (read is null) return null;
            return read.Kind == OutboxPayload.StepKind && read.Step is not null ? read : new OutboxPayload(OutboxPayload.DossierKind);
        }
        catch (JsonException) { return null; }
    }

    /// <summary>The message id inside the key (what follows "{dossier code}:").</summary>
    public static string LocalId(string dossierCode, string outboxMessageId) =>
        outboxMessageId.StartsWith(dossierCode + ":", StringComparison.Ordinal) ? outboxMessageId[(dossierCode.Length + 1)..] : outboxMessageId;
}
