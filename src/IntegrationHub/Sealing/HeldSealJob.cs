using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Sealing;

/// <summary>
/// Finishes held seals (see <see cref="AgencySeal"/>): claims the due ones with a lease, asks the TSA through its
/// circuit, stores the B-T result. A TSA that does not answer spends an attempt and the seal waits Sealing:RetryDelays;
/// after Sealing:MaxAttempts it is a dead letter an admin can replay. An open circuit spends nothing: the seal comes
/// back when its lease runs out, as a delivery does. A crash anywhere gives the seal back when its lease runs out.
/// </summary>
public sealed class HeldSealJob(HubStore store, AgencySeal seal, IOptions<SealingOptions> options, TimeProvider time, ILogger<HeldSealJob> log)
{
    /// <summary>One pass over the due seals; returns how many it finished.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var finished = 0;
        foreach (var held in await store.ClaimDueHeldSealsAsync(o.BatchSize, o.Lease, ct))
        {
            try
            {
                if (await RunOneAsync(held, o, ct)) finished++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(ex, "Held seal {Id} failed unexpectedly; it comes back when its lease runs out", held.Id);
            }
        }
        return finished;
    }

    private async Task<bool> RunOneAsync(HeldSeal held, SealingOptions o, CancellationToken ct)
    {
        byte[] result;
        try
        {
            result = await seal.FinishAsync(held, ct);
        }
        catch (TimestampUnavailableException e) when (e.CircuitOpen)
        {
            log.LogInformation("Held seal {Id} waits: {Reason}", held.Id, e.Message);
            return false;
        }
        catch (Exception e) when (e is TimestampUnavailableException or Pkcs11KeyException)
        {
            // The TSA did not answer, or (for a re-seal) the HSM key is not usable now: both may come back.
            var attempts = held.Attempts + 1;
            DateTimeOffset? retryAt = attempts >= o.MaxAttempts ? null : time.GetUtcNow() + o.DelayAfter(attempts);
            await store.FailHeldSealAsync(held.Id, e.Message, retryAt, ct);
            if (retryAt is null) log.LogError("Held seal {Id} is a dead letter after {Attempts} attempts: {Reason}", held.Id, attempts, e.Message);
            else log.LogWarning("Held seal {Id} attempt {Attempts} failed, next at {RetryAt}: {Reason}", held.Id, attempts, retryAt, e.Message);
            return false;
        }
        catch (SignatureFormatException e)
        {
            // Not the TSA's fault and not going to change: a dead letter at once, with the reason.
            await store.FailHeldSealAsync(held.Id, $"The document cannot be sealed: {e.Message}", null, ct);
            return false;
        }
        var completed = await store.CompleteHeldSealAsync(held.Id, result, ct);
        if (completed) log.LogInformation("Held seal {Id} ({Mode}) finished after {Attempts} attempts", held.Id, held.Mode, held.Attempts + 1);
        return completed;
    }
}

/// <summary>Runs <see cref="HeldSealJob"/> every Sealing:PollInterval (on the injected clock) while the host runs, when Sealing:Worker.</summary>
public sealed class HeldSealWorker(HeldSealJob job, IOptions<SealingOptions> options, TimeProvider time, ILogger<HeldSealWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await job.RunDueAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be briefly unavailable; the next pass tries again.
                log.LogError(ex, "The held-seal pass failed");
            }
            try { await Task.Delay(options.Value.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
