using IntegrationHub.LongTerm;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// The augmentation engine as the job sees it: answers Unavailable while <see cref="TsaDown"/>, else Augmented with
/// the input followed by a marker of the level, and <see cref="RenewBefore"/>. Counts its calls.
/// </summary>
public sealed class FakeAugmentation : IDocumentAugmentation
{
    public volatile bool TsaDown;
    public string TsaUrl { get; set; } = "http://127.0.0.1:9/tsa";
    public DateTimeOffset? RenewBefore { get; set; }
    /// <summary>Runs after an augmentation is made and before it is returned (a crash before the store).</summary>
    public Action? AfterAugment { get; set; }
    private int _calls;
    public int Calls => _calls;
    /// <summary>What the last call was given.</summary>
    public (string Name, byte[] Document, byte[]? Detached, string Target) Last { get; private set; }

    public Task<AugmentationOutcome> AugmentAsync(string documentName, byte[] document, byte[]? detachedContent, string targetLevel, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        Last = (documentName, document, detachedContent, targetLevel);
        if (TsaDown) return Task.FromResult<AugmentationOutcome>(new AugmentationOutcome.Unavailable(Levels.Timestamp, TsaUrl, "connection refused"));
        var augmented = new AugmentationOutcome.Augmented([.. document, .. System.Text.Encoding.ASCII.GetBytes("\n+" + targetLevel)], targetLevel, RenewBefore);
        AfterAugment?.Invoke();
        return Task.FromResult<AugmentationOutcome>(augmented);
    }
}
