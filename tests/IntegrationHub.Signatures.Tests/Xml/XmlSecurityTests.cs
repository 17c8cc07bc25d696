using System.Text;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Xml;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Hostile or broken XML fails at once with SignatureFormatException (FORMAT_FAILURE) and reads nothing outside the file.</summary>
public sealed class XmlSecurityTests
{
    [Fact]
    public void XXE_file_entity_is_refused_and_never_expanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE hoSo [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><hoSo>&secret;</hoSo>";

        var error = Assert.Throws<SignatureFormatException>(() => Read(xml));

        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("root:", error.Message);
    }

    [Fact]
    public void External_DTD_is_refused_without_being_fetched()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE hoSo SYSTEM \"http://127.0.0.1:{port}/evil.dtd\"><hoSo>&ent;</hoSo>";

        Assert.Throws<SignatureFormatException>(() => Read(xml));

        Assert.False(listener.Pending(), "the parser must not connect to fetch the DTD");
    }

    [Fact]
    public void Billion_laughs_is_refused_before_any_expansion()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            entities.Append($"<!ENTITY lol{i} \"&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};\">");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]><lolz>&lol9;</lolz>";
        var before = GC.GetTotalAllocatedBytes(precise: true);

        Assert.Throws<SignatureFormatException>(() => Read(xml));

        // 10^9 "lol"s would be gigabytes; the refusal allocates almost nothing.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000);
    }

    [Fact]
    public void Parameter_entity_with_external_subset_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % ext SYSTEM \"file:///etc/passwd\"> %ext;]><x/>";

        Assert.Throws<SignatureFormatException>(() => Read(xml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml at all")]
    [InlineData("<hoSo><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>")]
    [InlineData("\u0000\u0001\u0002garbage")]
    public void Empty_truncated_or_garbage_input_is_a_format_error(string xml)
    {
        var error = Assert.Throws<SignatureFormatException>(() => Read(xml));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Signature_without_SignedInfo_is_a_format_error()
    {
        var xml = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>";

        Assert.Throws<SignatureFormatException>(() => Read(xml));
    }

    [Fact]
    public void Unknown_signature_method_is_a_format_error()
    {
        var xml = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>" +
                  "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>" +
                  "<ds:SignatureMethod Algorithm=\"urn:made-up\"/></ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>";

        var error = Assert.Throws<SignatureFormatException>(() => Read(xml));

        Assert.Contains("urn:made-up", error.Message);
    }

    [Fact]
    public void Oversized_document_is_refused()
    {
        var xml = Encoding.UTF8.GetBytes("<a>" + new string('x', 5000) + "</a>");

        Assert.Throws<SignatureFormatException>(() =>
            new XmlSignatureFormat(maxDocumentBytes: 1000).Read(new SignedFile("big.xml", new MemoryStream(xml))));
    }

    [Fact]
    public void Hostile_nesting_depth_is_a_format_error_not_a_stack_overflow()
    {
        const int depth = 100_000;
        var xml = new StringBuilder();
        for (var i = 0; i < depth; i++) xml.Append("<a>");
        xml.Append("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>");
        for (var i = 0; i < depth; i++) xml.Append("</a>");

        var error = Assert.Throws<SignatureFormatException>(() => Read(xml.ToString()));

        Assert.Contains("deeper", error.Message);
    }

    [Fact]
    public void XML_without_a_signature_gives_no_evidence()
    {
        Assert.Empty(Read(Document));
    }

    [Fact]
    public void A_reference_to_a_file_URI_is_resolved_only_against_the_supplied_content()
    {
        var xml = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>" +
                  "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>" +
                  "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>" +
                  "<ds:Reference URI=\"file:///etc/hostname\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>" +
                  "<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>";

        var reference = Assert.Single(Assert.Single(Read(xml)).References);

        Assert.False(reference.Found);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><a/>", true)]
    [InlineData("\uFEFF  <a/>", true)]
    [InlineData("%PDF-1.7", false)]
    [InlineData("MIAGCSqGSIb3DQEHAqCAMIACAQEx", false)]
    public void Recognizes_XML_by_its_first_bytes(string head, bool expected)
    {
        Assert.Equal(expected, new XmlSignatureFormat().Recognizes(Encoding.UTF8.GetBytes(head)));
    }
}
