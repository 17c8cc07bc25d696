using System.Text;

namespace IntegrationHub.Signatures.Validation;

/// <summary>The short human form of a report, for `hub verify --format text`.</summary>
public static class ReportText
{
    public static string Format(ValidationReport report)
    {
        var text = new StringBuilder();
        text.Append(report.File).Append(": ").Append(report.Format).Append(' ').Append(report.Indication);
        if (report.SubIndication is not null) text.Append(" / ").Append(report.SubIndication);
        text.AppendLine();
        foreach (var error in report.Errors ?? []) text.Append("  error: ").AppendLine(error);
        foreach (var s in report.Signatures)
        {
            text.Append("  ").Append(s.Id).Append(' ').Append(s.Indication);
            if (s.SubIndication is not null) text.Append(" / ").Append(s.SubIndication);
            text.Append(" (").Append(s.Level ?? "?").Append(", ").Append(s.SignatureAlgorithm).Append(" with ").Append(s.DigestAlgorithm).AppendLine(")");
            if (s.Signer is { } signer) text.Append("    signer: ").AppendLine(signer.Subject);
            if (s.SigningTime is { } claimed) text.Append("    claimed signing time: ").AppendLine(claimed.ToString("O"));
            if (s.BestSignatureTime is { } best) text.Append("    best signature time: ").AppendLine(best.ToString("O"));
            foreach (var ts in s.Timestamps)
                text.Append("    timestamp: ").Append(ts.GenerationTime.ToString("O")).Append(' ').Append(ts.Indication)
                    .Append(ts.SubIndication is null ? "" : " / " + ts.SubIndication).Append(ts.Tsa is null ? "" : " by " + ts.Tsa).AppendLine();
            foreach (var error in s.Errors) text.Append("    error: ").AppendLine(error);
            foreach (var warning in s.Warnings) text.Append("    warning: ").AppendLine(warning);
        }
        return text.ToString();
    }
}
