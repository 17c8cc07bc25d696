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
    {
        var payload = OutboxMessages.ReadPayload(delivery.Payload);
        if (payload is null || payload.Kind is not (OutboxPayload.DossierKind or OutboxPayload.StepKind))
            return (null, "unreadable outbox payload");
        var dossier = await dossiers.GetAsync(delivery.DossierCode, ct);
        if (dossier is null) return (null, $"dossier {delivery.DossierCode} is not in the store");

        var documents = new List<DocumentRef>();
        foreach (var d in dossier.Documents)
        {
            var content = await dossiers.GetDocumentContentAsync(d.Sha256, ct);
            documents.Add(new DocumentRef(d.Name, d.MediaType, d.Sha256, Indication(d.SignatureReportJson), content,
                Link: $"/api/v1/dossiers/{Uri.EscapeDataString(dossier.Code)}/documents/{d.Sha256}"));
        }
        return (new DossierMessage
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
        }, null);
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
