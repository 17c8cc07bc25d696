using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// What an incremental update after the signed revision did, kind by kind: the allowed ones (a signature, a document
/// timestamp, DSS, form filling, annotations, metadata) are notices, everything else that existed when signing and
/// changes is a modification named by what it was (the shadow attacks of Mainka, Mladenov and Rohlmann, NDSS 2021).
/// The signed file is MiniPdf's: 1 catalog, 2 page tree, 3 page, 4 content stream, 5 font (6 a text field).
/// </summary>
public sealed class PdfRevisionChangesMutationTests
{
    private const string Catalog = "<</Type /Catalog /Pages 2 0 R>>";
    private const string Page = "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>";

    private static byte[] Append(byte[] pdf, string? root, params (int Number, string? Body, byte[]? Stream)[] objects) =>
        MiniPdf.AppendUpdate(pdf, root, objects);

    private static byte[] Append(byte[] pdf, params (int Number, string? Body, byte[]? Stream)[] objects) => Append(pdf, null, objects);

    private static PdfChanges Analyse(byte[] pdf, int signedRevision = 1)
    {
        var file = PdfFile.Open(new MemoryStream(pdf));
        return PdfRevisionChanges.Analyse(file, file.Revisions[signedRevision - 1]);
    }

    private static void AssertModified(byte[] pdf, string modification)
    {
        var changes = Analyse(pdf);
        Assert.Equal(modification, Assert.Single(changes.Modifications));
    }

    private static void AssertOnlyNotice(byte[] pdf, string notice)
    {
        var changes = Analyse(pdf);
        Assert.Empty(changes.Modifications);
        Assert.Equal(notice, Assert.Single(changes.Notices));
    }

