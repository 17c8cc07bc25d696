using Hangfire;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>Where a pulled status goes: the host applies it like a status event from that system.</summary>
public interface IPulledStatusSink
{
    Task ApplyAsync(string system, string dossierCode, PulledStatus status, CancellationToken ct);
}

/// <summary>
/// The recurring job for systems that do not call back (planning-investment): for every dossier delivered to
/// such a system and not finished yet, read its status and hand it to the sink when it changed.
/// </summary>
public sealed class StatusPullJob(IOutboxStore outbox, IDossierStore dossiers, ConnectorCatalog connectors,
    IPulledStatusSink sink, ILogger<StatusPullJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var puller in connectors.Pullers)
        {
            var pulled = 0;
            for (var offset = 0; ; offset += 500)
            {
                var page = await outbox.ListDeliveriesAsync(new DeliveryQuery(DeliveryState.Delivered, puller.System, Offset: offset, Limit: 500), ct);
                foreach (var code in page.Items.Select(d => d.DossierCode).Distinct())
                {
                    var dossier = await dossiers.GetAsync(code, ct);
                    if (dossier is null || dossier.Status is DossierStatus.ResultReturned or DossierStatus.Refused
                        or DossierStatus.Withdrawn or DossierStatus.Stopped) continue;
                    var status = await puller.PullStatusAsync(code, ct);
                    if (!status.Found || status.NationalStatus is null || status.NationalStatus == (int)dossier.Status) continue;
                    await sink.ApplyAsync(puller.System, code, status, ct);
                    pulled++;
                }
                if (page.Items.Count < 500) break;
            }
            log.LogInformation("Pulled {Count} status changes from {System}", pulled, puller.System);
        }
    }
}
