using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The small parts the XML verifier stands on, each alone: which attributes count as IDs (a wrong one lets a
/// wrapping attack through or breaks wsu:Id references), the XPath in error messages, the parser's limits at their
/// exact edges, and the signature value check per key type and padding.
/// </summary>
public sealed class XmlPartsMutationTests
{
    private static XmlDocument Load(string xml) => SafeXml.Load(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void Id_ID_id_wsu_Id_and_xml_id_are_ID_attributes_and_nothing_else_is()
    {
        var doc = Load(
            "<r xmlns:wsu='" + XmlDsigNames.WsuNs + "' xmlns:o='urn:other'>"
            + "<a Id='1'/><b ID='2'/><c id='3'/><d wsu:Id='4'/><e xml:id='5'/>"
            + "<f iD='6'/><g o:Id='7'/><h wsu:id='8'/><i xml:Id='9'/><j Name='10'/></r>");
        var index = new XmlIdIndex(doc);

        Assert.Equal("a", Assert.Single(index.Find("1")).LocalName);
        Assert.Equal("b", Assert.Single(index.Find("2")).LocalName);
        Assert.Equal("c", Assert.Single(index.Find("3")).LocalName);
        Assert.Equal("d", Assert.Single(index.Find("4")).LocalName);
        Assert.Equal("e", Assert.Single(index.Find("5")).LocalName);
        foreach (var notAnId in new[] { "6", "7", "8", "9", "10" })
            Assert.Empty(index.Find(notAnId));
        Assert.Empty(index.DuplicateIds);
    }

    [Fact]
    public void A_value_on_two_elements_is_a_duplicate_but_two_ID_attributes_on_one_element_are_not()
    {
        var doc = Load("<r><a Id='x' id='x'/><b Id='y'/><c ID='y'/><d Id='Y'/></r>");
        var index = new XmlIdIndex(doc);

        Assert.Equal("a", Assert.Single(index.Find("x")).LocalName);
        Assert.Equal(["b", "c"], index.Find("y").Select(e => e.LocalName));
        Assert.Equal("d", Assert.Single(index.Find("Y")).LocalName); // IDs are case-sensitive
        Assert.Equal(["y"], index.DuplicateIds);
    }

    [Fact]
    public void PathOf_counts_only_same_named_siblings_in_the_same_namespace()
    {
        var doc = Load("<r xmlns:p='urn:p'><x/><y/><x/><p:x/><x><z/><z/></x></r>");
        var root = doc.DocumentElement!;
        var elements = root.ChildNodes.OfType<XmlElement>().ToArray();

        Assert.Equal("/r[1]", XmlIdIndex.PathOf(root));
        Assert.Equal("/r[1]/x[1]", XmlIdIndex.PathOf(elements[0]));
        Assert.Equal("/r[1]/y[1]", XmlIdIndex.PathOf(elements[1]));
        Assert.Equal("/r[1]/x[2]", XmlIdIndex.PathOf(elements[2]));
        Assert.Equal("/r[1]/p:x[1]", XmlIdIndex.PathOf(elements[3]));
        var secondZ = elements[4].ChildNodes.OfType<XmlElement>().Last();
        Assert.Equal("/r[1]/x[3]/z[2]", XmlIdIndex.PathOf(secondZ));
    }

    [Fact]
    public void The_size_limit_admits_a_document_of_exactly_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes("<r>" + new string('a', 100) + "</r>");

        Assert.Equal("r", SafeXml.Load(bytes, bytes.Length).DocumentElement!.Name);
        var e = Assert.Throws<SignatureFormatException>(() => SafeXml.Load(bytes, bytes.Length - 1));
        Assert.Equal($"The XML document is larger than the limit of {bytes.Length - 1} bytes.", e.Message);
    }

    [Fact]
    public void The_size_limit_counts_from_the_streams_position()
    {
        var body = Encoding.UTF8.GetBytes("<r/>");
        var stream = new MemoryStream([.. new byte[1000], .. body]) { Position = 1000 };

        Assert.Equal("r", SafeXml.Load(stream, body.Length).DocumentElement!.Name);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_capped_by_the_reader()
    {
        var bytes = Encoding.UTF8.GetBytes("<r>" + new string('a', 5000) + "</r>");
        using var stream = new ForwardOnlyStream(bytes);

        var e = Assert.Throws<SignatureFormatException>(() => SafeXml.Load(stream, 1000));
        Assert.StartsWith("Not well-formed or forbidden XML", e.Message);
    }

    [Fact]
    public void Depth_of_exactly_the_limit_is_read_one_more_is_refused()
    {
        static byte[] Nested(int depth) =>
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)));

        Assert.NotNull(SafeXml.Load(Nested(SafeXml.MaxDepth)).DocumentElement);
        var e = Assert.Throws<SignatureFormatException>(() => SafeXml.Load(Nested(SafeXml.MaxDepth + 1)));
        Assert.Equal("The XML document nests elements deeper than 512 levels.", e.Message);
    }

    [Fact]
    public void Depth_is_measured_on_every_branch_not_only_the_first()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", SafeXml.MaxDepth)) + string.Concat(Enumerable.Repeat("</a>", SafeXml.MaxDepth));
        var xml = "<r><first/>" + deep + "<last/></r>";

        Assert.Throws<SignatureFormatException>(() => Load(xml));
    }

    [Fact]
    public void Loaded_documents_keep_whitespace_and_processing_instructions()
    {
        var doc = Load("<r>\n  <?pi data?>\n  <a/>\n</r>");

        Assert.Equal("<r>\n  <?pi data?>\n  <a />\n</r>", doc.DocumentElement!.OuterXml);
        Assert.True(SafeXml.NewDocument().PreserveWhitespace);
    }

    [Fact]
    public void Reader_settings_forbid_DTDs_resolvers_and_entities()
    {
        var settings = SafeXml.Settings(1234);

        Assert.Equal(DtdProcessing.Prohibit, settings.DtdProcessing);
        Assert.Equal(0, settings.MaxCharactersFromEntities);
        Assert.Equal(1234, settings.MaxCharactersInDocument);
        Assert.False(settings.IgnoreProcessingInstructions);
        Assert.False(settings.CloseInput);
    }

    [Fact]
    public void Loading_leaves_the_callers_stream_open()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("<r/>"));
        SafeXml.Load(stream);
        Assert.True(stream.CanRead);
    }

    private static readonly byte[] Digest = SHA256.HashData("hồ sơ"u8);

    [Fact]
    public void RSA_values_verify_under_the_padding_they_were_made_with_only()
    {
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned(key);
        var pkcs1 = key.SignHash(Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var pss = key.SignHash(Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        var rsaPkcs1 = SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11");
        var rsaPss = SignatureAlgorithm.RsaPss("1.2.840.113549.1.1.10");

        Assert.True(XmlSignatureValues.Verify(certificate, rsaPkcs1, HashAlgorithmName.SHA256, Digest, pkcs1));
        Assert.True(XmlSignatureValues.Verify(certificate, rsaPss, HashAlgorithmName.SHA256, Digest, pss));
        Assert.False(XmlSignatureValues.Verify(certificate, rsaPss, HashAlgorithmName.SHA256, Digest, pkcs1));
        Assert.False(XmlSignatureValues.Verify(certificate, rsaPkcs1, HashAlgorithmName.SHA256, Digest, pss));
        Assert.False(XmlSignatureValues.Verify(certificate, rsaPkcs1, HashAlgorithmName.SHA256, SHA256.HashData("other"u8), pkcs1));
        Assert.Equal("RSA", XmlSignatureValues.KeyAlgorithmOf(certificate));
        // An RSA certificate checked as ECDSA has no EC key: false, not an exception.
        Assert.False(XmlSignatureValues.Verify(certificate, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.2"), HashAlgorithmName.SHA256, Digest, pkcs1));
    }

    [Fact]
    public void ECDSA_values_verify_as_DER_and_garbage_is_false_not_an_exception()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var certificate = SelfSigned(key);
        var der = key.SignHash(Digest, DSASignatureFormat.Rfc3279DerSequence);
        var ecdsa = SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.2");

        Assert.True(XmlSignatureValues.Verify(certificate, ecdsa, HashAlgorithmName.SHA256, Digest, der));
        Assert.False(XmlSignatureValues.Verify(certificate, ecdsa, HashAlgorithmName.SHA256, Digest, EcdsaSignatureEncoding.DerToRaw(der, 66)));
        Assert.False(XmlSignatureValues.Verify(certificate, ecdsa, HashAlgorithmName.SHA256, Digest, [1, 2, 3]));
        // An EC certificate checked as RSA has no RSA key.
        Assert.False(XmlSignatureValues.Verify(certificate, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11"), HashAlgorithmName.SHA256, Digest, der));
        Assert.Equal("ECDSA", XmlSignatureValues.KeyAlgorithmOf(certificate));
        Assert.Equal(66, XmlSignatureValues.EcFieldSize(certificate));
    }

    [Fact]
    public void Field_sizes_round_up_to_whole_bytes_and_other_keys_are_refused()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p256Certificate = SelfSigned(p256);
        Assert.Equal(32, XmlSignatureValues.EcFieldSize(p256Certificate));

        using var rsa = RSA.Create(2048);
        using var rsaCertificate = SelfSigned(rsa);
        Assert.Equal("Not an EC certificate.", Assert.Throws<NotSupportedException>(() => XmlSignatureValues.EcFieldSize(rsaCertificate)).Message);

        using var dsa = DSA.Create(2048);
        // CertificateRequest cannot self-sign with DSA: an RSA issuer signs a certificate for the DSA key.
        var request = new CertificateRequest(new X500DistinguishedName("CN=dsa"), new PublicKey(dsa), HashAlgorithmName.SHA256);
        using var dsaCertificate = request.Create(new X500DistinguishedName("CN=rsa"),
            X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1), [1]);
        var e = Assert.Throws<NotSupportedException>(() => XmlSignatureValues.KeyAlgorithmOf(dsaCertificate));
        Assert.Equal("Signer key algorithm 1.2.840.10040.4.1 is not supported for XAdES.", e.Message);
    }

    private static X509Certificate2 SelfSigned(RSA key) =>
        new CertificateRequest("CN=rsa", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));

    private static X509Certificate2 SelfSigned(ECDsa key) =>
        new CertificateRequest("CN=ec", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
