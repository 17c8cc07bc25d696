using IntegrationHub.Signatures.Augmentation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>The augmenters by format word (survivors of the mutation run on Signatures/Augmentation).</summary>
public sealed class FormatAugmentersMutationTests
{
    [Fact]
    public void Each_format_word_finds_its_augmenter_and_nothing_else_finds_one()
    {
        Assert.Equal(["CADES", "PADES", "XADES"], FormatAugmenters.All.Select(a => a.Format));
        foreach (var format in new[] { "CADES", "PADES", "XADES" })
            Assert.Equal(format, FormatAugmenters.Find(format)?.Format);
        Assert.Null(FormatAugmenters.Find("cades"));
        Assert.Null(FormatAugmenters.Find("CMS"));
    }

    [Fact]
    public void A_given_list_is_searched_instead_of_the_registered_one()
    {
        IReadOnlyList<IFormatAugmenter> onlyCades = [FormatAugmenters.All[0]];
        Assert.Same(onlyCades[0], FormatAugmenters.Find("CADES", onlyCades));
        Assert.Null(FormatAugmenters.Find("PADES", onlyCades));
        Assert.Null(FormatAugmenters.Find("CADES", []));
    }
}
