using System.Collections.Concurrent;
using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Progress;
using IntegrationHub.Simulators.Recording;

namespace IntegrationHub.Simulators;

/// <summary>One simulated system: its faults, what it received, and where its dossiers stand.</summary>
public sealed class SystemState(string name, FaultInjector faults, DossierProgress progress)
{
    public string Name { get; } = name;
    public FaultInjector Faults { get; } = faults;
    public Ledger Ledger { get; } = new();
    public DossierProgress Progress { get; } = progress;

    /// <summary>Trade's issued bearer tokens and when they expire.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Tokens { get; } = new(StringComparer.Ordinal);
    private long _tokensIssued;
    public long TokensIssued => Interlocked.Read(ref _tokensIssued);
    public void CountToken() => Interlocked.Increment(ref _tokensIssued);

    public SystemStats Stats() => new(Name, Faults.Calls, Ledger.Count, Ledger.Duplicates, Ledger.Requests,
        Progress.Pushed, Progress.PushFailures, TokensIssued);
}

public sealed record SystemStats(string System, long Calls, int Received, long Duplicates, long Requests,
    long StatusPushes, long StatusPushFailures, long TokensIssued);
