using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// The hash that decides whether a repeated submission is "the same payload" (200) or "other content" (409).
/// It covers what the submitter sent (code, procedure, agency, received instant, channel, applicant,
/// each document's name, media type and content hash) and nothing the hub computed (due date, reports).
/// </summary>
public static class SubmissionFingerprint
{
    public static string Compute(NewDossier dossier)
    {
        var fields = new List<string?>
        {
            "v1", dossier.Code, dossier.ProcedureCode, dossier.AgencyCode,
            dossier.ReceivedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            dossier.Channel.ToWire(), dossier.Applicant.Name, dossier.Applicant.IdNumber,
            dossier.Applicant.Phone, dossier.Applicant.Email,
        };
        foreach (var d in dossier.Documents)
        {
            fields.Add(d.Name);
            fields.Add(d.MediaType);
            fields.Add(d.Sha256);
            fields.Add(d.DetachedSignatureSha256);
        }
        // A JSON array is an unambiguous encoding of the field list (no separator games).
        return Sha256Hex(JsonSerializer.SerializeToUtf8Bytes(fields));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
