using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Dossiers;

/// <summary>
/// A dossier code (mã hồ sơ): {agency code}-{yyMMdd or yyyyMMdd}-{sequence}, e.g. 000.00.25.H47-261128-0001.
/// The agency code is 000.00.00.Hxx (province), 000.xx.xx.Hxx (its units) or Gxx (ministries).
/// </summary>
public static partial class DossierCode
{
    [GeneratedRegex(@"^(?<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?<date>\d{6}|\d{8})-(?<seq>\d{4,6})$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")]
    private static partial Regex AgencyShape();

    public static bool IsAgencyCode(string? code) => code is not null && AgencyShape().IsMatch(code);

    /// <summary>Parses the code; null with a reason when it is malformed.</summary>
    public static (string Agency, DateOnly Date)? Parse(string? code, out string? error)
    {
        error = null;
        var match = code is null ? null : Shape().Match(code);
        if (match is null || !match.Success)
        {
            error = "must look like {agency}-{yyMMdd}-{NNNN}, e.g. 000.00.25.H47-261128-0001";
            return null;
        }
        var datePart = match.Groups["date"].Value;
        var format = datePart.Length == 6 ? "yyMMdd" : "yyyyMMdd";
        if (!DateOnly.TryParseExact(datePart, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = $"date part '{datePart}' is not a date";
            return null;
        }
        return (match.Groups["agency"].Value, date);
    }
}
