using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>The in-place editor finds the right tags past comments, CDATA, PIs and quoted '>' and changes nothing else.</summary>
public sealed class XmlInPlaceEditorTests
{
    private const string Tricky =
        "<?xml version='1.0' encoding='utf-8'?>\r\n<!-- <b>not an element</b> -->\r\n<a x='1>2' y=\"/>\">" +
        "<?pi <b>?><![CDATA[<b></b>]]><b  q = 'x'  ></b><b/><c:b xmlns:c='urn:c'>&#x1EA7;</c:b></a>";

    private static XmlElement Nth(XmlDocument document, string name, int n) =>
        document.SelectNodes("//*")!.OfType<XmlElement>().Where(e => e.Name == name).ElementAt(n);

    [Fact]
    public void Appends_and_prepends_at_the_tags_of_the_element_asked_for_and_keeps_every_other_byte()
    {
        var editor = new XmlInPlaceEditor(Encoding.UTF8.GetBytes(Tricky));
        editor.AppendChild(Nth(editor.Document, "b", 0), "<new1/>");
        editor.AppendChild(Nth(editor.Document, "b", 1), "<new2/>"); // an empty element is opened
        editor.PrependChild(Nth(editor.Document, "c:b", 0), "<new3/>");

        var result = Encoding.UTF8.GetString(editor.Result());

        Assert.Equal(Tricky.Replace("<b  q = 'x'  ></b>", "<b  q = 'x'  ><new1/></b>").Replace("<b/>", "<b><new2/></b>")
            .Replace("xmlns:c='urn:c'>", "xmlns:c='urn:c'><new3/>"), result);
    }

    [Fact]
    public void UTF8_BOM_and_UTF16_documents_keep_their_encoding()
    {
        const string xml = "<a><b>Trần</b></a>";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true) })
        {
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(xml)];
            var editor = new XmlInPlaceEditor(bytes);
            editor.AppendChild(Nth(editor.Document, "b", 0), "<c/>");

            byte[] expected = [.. encoding.GetPreamble(), .. encoding.GetBytes("<a><b>Trần<c/></b></a>")];
            Assert.Equal(expected, editor.Result());
        }
    }

    [Fact]
    public void A_document_declared_in_another_encoding_is_refused()
    {
        var bytes = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>");

        var refused = Assert.Throws<SignatureFormatException>(() => new XmlInPlaceEditor(bytes));

        Assert.Contains("ISO-8859-1", refused.Message);
    }
    [Fact]
    public void Names_use_the_prefix_in_scope_the_default_namespace_or_declare_one()
    {
        var document = new XmlDocument();
        document.LoadXml("<x:a xmlns:x='urn:x' xmlns='urn:d'><b/></x:a>");
        var b = (XmlElement)document.DocumentElement!.FirstChild!;

        Assert.Equal(("x:n", ""), XmlInPlaceEditor.NameIn(b, "urn:x", "p", "n"));
        Assert.Equal(("n", ""), XmlInPlaceEditor.NameIn(b, "urn:d", "p", "n"));
        Assert.Equal(("p:n", " xmlns:p=\"urn:other\""), XmlInPlaceEditor.NameIn(b, "urn:other", "p", "n"));
    }
}
