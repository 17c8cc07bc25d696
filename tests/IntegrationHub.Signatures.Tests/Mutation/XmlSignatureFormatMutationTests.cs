using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The XML format's entry: which files it takes for XML, the signatures it reads (in document order, counter-signatures
/// left to their parent), its size limit, and detached content read afresh for every reference, seekable or not.
/// </summary>
public sealed class XmlSignatureFormatMutationTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Xades = "http://uri.etsi.org/01903/v1.3.2#";

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x3C, 0x00 }, true)]       // UTF-16 LE byte order mark
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x3C }, true)]       // UTF-16 BE
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x3C }, true)]       // UTF-8 BOM then '<'
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x41 }, false)]      // UTF-8 BOM then text
    [InlineData(new byte[] { 0x20, 0x09, 0x0D, 0x0A, 0x3C }, true)] // blanks then '<'
    [InlineData(new byte[] { 0x0C, 0x3C }, false)]                  // form feed is not XML white space
    [InlineData(new byte[] { 0x20, 0x20 }, false)]
    [InlineData(new byte[0], false)]
    public void XML_is_recognised_by_its_byte_order_mark_or_first_non_blank_byte(byte[] head, bool xml)
    {
        Assert.Equal(xml, new XmlSignatureFormat().Recognizes(head));
        Assert.Equal("XADES", new XmlSignatureFormat().Name);
    }

    private static string Signature(string id, string uri, string digest) =>
        $"<ds:Signature xmlns:ds=\"{Ds}\" Id=\"{id}\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>"
        + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
        + $"<ds:Reference URI=\"{uri}\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference>"
        + "</ds:SignedInfo><ds:SignatureValue>AQID</ds:SignatureValue></ds:Signature>";

    [Fact]
    public void Signatures_are_read_in_document_order_and_counter_signatures_are_left_out()
    {
        var counter = $"<ds:Object><xades:QualifyingProperties xmlns:xades=\"{Xades}\"><xades:UnsignedProperties><xades:UnsignedSignatureProperties>"
                      + $"<xades:CounterSignature>{Signature("C", "#a", "AA==")}</xades:CounterSignature>"
                      + "</xades:UnsignedSignatureProperties></xades:UnsignedProperties></xades:QualifyingProperties></ds:Object>";
        var first = Signature("A", "#a", "AA==").Replace("</ds:Signature>", counter + "</ds:Signature>");
        var xml = $"<doc><a Id=\"a\"/>{first}{Signature("B", "#a", "AA==")}</doc>";

        var evidence = new XmlSignatureFormat().Read(new SignedFile("two.xml", new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Equal(["S-1", "S-2"], evidence.Select(e => e.Id));
        Assert.All(evidence, e => Assert.Equal("XMLDSIG", e.Format));
    }

    [Fact]
    public void A_document_over_the_limit_is_refused()
    {
        var xml = Encoding.UTF8.GetBytes($"<doc>{Signature("A", "", "AA==")}</doc>");

        Assert.Single(new XmlSignatureFormat(xml.Length).Read(new SignedFile("f.xml", new MemoryStream(xml))));
        var e = Assert.Throws<SignatureFormatException>(() => new XmlSignatureFormat(xml.Length - 1).Read(new SignedFile("f.xml", new MemoryStream(xml))));
        Assert.Equal($"The XML document is larger than the limit of {xml.Length - 1} bytes.", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Detached_content_is_read_from_its_start_for_every_reference(bool seekable)
    {
        var content = Encoding.UTF8.GetBytes("tờ khai đăng ký kinh doanh");
        var digest = Convert.ToBase64String(SHA256.HashData(content));
        var signature = Signature("A", "form.pdf", digest).Replace("</ds:Reference>",
            $"</ds:Reference><ds:Reference URI=\"form.pdf\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference>");
        Stream detached = seekable ? new MemoryStream(content) : new ForwardOnlyStream(content);
        if (seekable) detached.ReadByte(); // handed over part-read: the hub rewinds it

        var evidence = Assert.Single(new XmlSignatureFormat().Read(
            new SignedFile("d.xml", new MemoryStream(Encoding.UTF8.GetBytes(signature)), detached)));

        Assert.Equal(2, evidence.References.Count);
        Assert.All(evidence.References, r => Assert.True(r.Intact, r.Detail));
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
