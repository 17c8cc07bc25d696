using System.Text;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>The hub's linear C14N writer gives byte for byte what .NET's SignedXml transforms give (differential test).</summary>
public sealed class XmlC14NWriterTests
{
    public static TheoryData<string> Documents => new()
    {
        XmlTestSupport.Document,
        "<?xml version=\"1.0\"?>\n<?pi data?>\n<!-- before -->\n<a:r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns=\"urn:d\" z=\"1\" b:y=\"2\" a:x=\"3\"><c xmlns=\"\"><d xmlns=\"urn:d\"/></c><!-- c --><b:e a:f=\"&quot;&#9;&#10;&#13;&lt;&amp;\">t&amp;&lt;&gt;&#13;<![CDATA[x<y]]></b:e><a:g xmlns:a=\"urn:a\" xmlns:b=\"urn:other\"/></a:r>\n<!-- after --><?pi2?>",
        "<r xml:lang=\"vi\" xmlns:unused=\"urn:u\"><x:s xmlns:x=\"urn:x\" xml:space=\"preserve\">  s  </x:s>\n  <t attr='single'/></r>",
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:Reference URI=\"\"/></ds:SignedInfo><x xmlns=\"urn:x\"><y xmlns=\"urn:x\"/></x></ds:Signature>",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Writer_matches_SignedXml_for_every_method(string xml)
    {
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        foreach (var (method, prefixes) in new (string, string?)[]
                 {
                     (XmlDsigNames.C14N, null), (XmlDsigNames.C14NWithComments, null),
                     (XmlDsigNames.ExcC14N, null), (XmlDsigNames.ExcC14NWithComments, null), (XmlDsigNames.ExcC14N, "b #default"),
                 })
        {
            var ours = Encoding.UTF8.GetString(XmlCanonicalizer.Canonicalize(document, method, prefixes));
            var dotnet = Encoding.UTF8.GetString(XmlCanonicalizer.CanonicalizeWithDotNet(document, method, prefixes));
            Assert.True(dotnet == ours, $"{method} {prefixes}\n.NET: {dotnet}\nours: {ours}");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Writer_matches_SignedXml_on_a_detached_subtree(string xml)
    {
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var inner = document.DocumentElement!.ChildNodes.OfType<System.Xml.XmlElement>().FirstOrDefault() ?? document.DocumentElement;
        var detached = XmlCanonicalizer.Detach(inner);
        foreach (var method in new[] { XmlDsigNames.C14N, XmlDsigNames.ExcC14N })
            Assert.Equal(Encoding.UTF8.GetString(XmlCanonicalizer.CanonicalizeWithDotNet(detached, method)),
                Encoding.UTF8.GetString(XmlCanonicalizer.Canonicalize(detached, method)));
    }
}