    [Fact]
    public void Nothing_after_the_signed_revision_and_an_identical_rewrite_say_nothing()
    {
        var pdf = MiniPdf.Classic();
        Assert.Empty(Analyse(pdf).Notices);

        var rewritten = Analyse(Append(pdf, (5, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>", null), (4, "<<>>", MiniPdf.Content("Hello"))));
        Assert.Empty(rewritten.Notices);
        Assert.Empty(rewritten.Modifications);
    }

    [Fact]
    public void New_objects_that_nothing_signed_refers_to_are_a_notice()
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), (7, "<</Foo 1>>", null), (8, "(text)", null)),
            "Revision 2 adds 2 object(s) after signing without changing signed ones.");
    }

    [Theory]
    [InlineData("<</Type /Sig /Filter /Adobe.PPKLite>>", "Revision 2 (after the signed revision 1) adds a signature.")]
    [InlineData("<</ByteRange [0 1 2 3]>>", "Revision 2 (after the signed revision 1) adds a signature.")]
    [InlineData("<</Type /DocTimeStamp>>", "Revision 2 (after the signed revision 1) adds a document timestamp.")]
    [InlineData("<</SubFilter /ETSI.RFC3161 /ByteRange [0 1 2 3]>>", "Revision 2 (after the signed revision 1) adds a document timestamp.")]
    [InlineData("<</Type /DSS /Certs []>>", "Revision 2 adds long-term validation data (DSS).")]
    public void A_new_signature_timestamp_or_DSS_is_named(string body, string notice)
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), (7, body, null)), notice);
    }

    [Fact]
    public void A_catalog_that_only_gains_a_DSS_is_a_DSS_update()
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), (1, "<</Type /Catalog /Pages 2 0 R /DSS 7 0 R>>", null), (7, "<</Type /DSS>>", null)),
            "Revision 2 adds long-term validation data (DSS).");
    }

    [Theory]
    [InlineData("<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields []>>>>")]
    [InlineData("<</Type /Catalog /Pages 2 0 R /Metadata 9 0 R>>")]
    [InlineData("<</Type /Catalog /Pages 2 0 R /Perms <<>>>>")]
    [InlineData("<</Type /Catalog /Pages 2 0 R /Extensions <<>>>>")]
    public void Catalog_keys_a_signer_or_form_may_change_are_form_changes(string catalog)
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), (1, catalog, null)),
            "Revision 2 fills in form fields or changes annotations after signing (objects 1).");
    }

    [Theory]
    [InlineData("<</Type /Catalog /Pages 7 0 R>>", "revision 2 changes object 1 (catalog: /Pages)")]
    [InlineData("<</Type /Catalog /Pages 2 0 R /OpenAction 3 0 R>>", "revision 2 changes object 1 (catalog: /OpenAction)")]
    [InlineData("<</Type /Catalog /Pages 2 0 R /Names <<>> /DSS 9 0 R>>", "revision 2 changes object 1 (catalog: /Names)")]
    public void Other_catalog_changes_are_modifications(string catalog, string modification)
    {
        AssertModified(Append(MiniPdf.Classic(), (1, catalog, null)), modification);
    }

    [Fact]
    public void Page_annotations_may_change_other_page_keys_may_not()
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), (3, Page[..^2] + " /Annots [7 0 R]>>", null), (7, "<</Type /Annot /Subtype /Text /Rect [0 0 1 1]>>", null)),
            "Revision 2 fills in form fields or changes annotations after signing (objects 3).");

        AssertModified(Append(MiniPdf.Classic(), (3, Page.Replace("595 842", "842 595") + "", null)),
            "revision 2 changes object 3 (page dictionary: /MediaBox)");
        AssertModified(Append(MiniPdf.Classic(), (3, Page.Replace("/Contents 4 0 R", "/Contents 7 0 R /Rotate 90"), null)),
            "revision 2 changes object 3 (page dictionary: /Contents, /Rotate)");
    }

    [Theory]
    [InlineData(1, "revision 2 deletes object 1 (the catalog was removed)")]
    [InlineData(3, "revision 2 deletes object 3 (a page was removed)")]
    [InlineData(2, "revision 2 deletes object 2 (page tree)")]
    [InlineData(5, "revision 2 deletes object 5 (/Font)")]
    [InlineData(4, "revision 2 deletes object 4 (stream, e.g. page content)")]
    public void Freeing_a_signed_object_is_a_deletion(int number, string modification)
    {
        AssertModified(Append(MiniPdf.Classic(), (number, null, null)), modification);
    }

    [Fact]
    public void Each_kind_of_signed_object_is_named_when_it_changes()
    {
        AssertModified(Append(MiniPdf.Classic(), (2, "<</Type /Pages /Kids [3 0 R 3 0 R] /Count 2>>", null)), "revision 2 changes object 2 (page tree)");
        AssertModified(Append(MiniPdf.Classic(), (4, "<<>>", MiniPdf.Content("Shadow"))), "revision 2 changes object 4 (stream, e.g. page content)");
        AssertModified(Append(MiniPdf.Classic(), (4, "<</Filter /None>>", MiniPdf.Content("Hello"))), "revision 2 changes object 4 (stream, e.g. page content)");
        AssertModified(Append(MiniPdf.Classic(), (5, "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>", null)), "revision 2 changes object 5 (/Font)");
    }

    [Fact]
    public void Streams_and_plain_objects_of_other_kinds_are_named_by_type()
    {
        var signed = Append(MiniPdf.Classic(), (7, "<</Type /XObject /Subtype /Image>>", [1, 2, 3]), (8, "<</A 1>>", null), (9, "42", null), (10, "[1 2]", null));
        var file = PdfFile.Open(new MemoryStream(Append(signed,
            (7, "<</Type /XObject /Subtype /Image>>", [1, 2, 4]), (8, "<</A 2>>", null), (9, "43", null), (10, "[1 3]", null))));

        var changes = PdfRevisionChanges.Analyse(file, file.Revisions[1]);

        Assert.Equal([
            "revision 3 changes object 7 (/XObject stream)",
            "revision 3 changes object 8 (dictionary)",
            "revision 3 changes object 9 (number)",
            "revision 3 changes object 10 (array)",
        ], changes.Modifications);
    }

    [Fact]
    public void A_stream_rewritten_with_the_same_bytes_is_the_same_and_one_byte_more_is_not()
    {
        var same = Analyse(Append(MiniPdf.Classic(), (4, "<<>>", MiniPdf.Content("Hello"))));
        Assert.Empty(same.Modifications);

        var longer = Analyse(Append(MiniPdf.Classic(), (4, "<<>>", [.. MiniPdf.Content("Hello"), (byte)' '])));
        Assert.Single(longer.Modifications);
    }

    [Fact]
    public void Field_and_annotation_arrays_may_grow_but_other_arrays_may_not_change()
    {
        var widget = "<</Type /Annot /Subtype /Widget /FT /Tx /T (a) /Rect [0 0 1 1]>>";
        var signed = Append(MiniPdf.Classic(), (7, widget, null), (8, widget.Replace("(a)", "(b)"), null), (9, "[7 0 R]", null));

        var grown = PdfFile.Open(new MemoryStream(Append(signed, (9, "[7 0 R 8 0 R]", null))));
        var allowed = PdfRevisionChanges.Analyse(grown, grown.Revisions[1]);
        Assert.Empty(allowed.Modifications);
        Assert.Equal("Revision 3 fills in form fields or changes annotations after signing (objects 9).", Assert.Single(allowed.Notices));

        var withPage = PdfFile.Open(new MemoryStream(Append(signed, (9, "[7 0 R 3 0 R]", null))));
        Assert.Equal("revision 3 changes object 9 (array)", Assert.Single(PdfRevisionChanges.Analyse(withPage, withPage.Revisions[1]).Modifications));

        var withNumber = PdfFile.Open(new MemoryStream(Append(signed, (9, "[7 0 R 5]", null))));
        Assert.Equal("revision 3 changes object 9 (array)", Assert.Single(PdfRevisionChanges.Analyse(withNumber, withNumber.Revisions[1]).Modifications));
    }

    [Theory]
    [InlineData("<</Type /Annot /Subtype /Text /Rect [0 0 1 1] /Contents (x)>>")]
    [InlineData("<</Subtype /Widget>>")]
    [InlineData("<</FT /Tx>>")]
    [InlineData("<</Type /Sig>>")]
    [InlineData("<</Type /DocTimeStamp>>")]
    [InlineData("<</Subtype /Link /Rect [0 0 1 1]>>")]
    [InlineData("<</Parent 2 0 R /T (field)>>")]
    [InlineData("<</Type /Metadata>>")]
    [InlineData("<</Type /DSS>>")]
    public void Forms_annotations_signatures_metadata_and_DSS_may_change(string body)
    {
        var signed = Append(MiniPdf.Classic(), (7, body, null));
        var file = PdfFile.Open(new MemoryStream(Append(signed, (7, body[..^2] + " /M (D:2026)>>", null))));

        var changes = PdfRevisionChanges.Analyse(file, file.Revisions[1]);

        Assert.Empty(changes.Modifications);
        Assert.Equal("Revision 3 fills in form fields or changes annotations after signing (objects 7).", Assert.Single(changes.Notices));
    }

    [Theory]
    [InlineData("<</Subtype /Link>>", "dictionary")]          // a subtype without a /Rect is not an annotation
    [InlineData("<</Parent 2 0 R>>", "dictionary")]           // a parent without a /T is not a field
    [InlineData("<</T (x)>>", "dictionary")]
    public void Half_an_annotation_or_field_is_not_one(string body, string kind)
    {
        var signed = Append(MiniPdf.Classic(), (7, body, null));
        var file = PdfFile.Open(new MemoryStream(Append(signed, (7, body[..^2] + " /M (D:2026)>>", null))));

        Assert.Equal($"revision 3 changes object 7 ({kind})", Assert.Single(PdfRevisionChanges.Analyse(file, file.Revisions[1]).Modifications));
    }

    [Fact]
    public void The_AcroForm_object_may_change()
    {
        var signed = Append(MiniPdf.Classic(), (1, "<</Type /Catalog /Pages 2 0 R /AcroForm 7 0 R>>", null), (7, "<</Fields []>>", null));
        var file = PdfFile.Open(new MemoryStream(Append(signed, (7, "<</Fields [] /NeedAppearances true>>", null))));

        var changes = PdfRevisionChanges.Analyse(file, file.Revisions[1]);

        Assert.Empty(changes.Modifications);
        Assert.Single(changes.Notices);
    }

    [Fact]
    public void A_new_catalog_object_is_judged_like_a_changed_catalog()
    {
        AssertOnlyNotice(Append(MiniPdf.Classic(), "7 0 R", (7, "<</Type /Catalog /Pages 2 0 R /DSS 8 0 R>>", null), (8, "<</Type /DSS>>", null)),
            "Revision 2 adds long-term validation data (DSS).");

        var replaced = Analyse(Append(MiniPdf.Classic(), "7 0 R", (7, "<</Type /Catalog /Pages 8 0 R>>", null), (8, "<</Type /Pages /Kids [] /Count 0>>", null)));
        Assert.Equal("revision 2 replaces the document catalog", Assert.Single(replaced.Modifications));

        var missing = Analyse(Append(MiniPdf.Classic(), "9 0 R", (7, "<</A 1>>", null)));
        Assert.Equal("revision 2 replaces the document catalog", Assert.Single(missing.Modifications));
    }

    [Fact]
    public void Form_changes_are_listed_up_to_ten_objects()
    {
        (int Number, string? Body, byte[]? Stream)[] widgets = [.. Enumerable.Range(7, 12).Select(n => (n, (string?)$"<</Subtype /Widget /T ({n})>>", (byte[]?)null))];
        var signed = Append(MiniPdf.Classic(), widgets);
        (int Number, string? Body, byte[]? Stream)[] changed = [.. widgets.Select(w => (w.Number, (string?)(w.Body![..^2] + " /V (x)>>"), (byte[]?)null))];
        var file = PdfFile.Open(new MemoryStream(Append(signed, changed)));

        var notice = Assert.Single(PdfRevisionChanges.Analyse(file, file.Revisions[1]).Notices);

        Assert.Equal("Revision 3 fills in form fields or changes annotations after signing (objects 7, 8, 9, 10, 11, 12, 13, 14, 15, 16).", notice);
    }

    [Fact]
    public void A_signature_with_form_filling_gives_both_notices_and_the_added_count_is_not_repeated()
    {
        var pdf = Append(MiniPdf.Classic(withTextField: true), (6, "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Nguyen) /Rect [72 600 300 620] /P 3 0 R>>", null),
            (7, "<</Type /Sig /ByteRange [0 1 2 3]>>", null));

        var changes = Analyse(pdf);

        Assert.Empty(changes.Modifications);
        Assert.Equal([
            "Revision 2 (after the signed revision 1) adds a signature.",
            "Revision 2 fills in form fields or changes annotations after signing (objects 6).",
        ], changes.Notices);
    }

    [Fact]
    public void Every_later_revision_is_judged_and_named()
    {
        var pdf = Append(Append(MiniPdf.Classic(), (7, "<</Type /Sig>>", null)), (5, "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>", null));

        var changes = Analyse(pdf);

        Assert.Equal("Revision 2 (after the signed revision 1) adds a signature.", Assert.Single(changes.Notices));
        Assert.Equal("revision 3 changes object 5 (/Font)", Assert.Single(changes.Modifications));

        var fromSecond = Analyse(pdf, signedRevision: 2);
        Assert.Empty(fromSecond.Notices);
        Assert.Equal("revision 3 changes object 5 (/Font)", Assert.Single(fromSecond.Modifications));
    }

    [Fact]
    public void Freeing_an_object_that_never_existed_is_nothing()
    {
        var changes = Analyse(Append(MiniPdf.Classic(), (40, null, null)));
        Assert.Empty(changes.Notices);
        Assert.Empty(changes.Modifications);
    }
}
