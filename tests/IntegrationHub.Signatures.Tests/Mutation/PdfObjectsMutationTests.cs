using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The canonical text of PDF objects, which the revision check compares across revisions: two objects that differ
/// must write differently (or a shadow edit hides), and two that are the same must write the same.
/// </summary>
public sealed class PdfObjectsMutationTests
{
    [Fact]
    public void Scalars_write_their_PDF_syntax()
    {
        Assert.Equal("null", PdfNull.Instance.ToString());
        Assert.Equal("true", new PdfBool(true).ToString());
        Assert.Equal("false", new PdfBool(false).ToString());
        Assert.Equal("-0.50", new PdfNumber("-0.50").ToString()); // the source text, not a reformatted value
        Assert.Equal("12 3 R", new PdfRef(12, 3).ToString());
        Assert.Equal("<00FF41>", new PdfString([0x00, 0xFF, 0x41], hex: false, 0, 0).ToString());
        Assert.Equal("AÿÁ", new PdfString([0x41, 0xFF, 0xC1], hex: true, 0, 0).AsText()); // Latin-1, byte for character
    }

    [Theory]
    [InlineData("Type", "/Type")]
    [InlineData("A B", "/A#20B")]
    [InlineData("a#b", "/a#23b")]
    [InlineData("()<>[]{}/%", "/#28#29#3C#3E#5B#5D#7B#7D#2F#25")]
    [InlineData("~!", "/~!")]
    [InlineData("\u007f", "/#7F")]
    [InlineData("\u0021", "/!")]
    [InlineData("\u0020", "/#20")]
    [InlineData("\t", "/#09")]
    [InlineData("é", "/#E9")]
    public void Names_escape_delimiters_whitespace_and_non_printables(string value, string written)
    {
        Assert.Equal(written, new PdfName(value).ToString());
    }

    [Fact]
    public void Arrays_separate_items_by_one_space()
    {
        Assert.Equal("[]", new PdfArray([]).ToString());
        Assert.Equal("[1]", new PdfArray([new PdfNumber("1")]).ToString());
        Assert.Equal("[1 /N 2 0 R [true]]", new PdfArray([
            new PdfNumber("1"), new PdfName("N"), new PdfRef(2, 0), new PdfArray([new PdfBool(true)])]).ToString());
    }

    [Fact]
    public void Dictionaries_write_keys_in_ordinal_order_so_key_order_does_not_matter()
    {
        var one = new PdfDict(new() { ["b"] = new PdfNumber("2"), ["B"] = new PdfNumber("1"), ["a b"] = PdfNull.Instance });
        var two = new PdfDict(new() { ["a b"] = PdfNull.Instance, ["B"] = new PdfNumber("1"), ["b"] = new PdfNumber("2") });

        Assert.Equal("<</B 1/a#20b null/b 2>>", one.ToString());
        Assert.Equal(one.ToString(), two.ToString());
        Assert.Equal("<<>>", new PdfDict([]).ToString());
    }

    [Fact]
    public void Dictionary_lookups()
    {
        var dict = new PdfDict(new() { ["Type"] = new PdfName("Sig"), ["N"] = new PdfNumber("3") });

        Assert.Equal("Sig", dict.NameOf("Type"));
        Assert.Null(dict.NameOf("N"));        // not a name
        Assert.Null(dict.NameOf("Missing"));
        Assert.Null(dict["Missing"]);
        Assert.True(dict.Is("Type", "Sig"));
        Assert.False(dict.Is("Type", "sig"));
        Assert.False(dict.Is("Missing", "Sig"));
    }

    [Fact]
    public void Streams_write_their_dictionary_and_where_their_data_is()
    {
        var stream = new PdfStream(new PdfDict(new() { ["Length"] = new PdfNumber("10") }), 1234, 10);

        Assert.Equal("<</Length 10>> stream@1234+10", stream.ToString());
        Assert.NotEqual(stream.ToString(), new PdfStream(stream.Dict, 1235, 10).ToString());
        Assert.NotEqual(stream.ToString(), new PdfStream(stream.Dict, 1234, 11).ToString());
    }

    [Theory]
    [InlineData("42", true, 42)]
    [InlineData("-7", true, -7)]
    [InlineData("+7", true, 7)]
    [InlineData("3.9", false, 3)]
    [InlineData("-3.9", false, -3)]
    [InlineData(".5", false, 0)]
    [InlineData("1e3", false, 1000)]
    public void Numbers_know_whether_they_are_integers_and_truncate_reals(string text, bool integer, long value)
    {
        var number = new PdfNumber(text);
        Assert.Equal(integer, number.IsInteger);
        Assert.Equal(value, number.AsLong());
    }
}
