using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// The report of `hub certs validate`: the same words as the signature report (indication, subIndication,
/// errors, warnings) plus the path, target first and anchor last.
/// </summary>
public sealed record PathValidationReport(
    string File,
    DateTimeOffset ValidationTime,
    string Indication,
    string? SubIndication,
    IReadOnlyList<ChainElement> Chain,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Vietnamese names stay readable (Trần, not \u1EA7); the output is a file, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PathValidationReport From(string file, DateTimeOffset at, PathValidationResult result) => new(
        file, at, result.Indication, result.SubIndication, result.Chain.Select(ChainElement.From).ToList(),
        result.RevokedAt, result.Errors, result.Warnings);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{File}: {Indication}{(SubIndication is null ? "" : " / " + SubIndication)} at {ValidationTime:O}\n");
        for (var i = 0; i < Chain.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"  [{i}] {Chain[i].Subject} (serial {Chain[i].SerialNumber}, until {Chain[i].NotAfter:yyyy-MM-dd})\n");
        foreach (var error in Errors) text.Append("  error: ").Append(error).Append('\n');
        foreach (var warning in Warnings) text.Append("  warning: ").Append(warning).Append('\n');
        return text.ToString();
    }
}

public sealed record ChainElement(
    string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    public static ChainElement From(X509Certificate2 certificate) => new(
        certificate.Subject, certificate.Issuer, certificate.SerialNumber,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)));
}
