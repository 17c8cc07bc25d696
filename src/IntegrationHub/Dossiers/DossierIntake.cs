using System.Text.Json;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Extensions;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.LongTerm;
using IntegrationHub.Signing;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Dossiers;

/// <summary>The outcomes of a submission, each mapped to one HTTP answer by DossiersApi.</summary>
public abstract record IntakeResult
{
    public sealed record Invalid(Dictionary<string, string[]> Errors) : IntakeResult;
    public sealed record TooLarge(string Detail) : IntakeResult;
    public sealed record Unprocessable(string Detail, IReadOnlyList<ValidationReport>? Reports = null) : IntakeResult;
    public sealed record Created(Dossier Dossier) : IntakeResult;
    public sealed record AlreadyStored(Dossier Dossier) : IntakeResult;
    public sealed record Conflict(string Detail) : IntakeResult;
}

/// <summary>
/// Intake: check the submission, judge every document's signatures, apply the procedure's signature rule,
/// compute the due date, and store dossier, documents, outbox row and audit entry in one transaction.
/// Idempotent by dossier code and submission fingerprint (the store's unique index settles races).
/// </summary>
public sealed class DossierIntake(IDossierStore store, IReferenceDataStore reference, IDocumentValidation signatures, DueDates dueDates,
    LimitsOptions limits, TimeProvider time, ILogger<DossierIntake> logger, IOptions<LongTermOptions> longTerm)
{
    public static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public async Task<IntakeResult> SubmitAsync(DossierSubmission submission, string actor, CancellationToken ct)
    {
        var check = SubmissionValidator.Check(submission, limits, time.GetUtcNow());
        if (check.TooLarge is not null) return new IntakeResult.TooLarge(check.TooLarge);
        if (check.Submission is not { } s) return new IntakeResult.Invalid(check.Errors);

        // A resubmission answers from the store before any signature is judged again (the fingerprint, a SHA-256 of
        // every document, is computed only then: a new dossier's is computed once, by the store).
        if (await store.GetAsync(s.Code, ct) is { } stored)
            return Same(stored, SubmissionFingerprint.Compute(ToNewDossier(s, null, null, s.Documents.Select(d => Upload(d, null, false)).ToList())));

        var receivedOn = DateOnly.FromDateTime(s.ReceivedAt.ToVietnam().DateTime);
        var agency = await reference.FindAgencyAsync(s.AgencyCode, receivedOn, ct);
        if (agency is null) return new IntakeResult.Unprocessable($"Unknown agency '{s.AgencyCode}' on {receivedOn:yyyy-MM-dd}.");
        var procedure = await reference.FindProcedureAsync(s.ProcedureCode, s.AgencyCode, receivedOn, ct);
        if (procedure is null)
            return new IntakeResult.Unprocessable($"Procedure '{s.ProcedureCode}' is not served by agency '{s.AgencyCode}' on {receivedOn:yyyy-MM-dd}.");

        var reports = new List<ValidationReport>();
        var uploads = new List<DocumentUpload>();
        foreach (var doc in s.Documents)
        {
            var report = signatures.Validate(doc.Name, doc.Content, doc.DetachedSignature);
            reports.Add(report);
            uploads.Add(Upload(doc, JsonSerializer.Serialize(report, ReportJson), report.Indication != Indication.TotalPassed));
        }
        if (procedure.RequiresValidSignature && uploads.Any(u => u.Flagged))
            return new IntakeResult.Unprocessable($"Procedure '{procedure.Code}' requires every document to carry a valid signature.", reports);

        var dueAt = dueDates.For(procedure, agency, s.ReceivedAt, s.Channel);
        var dossier = ToNewDossier(s, dueAt, procedure.VerticalSystem, uploads);
        var outbox = new OutboxMessage($"{s.Code}:submit", procedure.VerticalSystem, JsonSerializer.Serialize(new { code = s.Code, kind = "submit" }));
        // With LongTerm:Enabled every TOTAL_PASSED document gets its B-LT task in the dossier's transaction: none is forgotten.
        List<OutboxMessage> rows = [outbox, .. longTerm.Value.Enabled ? LongTermTasks.AtIntake(s.Code, uploads) : []];
        var result = await store.TryCreateWithOutboxAsync(dossier, rows, new AuditRecord(actor, "dossier.submit"), ct);
        switch (result.Outcome)
        {
            case CreateOutcome.Created:
                logger.LogInformation("Dossier {Code} received for procedure {Procedure}: {Documents} documents, {Flagged} flagged",
                    s.Code, procedure.Code, uploads.Count, uploads.Count(u => u.Flagged));
                return new IntakeResult.Created(result.Dossier);
            case CreateOutcome.Existing:
                return new IntakeResult.AlreadyStored(result.Dossier);
            default:
                return Conflict(s.Code);
        }
    }

    private static DocumentUpload Upload(DecodedDocument d, string? reportJson, bool flagged) =>
        new(d.Name, d.MediaType, d.Content, d.DetachedSignature, reportJson, flagged);

    private static NewDossier ToNewDossier(ValidSubmission s, DateTimeOffset? dueAt, string? system, IReadOnlyList<DocumentUpload> documents) =>
        new(s.Code, s.ProcedureCode, s.AgencyCode, s.ReceivedAt, s.Channel, s.Applicant, dueAt, system, documents);

    private static IntakeResult Same(Dossier stored, string fingerprint) =>
        stored.SubmissionHash == fingerprint ? new IntakeResult.AlreadyStored(stored) : Conflict(stored.Code);

    private static IntakeResult.Conflict Conflict(string code) => new($"Dossier '{code}' exists with other content.");
}
