using IntegrationHub.Signatures.Augmentation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The augmenter's answer cache (survivors of the mutation run on Signatures/Augmentation): an answer is reused until,
/// not at, its nextUpdate; one without nextUpdate is not kept; past the bound the cache starts over rather than grow.
/// </summary>
public sealed class RevocationAnswerCacheMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly (byte[]? Crl, byte[]? Ocsp) Answer = ([1, 2], null);

    [Fact]
    public void An_answer_is_found_until_its_nextUpdate_and_not_at_it()
    {
        var cache = new RevocationAnswerCache();
        cache.Add("leaf/ca", Answer, Now.AddHours(1));
        Assert.Equal(Answer, cache.Find("leaf/ca", Now.AddHours(1).AddTicks(-1)));
        Assert.Null(cache.Find("leaf/ca", Now.AddHours(1)));
        Assert.Null(cache.Find("other/ca", Now));
    }

    [Fact]
    public void An_answer_without_nextUpdate_is_not_kept()
    {
        var cache = new RevocationAnswerCache();
        cache.Add("leaf/ca", Answer, null);
        Assert.Null(cache.Find("leaf/ca", Now));
    }

    [Fact]
    public void Past_ten_thousand_answers_the_cache_starts_over_and_keeps_the_newest()
    {
        var cache = new RevocationAnswerCache();
        for (var i = 0; i < 10_000; i++) cache.Add($"k{i}", Answer, Now.AddHours(1));
        Assert.Equal(Answer, cache.Find("k0", Now));
        Assert.Equal(Answer, cache.Find("k9999", Now));

        cache.Add("k10000", Answer, Now.AddHours(1));
        Assert.Null(cache.Find("k0", Now));
        Assert.Equal(Answer, cache.Find("k10000", Now));

        // The count started over too (a rough count: the answer that triggered it is not in it).
        for (var i = 10_001; i <= 20_000; i++) cache.Add($"k{i}", Answer, Now.AddHours(1));
        Assert.Equal(Answer, cache.Find("k10000", Now));
        cache.Add("k20001", Answer, Now.AddHours(1));
        Assert.Null(cache.Find("k10000", Now));
    }
}
