using IntegrationHub.Connectors.Messages;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using CoreDelivery = IntegrationHub.Core.Ports.Delivery;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>Builds the message for an outbox row from the stored dossier: documents inline with their signature indication.</summary>
public sealed class DossierMessageBuilder(IDossierStore dossiers)
{
    /// <summary>The message, or null with the reason when the row cannot be delivered at all.</summary>
    public async Task<(DossierMessage? Message, string? Problem)> BuildAsync(CoreDelivery delivery, CancellationToken ct)
        => (await BuildManyAsync([delivery], ct))[delivery.Id];

    /// <summary>
    /// The messages of a batch by outbox row id: its dossiers and their documents' contents are read in a few
    /// queries for the whole batch (one per row each was most of a delivery's time).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, (DossierMessage? Message, string? Problem)>> BuildManyAsync(
        IReadOnlyCollection<CoreDelivery> deliveries, CancellationToken ct)
    {
        var payloads = deliveries.ToDictionary(d => d.Id, d => OutboxMessages.ReadPayload(d.Payload));
        var readable = deliveries.Where(d => payloads[d.Id] is { Kind: OutboxPayload.DossierKind or OutboxPayload.StepKind }).ToList();
        var found = await dossiers.GetManyAsync(readable.Select(d => d.DossierCode).Distinct(StringComparer.Ordinal).ToList(), ct);
        var contents = await dossiers.GetDocumentContentsAsync(
            found.Values.SelectMany(d => d.Documents).Select(d => d.Sha256.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(), ct);

        var result = new Dictionary<long, (DossierMessage?, string?)>();
        foreach (var delivery in deliveries)
        {
            var payload = payloads[delivery.Id];
            if (payload is null || payload.Kind is not (OutboxPayload.DossierKind or OutboxPayload.StepKind))
                result[delivery.Id] = (null, "unreadable outbox payload");
            else if (!found.TryGetValue(delivery.DossierCode, out var dossier))
                result[delivery.Id] = (null, $"dossier {delivery.DossierCode} is not in the store");
            else
                result[delivery.Id] = (Build(delivery, payload, dossier, contents), null);
        }
        return result;
    }

    private static DossierMessage Build(CoreDelivery delivery, OutboxPayload payload, Dossier dossier, IReadOnlyDictionary<string, byte[]> contents)
    {
        var documents = new List<DocumentRef>();
        foreach (var d in dossier.Documents)
        {
            var content = contents.GetValueOrDefault(d.Sha256.ToLowerInvariant());
            documents.Add(new DocumentRef(d.Name, d.MediaType, d.Sha256, Indication(d.SignatureReportJson), content,
                Link: $"/api/v1/dossiers/{Uri.EscapeDataString(dossier.Code)}/documents/{d.Sha256}"));
        }
        return new DossierMessage
        {
            DossierCode = dossier.Code,
            MessageId = OutboxMessages.LocalId(dossier.Code, delivery.MessageId),
            ProcedureCode = dossier.ProcedureCode,
            AgencyCode = dossier.AgencyCode,
            ReceivedAt = dossier.ReceivedAt,
            DueAt = dossier.DueAt,
            EndedAt = dossier.Times.EndedAt,
            Channel = dossier.Channel.ToWire(),
            Applicant = new Messages.Applicant(dossier.Applicant.Name, dossier.Applicant.IdNumber ?? ""),
            Documents = documents,
            NationalStatus = (int)dossier.Status,
            Step = payload.Kind == OutboxPayload.StepKind ? payload.Step : null,
        };
    }

    /// <summary>The overall indication of the stored validation report, read without trusting its shape.</summary>
    private static string? Indication(string? reportJson)
    {
        if (string.IsNullOrEmpty(reportJson)) return null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(reportJson);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("indication", out var i) ? i.GetString() : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
