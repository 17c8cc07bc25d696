using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Demo;

/// <summary>
/// Codes for the live demo dossiers: per agency and day from <paramref name="first"/> (codes below stay free for people
/// trying the API; the history only uses days before the first start). A code already in the store is skipped, so a
/// restart on the same day goes on where the last run stopped. Past <paramref name="last"/> the agency's day is
/// exhausted: null, and no more codes for it that day.
/// </summary>
public sealed class DemoCodes(IDossierStore store, int first = DemoOptions.FirstLiveSequence, int last = DemoOptions.LastSequence)
{
    private readonly Dictionary<(string Agency, DateOnly Day), int> next = [];
    private readonly HashSet<(string, DateOnly)> exhausted = [];
    private readonly Lock gate = new();

    public bool IsExhausted(string agency, DateOnly day) { lock (gate) return exhausted.Contains((agency, day)); }

    public async Task<string?> NextAsync(string agency, DateOnly day, CancellationToken ct)
    {
        int sequence;
        lock (gate)
        {
            if (exhausted.Contains((agency, day))) return null;
            foreach (var old in next.Keys.Where(k => k.Day < day).ToList()) next.Remove(old);
            sequence = next.GetValueOrDefault((agency, day), first);
        }
        while (sequence <= last)
        {
            var code = DossierCode.Format(agency, day, sequence++);
            if (await store.GetAsync(code, ct) is not null) continue;
            lock (gate) next[(agency, day)] = sequence;
            return code;
        }
        lock (gate) exhausted.Add((agency, day));
        return null;
    }
}
