using IntegrationHub.Extensions;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signing;

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
/// compute the due date, and store everything in one transaction. Idempotent by dossier code and content hash.
/// </summary>
public sealed class DossierIntake(IHubStore store, IDocumentValidation signatures, DueDates dueDates, LimitsOptions limits,
    TimeProvider time, ILogger<DossierIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(DossierSubmission submission, string actor, CancellationToken ct)
    {
        var check = SubmissionValidator.Check(submission, limits, time.GetUtcNow());
        if (check.TooLarge is not null) return new IntakeResult.TooLarge(check.TooLarge);
        if (check.Submission is not { } s) return new IntakeResult.Invalid(check.Errors);

        var contentHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission)));
        // A resubmission answers from the store before any work is repeated.
        if (await store.FindDossierAsync(s.Code, ct) is { } stored) return Same(stored, contentHash);

        var procedure = await store.FindProcedureAsync(s.ProcedureCode, ct);
        if (procedure is null) return new IntakeResult.Unprocessable($"Unknown procedure '{s.ProcedureCode}'.");
        var agency = await store.FindAgencyAsync(s.AgencyCode, ct);
        if (agency is null) return new IntakeResult.Unprocessable($"Unknown agency '{s.AgencyCode}'.");
        if (procedure.AgencyCode != agency.Code)
            return new IntakeResult.Unprocessable($"Procedure '{procedure.Code}' is not served by agency '{agency.Code}'.");

        var documents = new List<StoredDocument>();
        var contents = new Dictionary<string, byte[]>();
        foreach (var doc in s.Documents)
        {
            var report = signatures.Validate(doc.Name, doc.Content, doc.DetachedSignature);
            var hash = Convert.ToHexStringLower(SHA256.HashData(doc.Content));
            contents[hash] = doc.Content;
            documents.Add(new StoredDocument(doc.Name, doc.MediaType, doc.Content.Length, hash, report, report.Indication != Indication.TotalPassed));
        }
        if (procedure.SignatureRule == SignatureRule.Refuse && documents.Any(d => d.Flagged))
            return new IntakeResult.Unprocessable(
                $"Procedure '{procedure.Code}' requires every document to carry a valid signature.", documents.Select(d => d.Report).ToList());

        var dueAt = dueDates.For(procedure, agency, s.ReceivedAt, s.Channel);
        var first = new StatusChange($"intake:{s.Code}", DossierStatus.Registered, null, s.ReceivedAt, null, null, null, null, null, actor);
        var dossier = new Dossier(s.Code, procedure.Code, agency.Code, procedure.VerticalSystem, s.ReceivedAt, s.Channel, s.Applicant,
            documents, dueAt, contentHash, DossierStatus.Registered, [first]);
        var outcome = await store.SaveNewDossierAsync(dossier, contents, actor, ct);
        if (!outcome.Created) return Same(outcome.Stored, contentHash);
        logger.LogInformation("Dossier {Code} received for procedure {Procedure}, {Documents} documents, {Flagged} flagged",
            dossier.Code, procedure.Code, documents.Count, documents.Count(d => d.Flagged));
        return new IntakeResult.Created(outcome.Stored);
    }

    private static IntakeResult Same(Dossier stored, string contentHash) => stored.ContentHash == contentHash
        ? new IntakeResult.AlreadyStored(stored)
        : new IntakeResult.Conflict($"Dossier '{stored.Code}' exists with other content.");
}
