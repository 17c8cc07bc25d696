using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Procedures;

/// <summary>
/// Agency codes (mã định danh cơ quan): <c>000.00.00.H47</c> a province, <c>000.00.25.H47</c> one of its
/// units, <c>G01</c> or <c>000.00.00.G10</c> a ministry. Which codes exist is data (see the seed), not code.
/// </summary>
public static partial class AgencyCode
{
    public static bool IsValid(string? code) => code is not null && Shape().IsMatch(code);

    // [0-9] and \z, not \d and $: \d also matches other scripts' digits (٠١٢, ０１２) and $ lets a final line break through.
    [GeneratedRegex(@"^([0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[HG][0-9]{2}|G[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
