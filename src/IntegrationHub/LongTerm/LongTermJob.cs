using Hangfire;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.LongTerm;

/// <summary>
/// The Hangfire job for long-term outbox rows: augment each document one generation further through the engine and
/// store the result beside the original. The outbox owns the schedule as for deliveries (Delivery:RetryDelays,
/// MaxAttempts, Lease; dead letters and admin replay), so Hangfire's retry is off. A service that does not answer
/// keeps the task waiting ("timestamp@host" as its error class) behind a Polly circuit of that name, built like a
/// vertical system's (Verticals:&lt;name&gt; configures it). A crash anywhere re-runs the row when its lease ends;
/// the store's key (document, generation) keeps a second run from storing a second augmentation.
/// </summary>
public sealed class LongTermJob(
    HubStore store, IDocumentAugmentation engine, VerticalPipelines pipelines, IOptions<DeliveryOptions> delivery,
    TimeProvider time, ILogger<LongTermJob> log) : ILongTermWork
{
    /// <summary>The circuit of a task's first attempt, before any service has failed it.</summary>
    public const string FirstCircuit = "long-term";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Long-term augmentation of outbox rows {0}")]
    public async Task RunBatchAsync(long[] outboxIds, CancellationToken ct)
    {
        var rows = (await store.GetDeliveriesAsync(outboxIds, ct))
            .Where(d => d.VerticalSystem == LongTermTarget.Name && d.State is DeliveryState.Pending or DeliveryState.Retrying);
        foreach (var row in rows)
        {
            try { await RunOneAsync(row, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(ex, "Long-term task {Id} of {Code} failed unexpectedly; it comes back when its lease runs out", row.Id, row.DossierCode);
            }
        }
    }

    private async Task RunOneAsync(Core.Ports.Delivery row, CancellationToken ct)
    {
        if (LongTermTasks.Read(row.Payload) is not { } task)
        {
            await store.MarkDeadAsync(row.Id, "not a long-term task", ErrorClasses.Validation, ct);
            return;
        }
        var levels = (await store.GetDocumentLevelsAsync(row.DossierCode, ct)).Where(l => l.Position == task.Position).ToList();
        if (levels.Any(l => l.Generation >= task.Generation))
        {
            // A stale or repeated job: the level is already stored.
            await store.MarkDeliveredAsync(row.Id, ct);
            return;
        }
        var input = await InputAsync(row.DossierCode, task, levels, ct);
        if (input is null)
        {
            await store.MarkDeadAsync(row.Id, $"document {task.Position} or its generation {task.Generation - 1} is not stored", ErrorClasses.NotFound, ct);
            return;
        }
        var target = Levels.ForGeneration(task.Generation);
        var circuit = LongTermTasks.WaitingFor(row.ErrorClass) is null ? FirstCircuit : row.ErrorClass!;
        AugmentationOutcome outcome;
        try
        {
            outcome = (await pipelines.For(circuit).ExecuteAsync(
                async t => new Attempt(await engine.AugmentAsync(input.Value.Name, input.Value.Document, input.Value.Detached, target, t)), ct)).Outcome;
        }
        catch (BrokenCircuitException)
        {
            // No attempt spent: the row stays leased and comes back when the lease runs out (as a delivery does).
            log.LogInformation("Circuit {Circuit} open; long-term task {Id} waits", circuit, row.Id);
            return;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException)
        {
            outcome = new AugmentationOutcome.Unavailable(Levels.Timestamp, circuit, ex.Message);
        }

        switch (outcome)
        {
            case AugmentationOutcome.Augmented a:
                var stored = await store.StoreAugmentedAsync(row.Id, row.DossierCode, task.Position, a.Level, task.Generation, a.Document, a.RenewBefore, ct);
                log.LogInformation("Document {Position} of {Code} augmented to {Level}{Again}", task.Position, row.DossierCode, a.Level, stored ? "" : " (already stored)");
                break;
            case AugmentationOutcome.Unavailable u:
                var attempts = row.Attempts + 1;
                var error = $"{u.Service} {u.Url} did not answer: {u.Reason}";
                if (attempts >= delivery.Value.MaxAttempts) await store.MarkDeadAsync(row.Id, error, LongTermTasks.WaitingClass(u), ct);
                else await store.MarkFailedAsync(row.Id, error, LongTermTasks.WaitingClass(u), time.GetUtcNow() + delivery.Value.DelayAfter(attempts), ct);
                break;
            case AugmentationOutcome.Refused r:
                await store.MarkDeadAsync(row.Id, r.Reason, ErrorClasses.Validation, ct);
                break;
        }
    }

    /// <summary>Generation 0 starts from the document as received; a later one from the previous generation's result.</summary>
    private async Task<(string Name, byte[] Document, byte[]? Detached)?> InputAsync(
        string code, LongTermPayload task, IReadOnlyList<DocumentLevel> levels, CancellationToken ct)
    {
        var dossier = await store.GetAsync(code, ct);
        if (dossier is null || task.Position < 0 || task.Position >= dossier.Documents.Count) return null;
        var doc = dossier.Documents[task.Position];
        var content = await store.GetDocumentContentAsync(doc.Sha256, ct);
        if (content is null) return null;
        // A detached signature is the signed document; its content goes beside it.
        var (signed, detached) = doc.DetachedSignatureSha256 is { } d && await store.GetDocumentContentAsync(d, ct) is { } signature
            ? (signature, content) : (content, (byte[]?)null);
        if (task.Generation == 0) return (doc.Name, signed, detached);
        var previous = levels.FirstOrDefault(l => l.Generation == task.Generation - 1);
        if (previous is null || await store.GetDocumentContentAsync(previous.Sha256, ct) is not { } earlier) return null;
        return (doc.Name, earlier, detached);
    }

    /// <summary>The outcome as the pipeline judges it: Unavailable is transient (retried and counted by the circuit).</summary>
    private sealed record Attempt(AugmentationOutcome Outcome) : IClassifiedResult
    {
        public FailureClass FailureClass => Outcome is AugmentationOutcome.Unavailable ? FailureClass.Transient : FailureClass.None;
    }
}
