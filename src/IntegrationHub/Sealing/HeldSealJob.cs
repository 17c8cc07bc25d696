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
/// Held augmentations (kind "augment", <see cref="HeldAugmentation"/>) are worked the same way, each through the
/// circuit of the service it waits for; a later attempt may find another service down, and the row then names it.
/// </summary>
public sealed class HeldSealJob(
    HubStore store, AgencySeal seal, HeldAugmentation augmentation, IOptions<SealingOptions> options, TimeProvider time, ILogger<HeldSealJob> log)
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
        if (held.Kind == HeldKinds.Augment) return await RunAugmentationAsync(held, o, ct);
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
            await FailAsync(held, e.Message, o, ct);
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

    private async Task<bool> RunAugmentationAsync(HeldSeal held, SealingOptions o, CancellationToken ct)
    {
        switch (await augmentation.RetryAsync(held, ct))
        {
            case null:
                log.LogInformation("Held augmentation {Id} waits: the circuit {Circuit} is open", held.Id, HeldAugmentation.CircuitOf(held.Step, held.TsaUrl));
                return false;
            case AugmentAttempt.Done d:
                var completed = await store.CompleteHeldSealAsync(held.Id, d.Result.Document, ct);
                if (completed) log.LogInformation("Held augmentation {Id} to {Target} finished after {Attempts} attempts", held.Id, held.Mode, held.Attempts + 1);
                return completed;
            case AugmentAttempt.Unanswered u:
                await FailAsync(held, $"{u.Service} {u.Url} did not answer: {u.Reason}", o, ct, u.Service, u.Url);
                return false;
            case AugmentAttempt.Refused r:
                // The same input would meet the same refusal (revoked, not valid...): a dead letter at once, with the reason.
                await store.FailHeldSealAsync(held.Id, $"The signature cannot be augmented: {r.Error.Reason}: {r.Error.Message}", null, ct);
                return false;
            case var other:
                throw new InvalidOperationException($"Unknown attempt {other}");
        }
    }

    /// <summary>One attempt spent: the row waits Sealing:RetryDelays, or is a dead letter after Sealing:MaxAttempts.</summary>
    private async Task FailAsync(HeldSeal held, string reason, SealingOptions o, CancellationToken ct, string? step = null, string? serviceUrl = null)
    {
        var attempts = held.Attempts + 1;
        DateTimeOffset? retryAt = attempts >= o.MaxAttempts ? null : time.GetUtcNow() + o.DelayAfter(attempts);
        await store.FailHeldSealAsync(held.Id, reason, retryAt, ct, step, serviceUrl);
        if (retryAt is null) log.LogError("Held {Kind} {Id} is a dead letter after {Attempts} attempts: {Reason}", held.Kind, held.Id, attempts, reason);
        else log.LogWarning("Held {Kind} {Id} attempt {Attempts} failed, next at {RetryAt}: {Reason}", held.Kind, held.Id, attempts, retryAt, reason);
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
