using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Extensions;

namespace IntegrationHub.Dossiers;

public abstract record EventResult
{
    public sealed record Invalid(Dictionary<string, string[]> Errors) : EventResult;
    public sealed record TooLarge(string Detail) : EventResult;
    public sealed record NotFound(string Detail) : EventResult;
    public sealed record Forbidden(string Detail) : EventResult;
    public sealed record Refused(string Detail) : EventResult;
    public sealed record Applied(Dossier Dossier, bool Duplicate) : EventResult;
}

/// <summary>
/// Status events from vertical systems (REST and SOAP alike): map the system's own code, check the state
/// machine inside the store's transaction, accept each event id once, keep supplement and apology specifics.
/// </summary>
public sealed class EventIntake(IDossierStore store, IConfiguration configuration, LimitsOptions limits, ILogger<EventIntake> logger)
{
    /// <param name="system">The vertical system the caller speaks for; null for callers not bound to one.</param>
    public async Task<EventResult> ApplyAsync(string code, StatusEventDto e, string? system, string actor, CancellationToken ct)
    {
        var dossier = await store.GetAsync(code, ct);
        if (dossier is null) return new EventResult.NotFound($"No dossier '{code}'.");
        if (system is not null && dossier.VerticalSystem != system)
            return new EventResult.Forbidden($"Dossier '{code}' is not routed to '{system}'.");

        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        if (string.IsNullOrWhiteSpace(e.EventId) || e.EventId.Length > 100) errors["eventId"] = ["is required (at most 100 characters)"];
        var status = ResolveStatus(e, dossier.VerticalSystem, errors);
        if (!Instants.TryParse(e.At, out var at)) errors["at"] = ["must be an ISO-8601 time with its offset"];
        DateTimeOffset? stepDueAt = null;
        if (e.StepDueAt is not null)
        {
            if (Instants.TryParse(e.StepDueAt, out var s)) stepDueAt = s;
            else errors["stepDueAt"] = ["must be an ISO-8601 time with its offset"];
        }
        Apology? apology = null;
        if (e.Apology is not null)
        {
            if (string.IsNullOrWhiteSpace(e.Apology.Reason)) errors["apology.reason"] = ["is required"];
            if (!Instants.TryParse(e.Apology.NewDueAt, out var newDue)) errors["apology.newDueAt"] = ["must be an ISO-8601 time with its offset"];
            else if (!string.IsNullOrWhiteSpace(e.Apology.Reason)) apology = new Apology(e.Apology.Reason, newDue);
        }
        Official? official = null;
        if (e.Official is not null)
        {
            if (string.IsNullOrWhiteSpace(e.Official.Name)) errors["official.name"] = ["is required when official is given"];
            else official = new Official(e.Official.Name, e.Official.Title, e.Official.Unit);
        }
        DocumentUpload? result = null;
        if (e.Result is not null)
        {
            var doc = SubmissionValidator.DecodeDocument(e.Result, "result", limits, (f, m) => errors[f] = [m], ref tooLarge);
            // A result document is the agency's own output: recorded, not judged here.
            if (doc is not null) result = new DocumentUpload(doc.Name, doc.MediaType, doc.Content, doc.DetachedSignature, null, false);
        }
        if (tooLarge is not null) return new EventResult.TooLarge(tooLarge);
        if (errors.Count > 0 || status is null) return new EventResult.Invalid(errors);

        var change = new NewStatusEvent(e.EventId!, status.Value, e.SystemStatus, at, official, e.Note, stepDueAt, apology, result);
        var outcome = await store.AppendEventAsync(code, change, StatusTransitions.IsAllowed,
            new AuditRecord(actor, "dossier.status", $"{(int)status.Value}"), ct: ct);
        switch (outcome.Outcome)
        {
            case AppendOutcome.Appended:
                logger.LogInformation("Dossier {Code}: status {From} -> {To} by {Actor} (event {EventId})",
                    code, outcome.PreviousStatus, change.Status, actor, change.EventId);
                return new EventResult.Applied(outcome.Dossier!, false);
            case AppendOutcome.Duplicate:
                return new EventResult.Applied(outcome.Dossier!, true);
            case AppendOutcome.NotFound:
                return new EventResult.NotFound($"No dossier '{code}'.");
            default:
                return new EventResult.Refused(StatusTransitions.Check(outcome.PreviousStatus, change.Status)
                    ?? $"Status {(int)change.Status} cannot follow status {(int?)outcome.PreviousStatus}.");
        }
    }

    private DossierStatus? ResolveStatus(StatusEventDto e, string? system, Dictionary<string, string[]> errors)
    {
        if (e.Status is { } national)
        {
            if (national is >= 1 and <= 10) return (DossierStatus)national;
            errors["status"] = ["must be a national status code 1-10"];
            return null;
        }
        if (string.IsNullOrWhiteSpace(e.SystemStatus))
        {
            errors["status"] = ["status (1-10) or systemStatus is required"];
            return null;
        }
        // Verticals:<system>:StatusMap:<code> = national code.
        var mapped = configuration.GetValue<int?>($"Verticals:{system}:StatusMap:{e.SystemStatus}");
        if (mapped is >= 1 and <= 10) return (DossierStatus)mapped.Value;
        errors["systemStatus"] = [$"'{e.SystemStatus}' is not in the status table of '{system}'"];
        return null;
    }
}
