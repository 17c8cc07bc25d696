using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>Which dictionaries of the current revision are taken for signatures, and which are not.</summary>
public sealed class PdfSignatureLocatorMutationTests
{
    private static List<PdfSignatureDictionary> Find(params (int Number, string? Body, byte[]? Stream)[] objects) =>
        PdfSignatureLocator.Find(PdfFile.Open(new MemoryStream(MiniPdf.AppendUpdate(MiniPdf.Classic(), null, objects))));

    [Fact]
    public void Sig_and_DocTimeStamp_dictionaries_and_ByteRange_with_Contents_are_signatures_in_object_order()
    {
        var found = Find(
            (12, "<</ByteRange [0 1 2 3] /Contents <00>>>", null),
            (9, "<</Type /DocTimeStamp>>", null),
            (8, "<</Type /Sig>>", null));

        Assert.Equal([8, 9, 12], found.Select(f => f.ObjectNumber));
        Assert.All(found, f => Assert.False(f.InObjectStream));
        Assert.True(found[0].Dict.Is("Type", "Sig"));
    }

    [Theory]
    [InlineData("<</ByteRange [0 1 2 3]>>")]                 // no /Contents
    [InlineData("<</ByteRange [0 1 2 3] /Contents 5>>")]     // /Contents not a string
    [InlineData("<</ByteRange 5 /Contents <00>>>")]          // /ByteRange not an array
    [InlineData("<</Contents <00>>>")]
    [InlineData("<</Type /Annot>>")]
    [InlineData("<</FT /Sig>>")]                              // an unsigned field
    [InlineData("<</FT /Sig /V 8 0 R>>")]                     // its value elsewhere: found there, not here
    [InlineData("<</FT /Tx /V <</Type /Sig>>>>")]             // not a signature field
    [InlineData("<</FT /Sig /V <</Type /Annot>>>>")]          // a value that is not a signature
    [InlineData("[<</Type /Sig>>]")]
    public void Other_objects_are_not_signatures(string body)
    {
        Assert.DoesNotContain(Find((20, body, null)), f => f.ObjectNumber == 20);
    }

    [Fact]
    public void A_signature_fields_direct_value_is_found_under_the_fields_number()
    {
        var found = Assert.Single(Find((20, "<</FT /Sig /T (sig1) /V <</Type /Sig /Name (Tran)>>>>", null)));

        Assert.Equal(20, found.ObjectNumber);
        Assert.Equal("Tran", ((PdfString)found.Dict["Name"]!).AsText());
    }

    [Fact]
    public void A_signature_dictionary_that_is_also_a_field_is_found_once()
    {
        var found = Assert.Single(Find((20, "<</Type /Sig /FT /Sig /V <</Type /Sig>>>>", null)));
        Assert.Equal("Sig", found.Dict.NameOf("FT")); // the dictionary itself, not its /V
    }

    [Fact]
    public void Freed_and_unreadable_objects_are_skipped()
    {
        var pdf = MiniPdf.AppendUpdate(MiniPdf.Classic(), null, (8, "<</Type /Sig>>", null), (9, "<</Type /Sig>>", null));
        var freed = MiniPdf.AppendUpdate(pdf, null, (8, null, null));
        Assert.Equal([9], PdfSignatureLocator.Find(PdfFile.Open(new MemoryStream(freed))).Select(f => f.ObjectNumber));

        // Object 9 re-pointed at garbage: skipped, the rest still found.
        var broken = MiniPdf.AppendUpdate(pdf, null, (10, "<</Type /Sig>>", null));
        var file = PdfFile.Open(new MemoryStream(Corrupt(broken, "9 0 obj")));
        Assert.Equal([8, 10], PdfSignatureLocator.Find(file).Select(f => f.ObjectNumber));
    }

    /// <summary>Overwrites an object's header, so its cross-reference entry points at bytes that are not that object.</summary>
    private static byte[] Corrupt(byte[] pdf, string header)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var at = text.LastIndexOf(header, StringComparison.Ordinal);
        var copy = (byte[])pdf.Clone();
        for (var i = 0; i < header.Length; i++) copy[at + i] = (byte)'#';
        return copy;
    }
}
