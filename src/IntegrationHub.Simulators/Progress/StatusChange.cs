namespace IntegrationHub.Simulators.Progress;

/// <summary>A status a simulated system gave a dossier, in the system's own vocabulary.</summary>
public sealed record StatusChange(
    string DossierCode, int Step, string SystemStatus, DateTimeOffset At,
    string OfficialName, string OfficialTitle, string Unit, string? Note, DateTimeOffset? StepDueAt)
{
    /// <summary>Stable per dossier and step, so the hub can drop a repeated push.</summary>
    public string EventId(string systemPrefix) => $"{systemPrefix}-{DossierCode}-{Step}";
}

/// <summary>Sends a status change to the hub; true when the hub took it.</summary>
public delegate Task<bool> StatusNotifier(StatusChange change, CancellationToken ct);
