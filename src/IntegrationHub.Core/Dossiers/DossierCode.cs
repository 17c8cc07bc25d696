using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// A dossier code (mã hồ sơ): <c>{agency code}-{yyMMdd or yyyyMMdd}-{NNNN}</c>, e.g. <c>000.00.25.H47-261128-0001</c>.
/// The sequence resets daily per agency. Both date widths are accepted; which one new codes use is the caller's setting.
/// </summary>
public sealed partial record DossierCode(string AgencyCode, DateOnly Date, int Sequence, int DateWidth)
{
    public override string ToString() => Format(AgencyCode, Date, Sequence, DateWidth);

    public static string Format(string agencyCode, DateOnly date, int sequence, int dateWidth = 6)
    {
        var datePart = date.ToString(dateWidth == 8 ? "yyyyMMdd" : "yyMMdd", CultureInfo.InvariantCulture);
        return $"{agencyCode}-{datePart}-{sequence.ToString("D4", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Parses a code; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryParse(string? text, out DossierCode? code, out string? error)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "the dossier code is empty"; return false; }
        if (text.Length > 64) { error = "the dossier code is longer than 64 characters"; return false; }
        var m = Shape().Match(text);
        if (!m.Success)
        {
            error = "the dossier code must look like {agency code}-{yyMMdd or yyyyMMdd}-{NNNN}, e.g. 000.00.25.H47-261128-0001";
            return false;
        }
        var agency = m.Groups["agency"].Value;
        if (!Procedures.AgencyCode.IsValid(agency)) { error = $"'{agency}' is not an agency code (000.00.xx.Hxx or Gxx)"; return false; }
        var datePart = m.Groups["date"].Value;
        var format = datePart.Length == 8 ? "yyyyMMdd" : "yyMMdd";
        if (!DateOnly.TryParseExact(datePart, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = $"'{datePart}' is not a valid date ({format})";
            return false;
        }
        var sequence = int.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture);
        if (sequence == 0) { error = "the daily sequence starts at 0001"; return false; }
        code = new DossierCode(agency, date, sequence, datePart.Length);
        error = null;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    [GeneratedRegex(@"^(?<agency>[0-9A-Za-z.]+)-(?<date>[0-9]{8}|[0-9]{6})-(?<seq>[0-9]{4,6})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
