using System.Security.Cryptography;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// ds:Reference resolution and digests (XML-DSig 1.1 §4.4.3): each URI form, the enveloped transform, comments kept
/// only by the xpointer forms, detached content with and without a canonicalization, and each failure with what it
/// says. The expected digests are of canonical forms written out here by hand.
/// </summary>
public sealed class XmlReferenceDigesterMutationTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    private const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    private const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    private static string Digest(string canonical) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>A document with one ds:Signature holding one ds:Reference; returns the resolution of that reference.</summary>
    private static ReferenceResolution Resolve(string? uri, string transforms, string digest, string body = "<a Id=\"x\"><!--c--><b>1</b></a>",
        Func<Stream?>? detached = null, string digestMethod = Sha256)
    {
        var uriAttribute = uri is null ? "" : $" URI=\"{uri}\"";
        var xml = $"<doc>{body}<ds:Signature xmlns:ds=\"{Ds}\"><ds:SignedInfo><ds:Reference{uriAttribute} Type=\"urn:t\">"
                  + (transforms.Length == 0 ? "" : $"<ds:Transforms>{transforms}</ds:Transforms>")
                  + $"<ds:DigestMethod Algorithm=\"{digestMethod}\"/><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo></ds:Signature></doc>";
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var signature = (XmlElement)document.GetElementsByTagName("Signature", Ds)[0]!;
        var reference = (XmlElement)document.GetElementsByTagName("Reference", Ds)[0]!;
        return XmlReferenceDigester.Resolve(reference, signature, new XmlIdIndex(document), detached ?? (() => null));
    }

    private static string Transform(string algorithm) => $"<ds:Transform Algorithm=\"{algorithm}\"/>";

    [Fact]
    public void An_Id_reference_digests_the_element_without_comments()
    {
        var result = Resolve("#x", "", Digest("<a Id=\"x\"><b>1</b></a>"));

        Assert.True(result.Found);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal("signed: /doc[1]/a[1]", result.Detail);
        Assert.Equal("a", result.Target!.LocalName);
        Assert.False(result.WholeDocument);
        Assert.False(result.External);
        Assert.False(result.Enveloped);
        Assert.Equal("urn:t", result.Type);
        Assert.Equal("#x", result.Name);
    }

    [Fact]
    public void The_xpointer_id_form_keeps_comments_for_a_canonicalization_with_comments()
    {
        var withComments = Transform(C14N + "#WithComments");
        Assert.True(Resolve("#xpointer(id('x'))", withComments, Digest("<a Id=\"x\"><!--c--><b>1</b></a>")).Intact);
        Assert.True(Resolve("#xpointer(id(&quot;x&quot;))", withComments, Digest("<a Id=\"x\"><!--c--><b>1</b></a>")).Intact);
        // A bare-name reference takes comments out of the node-set first (XML-DSig §4.4.3.3).
        Assert.True(Resolve("#x", withComments, Digest("<a Id=\"x\"><b>1</b></a>")).Intact);
    }

    [Fact]
    public void The_empty_URI_is_the_whole_document_without_comments_and_the_enveloped_transform_takes_the_signature_out()
    {
        var result = Resolve("", Transform(Enveloped), Digest("<doc><a Id=\"x\"><b>1</b></a></doc>"));

        Assert.True(result.Intact, result.Detail);
        Assert.True(result.WholeDocument);
        Assert.True(result.Enveloped);
        Assert.Equal("signed: /", result.Detail);
        Assert.Null(result.Target);
    }

    [Fact]
    public void The_whole_document_xpointer_keeps_comments_and_the_empty_URI_does_not()
    {
        var transforms = Transform(Enveloped) + Transform(C14N + "#WithComments");
        Assert.True(Resolve("#xpointer(/)", transforms, Digest("<doc><a Id=\"x\"><!--c--><b>1</b></a></doc>")).Intact);
        Assert.True(Resolve("", transforms, Digest("<doc><a Id=\"x\"><b>1</b></a></doc>")).Intact);
    }

    [Fact]
    public void Without_the_enveloped_transform_the_signature_is_part_of_the_digest()
    {
        var result = Resolve("", "", Digest("<doc><a Id=\"x\"><b>1</b></a></doc>"));

        Assert.True(result.Found);
        Assert.False(result.Intact);
        Assert.Equal("digest does not match (signed: /)", result.Detail);
        Assert.NotNull(result.ComputedDigest);
    }

    [Fact]
    public void An_explicit_exclusive_canonicalization_is_applied()
    {
        var body = "<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" Id=\"x\"><b>1</b></p:a>";
        var exclusive = Resolve("#x", Transform(ExcC14N), Digest("<p:a xmlns:p=\"urn:p\" Id=\"x\"><b>1</b></p:a>"), body);
        var inclusive = Resolve("#x", Transform(C14N), Digest("<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" Id=\"x\"><b>1</b></p:a>"), body);

        Assert.True(exclusive.Intact, exclusive.Detail);
        Assert.True(inclusive.Intact, inclusive.Detail);
    }

    [Fact]
    public void Inclusive_prefixes_of_exclusive_canonicalization_are_honoured()
    {
        var body = "<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" Id=\"x\"><b>1</b></p:a>";
        var transform = $"<ds:Transform Algorithm=\"{ExcC14N}\"><ec:InclusiveNamespaces xmlns:ec=\"{ExcC14N}\" PrefixList=\"q\"/></ds:Transform>";

        var result = Resolve("#x", transform, Digest("<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" Id=\"x\"><b>1</b></p:a>"), body);

        Assert.True(result.Intact, result.Detail);
    }

    [Theory]
    [InlineData("#missing", "no element has the Id 'missing'")]
    [InlineData("#xpointer(id('missing'))", "no element has the Id 'missing'")]
    public void A_reference_to_no_element_is_not_found(string uri, string detail)
    {
        var result = Resolve(uri, "", Digest("x"));
        Assert.False(result.Found);
        Assert.False(result.Intact);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void An_Id_carried_twice_is_not_resolved()
    {
        var result = Resolve("#x", "", Digest("x"), body: "<a Id=\"x\"/><c Id=\"x\"/>");
        Assert.False(result.Found);
        Assert.Equal("the Id 'x' is carried by 2 elements", result.Detail);
    }

    [Fact]
    public void Unsupported_digests_and_unreadable_digest_values_are_unsupported_references()
    {
        var method = Resolve("#x", Transform(Enveloped), Digest("x"), digestMethod: "urn:md4");
        Assert.True(method.Unsupported);
        Assert.True(method.Enveloped);
        Assert.Equal("unsupported digest method urn:md4", method.Detail);

        var value = Resolve("#x", "", "***");
        Assert.True(value.Unsupported);
        Assert.Equal("DigestValue is not base64", value.Detail);
    }

    [Theory]
    [InlineData("urn:xslt", "unsupported transform urn:xslt")]
    public void Unsupported_transforms_are_named(string algorithm, string detail)
    {
        var result = Resolve("#x", Transform(algorithm), Digest("x"));
        Assert.True(result.Unsupported);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void Nothing_may_follow_a_canonicalization()
    {
        var result = Resolve("", Transform(C14N) + Transform(Enveloped), Digest("x"));
        Assert.True(result.Unsupported);
        Assert.Equal($"unsupported transform {Enveloped} after canonicalization", result.Detail);
    }

    [Fact]
    public void Detached_content_is_digested_as_bytes_or_canonicalized_when_a_transform_asks()
    {
        var bytes = Encoding.UTF8.GetBytes("<r   b='2' a='1'/>");
        var plain = Resolve("dossier.xml", "", Convert.ToBase64String(SHA256.HashData(bytes)), detached: () => new MemoryStream(bytes));
        Assert.True(plain.Intact, plain.Detail);
        Assert.True(plain.External);
        Assert.Equal("signed: detached content", plain.Detail);
        Assert.Equal("dossier.xml", plain.Name);

        var canonical = Resolve("dossier.xml", Transform(C14N), Digest("<r a=\"1\" b=\"2\"></r>"), detached: () => new MemoryStream(bytes));
        Assert.True(canonical.Intact, canonical.Detail);

        var noUri = Resolve(null, "", Convert.ToBase64String(SHA256.HashData(bytes)), detached: () => new MemoryStream(bytes));
        Assert.True(noUri.Intact);
        Assert.Equal("(no URI: detached content)", noUri.Name);
    }

    [Fact]
    public void Detached_content_not_supplied_or_with_a_transform_chain_is_not_checked()
    {
        var missing = Resolve("dossier.pdf", "", Digest("x"));
        Assert.False(missing.Found);
        Assert.True(missing.External);
        Assert.Equal("detached content not supplied", missing.Detail);

        var bytes = Encoding.UTF8.GetBytes("<r/>");
        var chain = Resolve("dossier.xml", Transform(C14N) + Transform(ExcC14N), Digest("x"), detached: () => new MemoryStream(bytes));
        Assert.True(chain.Unsupported);
        Assert.Equal($"unsupported transform chain on detached content ({C14N})", chain.Detail);

        var wrong = Resolve("dossier.xml", Transform(Enveloped), Digest("x"), detached: () => new MemoryStream(bytes));
        Assert.Equal($"unsupported transform chain on detached content ({Enveloped})", wrong.Detail);
    }

    [Fact]
    public void Referenced_octets_are_the_transformed_data_for_the_archive_timestamp()
    {
        var xml = $"<doc><a Id=\"x\"><!--c--><b>1</b></a><ds:Signature xmlns:ds=\"{Ds}\"><ds:SignedInfo>"
                  + "<ds:Reference URI=\"#x\"><ds:DigestMethod Algorithm=\"" + Sha256 + "\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>"
                  + "<ds:Reference URI=\"ext.bin\"><ds:DigestMethod Algorithm=\"" + Sha256 + "\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>"
                  + "<ds:Reference URI=\"#none\"><ds:DigestMethod Algorithm=\"" + Sha256 + "\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>"
                  + "</ds:SignedInfo></ds:Signature></doc>";
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var signature = (XmlElement)document.GetElementsByTagName("Signature", Ds)[0]!;
        var references = document.GetElementsByTagName("Reference", Ds).OfType<XmlElement>().ToArray();
        var ids = new XmlIdIndex(document);

        Assert.Equal("<a Id=\"x\"><b>1</b></a>",
            Encoding.UTF8.GetString(XmlReferenceDigester.ReferencedOctets(references[0], signature, ids, () => null, C14N)!));
        Assert.Null(XmlReferenceDigester.ReferencedOctets(references[1], signature, ids, () => null, C14N));
        Assert.Equal([7, 8], XmlReferenceDigester.ReferencedOctets(references[1], signature, ids, () => new MemoryStream([7, 8]), C14N));
        var e = Assert.Throws<Formats.SignatureFormatException>(() => XmlReferenceDigester.ReferencedOctets(references[2], signature, ids, () => null, C14N));
        Assert.Equal("reference #none: no element has the Id 'none'", e.Message);
    }
}
