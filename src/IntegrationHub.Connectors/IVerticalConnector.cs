using IntegrationHub.Connectors.Messages;

namespace IntegrationHub.Connectors;

/// <summary>Delivers dossier messages to one vertical system. Never throws for a remote failure: it classifies it.</summary>
public interface IVerticalConnector
{
    /// <summary>planning-investment, justice, trade or national-portal.</summary>
    string System { get; }

    Task<DeliveryOutcome> DeliverAsync(DossierMessage message, CancellationToken ct);
}

/// <summary>A system whose statuses the hub polls.</summary>
public interface IStatusPuller
{
    string System { get; }

    Task<PulledStatus> PullStatusAsync(string dossierCode, CancellationToken ct);
}
