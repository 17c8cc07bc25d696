using IntegrationHub.Signatures.Augmentation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>The augmenters by format word (survivors of the mutation run on Signatures/Augmentation).</summary>
public sealed class FormatAugmentersMutationTests
{
    [Fact]
    public void Each_format_word_finds_its_augmenter_and_nothing_else_finds_one()
    {
        var all = FormatAugmenters.For(TimeProvider.System);
        Assert.Equal(["CADES", "PADES", "XADES"], all.Select(a => a.Format));
        foreach (var format in new[] { "CADES", "PADES", "XADES" })
            Assert.Equal(format, FormatAugmenters.Find(format, all)?.Format);
        Assert.Null(FormatAugmenters.Find("cades", all));
        Assert.Null(FormatAugmenters.Find("CMS", all));
    }

    [Fact]
    public void Only_the_given_list_is_searched()
    {
        IReadOnlyList<IFormatAugmenter> onlyCades = [FormatAugmenters.For(TimeProvider.System)[0]];
        Assert.Same(onlyCades[0], FormatAugmenters.Find("CADES", onlyCades));
        Assert.Null(FormatAugmenters.Find("PADES", onlyCades));
        Assert.Null(FormatAugmenters.Find("CADES", []));
    }
}
