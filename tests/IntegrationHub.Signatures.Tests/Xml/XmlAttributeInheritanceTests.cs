using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Xml;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// Inclusive C14N of a document subset renders the xml:* attributes (xml:lang, xml:space...) the apex inherits from its
/// ancestors; exclusive C14N does not. xmlsec1 does this, so a signature over "#id" inside an element carrying
/// xml:lang only verifies when the hub does it too.
/// </summary>
[Collection(XmlPkiCollection.Name)]
public sealed class XmlAttributeInheritanceTests(XmlTestPki pki)
{
    private const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    private const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    private const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    private static XmlElement Inner()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<a xmlns='urn:t' xml:lang='vi' xml:space='preserve' xml:base='http://example/'><b xml:lang='en'><c Id='x'>t</c></b></a>");
        return (XmlElement)document.GetElementsByTagName("c")[0]!;
    }

    [Theory]
    [InlineData(C14N)]
    [InlineData(C14NWithComments)]
    public void Inclusive_subset_renders_inherited_xml_attributes_nearest_ancestor_first(string algorithm)
    {
        var octets = Encoding.UTF8.GetString(XmlCanonicalizer.CanonicalizeElement(Inner(), algorithm));

        Assert.Equal("<c xmlns=\"urn:t\" Id=\"x\" xml:base=\"http://example/\" xml:lang=\"en\" xml:space=\"preserve\">t</c>", octets);
    }

    [Fact]
    public void Exclusive_subset_does_not_render_inherited_xml_attributes()
    {
        var octets = Encoding.UTF8.GetString(XmlCanonicalizer.CanonicalizeElement(Inner(), ExcC14N));

        Assert.Equal("<c xmlns=\"urn:t\" Id=\"x\">t</c>", octets);
    }

    [Fact]
    public void Own_xml_attribute_is_kept_and_not_duplicated()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<a xml:lang='vi'><c xml:lang='fr'>t</c></a>");
        var c = (XmlElement)document.DocumentElement!.FirstChild!;

        Assert.Equal("<c xml:lang=\"fr\">t</c>", Encoding.UTF8.GetString(XmlCanonicalizer.CanonicalizeElement(c, C14N)));
    }

    [RequiresToolTheory("xmlsec1")]
    [InlineData(C14N)]
    [InlineData(C14NWithComments)]
    [InlineData(ExcC14N)]
    public void Xmlsec1_signature_over_an_Id_inside_xml_lang_and_xml_space_verifies(string algorithm)
    {
        var template =
            "<hoSo xmlns=\"urn:integrationhub:test\" xml:lang=\"vi\" xml:space=\"preserve\"><noiDung Id=\"nd\"><maHoSo>000.00.25.H47-261128-0001</maHoSo></noiDung>" +
            "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>" +
            $"<CanonicalizationMethod Algorithm=\"{algorithm}\"/><SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>" +
            $"<Reference URI=\"#nd\"><Transforms><Transform Algorithm=\"{algorithm}\"/></Transforms>" +
            "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue/></Reference></SignedInfo>" +
            "<SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature></hoSo>";
        var input = pki.NewFile("inherit-template.xml");
        var output = pki.NewFile("inherit-signed.xml");
        File.WriteAllText(input, template);
        var signed = ExternalTool.Run("xmlsec1", "--sign", "--privkey-pem", $"{pki.KeyPem("rsa")},{pki.CertPem("rsa")}",
            "--id-attr:Id", "urn:integrationhub:test:noiDung", "--output", output, input);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var evidence = Assert.Single(Read(File.ReadAllBytes(output)));

        // Only the digests and the signature value matter here: a reference to a part of the document is judged
        // separately by the wrapping check (the document element is not covered).
        var reference = Assert.Single(evidence.References);
        Assert.True(reference.Found && reference.Intact, $"{reference.Name}: {reference.Detail}");
        Assert.True(SignatureVerifies(evidence, pki.RsaSigner), "SignedInfo canonicalized as xmlsec1 did");
        Assert.Empty(evidence.FormatErrors);
    }
}
