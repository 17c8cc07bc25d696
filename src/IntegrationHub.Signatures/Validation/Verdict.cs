namespace IntegrationHub.Signatures.Validation;

/// <summary>An indication with its sub-indication, and the "worst of" order used to combine them.</summary>
public readonly record struct Verdict(string Indication, string? SubIndication)
{
    public static readonly Verdict Passed = new(Validation.Indication.TotalPassed, null);

    public bool IsPassed => Indication == Validation.Indication.TotalPassed;

    /// <summary>TOTAL_FAILED is worse than INDETERMINATE, which is worse than TOTAL_PASSED.</summary>
    public static int Severity(string indication) => indication switch
    {
        Validation.Indication.TotalFailed => 2,
        Validation.Indication.Indeterminate => 1,
        _ => 0,
    };

    public static Verdict Failed(string sub) => new(Validation.Indication.TotalFailed, sub);
    public static Verdict Indeterminate(string sub) => new(Validation.Indication.Indeterminate, sub);
}
