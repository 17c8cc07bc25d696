namespace IntegrationHub.Simulators;

/// <summary>The names of the simulated systems; they match the hub's vertical system names.</summary>
public static class SimulatedSystems
{
    public const string PlanningInvestment = "planning-investment";
    public const string Justice = "justice";
    public const string Trade = "trade";
    public const string NationalPortal = "national-portal";

    public static readonly IReadOnlyList<string> All = [PlanningInvestment, Justice, Trade, NationalPortal];
}
