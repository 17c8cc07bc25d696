using IntegrationHub.Extensions;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Dossiers;

/// <summary>A document after decoding: name, media type, content and optional detached signature.</summary>
public sealed record DecodedDocument(string Name, string MediaType, byte[] Content, byte[]? DetachedSignature);

/// <summary>A submission whose every field has been checked and parsed.</summary>
public sealed record ValidSubmission(
    string Code, string ProcedureCode, string AgencyCode, DateTimeOffset ReceivedAt, SubmissionChannel Channel,
    Applicant Applicant, IReadOnlyList<DecodedDocument> Documents);

/// <summary>The outcome of checking a submission's shape: errors per field (400), a size breach (413), or the parsed submission.</summary>
public sealed record SubmissionCheck(ValidSubmission? Submission, Dictionary<string, string[]> Errors, string? TooLarge);

/// <summary>Checks the fields of a submission that need no store: formats, base64, sizes.</summary>
public static partial class SubmissionValidator
{

    // [0-9] and \z, not \d and $: \d also matches other scripts' digits (٠١٢, ０１２) and $ lets a final line break through.
    [GeneratedRegex(@"^([0-9]{9}|[0-9]{12})\z")] private static partial Regex IdNumber();
    [GeneratedRegex(@"^\+?[0-9 .\-]{6,20}\z")] private static partial Regex Phone();
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")] private static partial Regex Email();
    [GeneratedRegex(@"^[0-9]\.[0-9]{6}\z")] private static partial Regex ProcedureCode();
    [GeneratedRegex(@"^[a-z0-9.+\-]+/[a-z0-9.+\-]+\z")] private static partial Regex MediaType();

    public static SubmissionCheck Check(DossierSubmission s, LimitsOptions limits, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) =>
            (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (!DossierCode.TryParse(s.Code, out var code, out var codeError)) Add("code", codeError!);
        if (!AgencyCode.IsValid(s.AgencyCode)) Add("agencyCode", "must be an agency code such as 000.00.25.H47");
        else if (code is not null && code.AgencyCode != s.AgencyCode) Add("code", $"agency prefix '{code.AgencyCode}' differs from agencyCode '{s.AgencyCode}'");
        if (s.ProcedureCode is null || !ProcedureCode().IsMatch(s.ProcedureCode)) Add("procedureCode", "must look like 1.001612");

        if (!Instants.TryParse(s.ReceivedAt, out var receivedAt)) Add("receivedAt", "must be an ISO-8601 time with its offset, e.g. 2026-11-28T09:30:00+07:00");
        else if (receivedAt > now.AddMinutes(5)) Add("receivedAt", "is in the future");
        if (!SubmissionChannels.TryParse(s.Channel, out var channel)) Add("channel", "must be online, counter or postal");

        if (s.Applicant is null) Add("applicant", "is required");
        else
        {
            if (string.IsNullOrWhiteSpace(s.Applicant.Name) || s.Applicant.Name.Length > 200) Add("applicant.name", "is required (at most 200 characters)");
            if (s.Applicant.IdNumber is not null && !IdNumber().IsMatch(s.Applicant.IdNumber)) Add("applicant.idNumber", "must be 12 digits (CCCD) or 9 digits (CMND)");
            if (s.Applicant.Phone is not null && !Phone().IsMatch(s.Applicant.Phone)) Add("applicant.phone", "is not a phone number");
            if (s.Applicant.Email is not null && !Email().IsMatch(s.Applicant.Email)) Add("applicant.email", "is not an e-mail address");
        }

        var documents = new List<DecodedDocument>();
        string? tooLarge = null;
        long total = 0;
        if (s.Documents is null || s.Documents.Count == 0) Add("documents", "at least one document is required");
        else
        {
            for (var i = 0; i < s.Documents.Count; i++)
            {
                var doc = DecodeDocument(s.Documents[i], $"documents[{i}]", limits, Add, ref tooLarge);
                if (doc is null) continue;
                documents.Add(doc);
                total += doc.Content.Length + (doc.DetachedSignature?.Length ?? 0);
            }
            if (total > limits.MaxDossierBytes) tooLarge ??= $"The documents total {total} bytes; the limit is {limits.MaxDossierBytes}.";
        }

        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        if (result.Count > 0 || tooLarge is not null) return new SubmissionCheck(null, result, tooLarge);
        var applicant = new Applicant(s.Applicant!.Name!.Trim(), s.Applicant.IdNumber, s.Applicant.Phone, s.Applicant.Email);
        return new SubmissionCheck(new ValidSubmission(s.Code!, s.ProcedureCode!, s.AgencyCode!, receivedAt, channel, applicant, documents), result, null);
    }

    /// <summary>Checks and decodes one document (also a result document of an event).</summary>
    public static DecodedDocument? DecodeDocument(DocumentDto? d, string field, LimitsOptions limits, Action<string, string> add, ref string? tooLarge)
    {
        if (d is null) { add(field, "is required"); return null; }
        var ok = true;
        if (DocumentNames.Problem(d.Name) is { } nameProblem) { add($"{field}.name", nameProblem); ok = false; }
        if (d.MediaType is null || !MediaType().IsMatch(d.MediaType)) { add($"{field}.mediaType", "must be a media type such as application/pdf"); ok = false; }
        var content = Decode(d.Content, $"{field}.content", limits, add, ref tooLarge, required: true);
        var detached = Decode(d.DetachedSignature, $"{field}.detachedSignature", limits, add, ref tooLarge, required: false);
        if (!ok || content is null || (d.DetachedSignature is not null && detached is null)) return null;
        return new DecodedDocument(d.Name!, d.MediaType!, content, detached);
    }

    private static byte[]? Decode(Base64Bytes? base64, string field, LimitsOptions limits, Action<string, string> add, ref string? tooLarge, bool required)
    {
        if (base64 is null) { if (required) add(field, "is required (base64)"); return null; }
        // The request body limit bounds what was decoded while binding; the per-document limit is checked here.
        if (base64.EncodedLength / 4 * 3 > limits.MaxDocumentBytes + 2 || base64.Bytes?.LongLength > limits.MaxDocumentBytes)
        {
            tooLarge ??= $"{field} is larger than the limit of {limits.MaxDocumentBytes} bytes per document.";
            return null;
        }
        if (base64.Bytes is not { Length: > 0 } bytes)
        {
            add(field, "is not valid, non-empty base64");
            return null;
        }
        return bytes;
    }
}
