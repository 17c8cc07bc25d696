namespace IntegrationHub.Connectors;

/// <summary>Names of the systems the hub delivers to (the procedure tables name them).</summary>
public static class VerticalSystems
{
    public const string PlanningInvestment = "planning-investment";
    public const string Justice = "justice";
    public const string Trade = "trade";
    public const string NationalPortal = "national-portal";

    public static readonly IReadOnlyList<string> All = [PlanningInvestment, Justice, Trade, NationalPortal];
}
