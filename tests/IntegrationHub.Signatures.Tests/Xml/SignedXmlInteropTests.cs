using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Enveloping and detached signatures made by .NET's SignedXml are read into evidence that verifies.</summary>
[Collection(XmlPkiCollection.Name)]
public sealed class SignedXmlInteropTests(XmlTestPki pki)
{
    private static readonly byte[] DetachedPdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% not really a PDF, just the signed bytes\n");

    private byte[] Enveloping()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        var payload = document.CreateElement("dt", "ToKhai", "urn:integrationhub:test");
        payload.InnerText = "Tờ khai đăng ký kinh doanh";
        var signed = new SignedXml(document) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        var data = new DataObject { Id = "payload", Data = new XmlNodeList2(payload) };
        signed.AddObject(data);
        signed.AddReference(new Reference("#payload") { DigestMethod = SignedXml.XmlDsigSHA256Url });
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(pki.RsaSigner));
        signed.ComputeSignature();
        document.AppendChild(document.ImportNode(signed.GetXml(), true));
        return Encoding.UTF8.GetBytes(document.OuterXml);
    }

    private byte[] Detached(string uri)
    {
        var signed = new SignedXml(new XmlDocument()) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        signed.AddReference(new Reference(new MemoryStream(DetachedPdf)) { Uri = uri, DigestMethod = SignedXml.XmlDsigSHA384Url });
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA384Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(pki.RsaSigner));
        signed.ComputeSignature();
        return Encoding.UTF8.GetBytes(signed.GetXml().OuterXml);
    }

    [Fact]
    public void SignedXml_enveloping_signature_reads_and_verifies()
    {
        var evidence = Assert.Single(Read(Enveloping()));

        AssertSound(evidence, pki.RsaSigner);
        Assert.Contains("Object", evidence.References[0].Detail);
    }

    [Fact]
    public void Altered_enveloped_object_is_not_intact()
    {
        var tampered = Encoding.UTF8.GetString(Enveloping()).Replace("kinh doanh", "kinh doanh!");

        var evidence = Assert.Single(Read(tampered));

        Assert.False(Assert.Single(evidence.References).Intact);
    }

    [Theory]
    [InlineData("don-de-nghi.pdf")]
    [InlineData("http://example.invalid/don-de-nghi.pdf")]
    [InlineData(null)]
    public void SignedXml_detached_signature_verifies_against_the_supplied_content_only(string? uri)
    {
        var signature = Detached(uri!);

        var evidence = Assert.Single(Read(signature, DetachedPdf));

        AssertSound(evidence, pki.RsaSigner);
        Assert.Equal(HashAlgorithmName.SHA384, evidence.DigestAlgorithm);
    }

    [Fact]
    public void Detached_content_from_a_stream_that_cannot_seek_is_read_once_and_verifies()
    {
        var signature = Detached("don-de-nghi.pdf");
        var file = new IntegrationHub.Signatures.Formats.SignedFile("sig.xml", new MemoryStream(signature), new ForwardOnlyStream(DetachedPdf));

        var evidence = Assert.Single(new IntegrationHub.Signatures.Xml.XmlSignatureFormat().Read(file));

        AssertSound(evidence, pki.RsaSigner);
    }

    [Fact]
    public void Detached_signature_without_the_content_reports_the_reference_not_found()
    {
        var evidence = Assert.Single(Read(Detached("don-de-nghi.pdf")));

        var reference = Assert.Single(evidence.References);
        Assert.False(reference.Found);
        Assert.Contains("detached content not supplied", reference.Detail);
    }

    [Fact]
    public void Detached_signature_over_other_content_is_not_intact()
    {
        var evidence = Assert.Single(Read(Detached("don-de-nghi.pdf"), [.. DetachedPdf, (byte)'x']));

        Assert.False(Assert.Single(evidence.References).Intact);
    }

    [Fact]
    public void Signer_named_only_by_X509IssuerSerial_is_identified_by_issuer_and_serial()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Document);
        var signed = new SignedXml(document) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        var reference = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var x509 = new KeyInfoX509Data();
        x509.AddIssuerSerial(pki.RsaSigner.Issuer, pki.RsaSigner.SerialNumber); // SignedXml takes hex and writes decimal
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(x509);
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.Null(evidence.Signer.Certificate);
        Assert.Empty(evidence.Certificates);
        Assert.Equal(pki.RsaSigner.IssuerName.Name, evidence.Signer.IssuerName);
        Assert.Equal(pki.RsaSigner.SerialNumberBytes.ToArray(), evidence.Signer.SerialNumber);
        Assert.True(SignatureVerifies(evidence, pki.RsaSigner));
    }

    /// <summary>A network-like stream: forward only.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    /// <summary>DataObject.Data wants an XmlNodeList; this is the smallest one.</summary>
    private sealed class XmlNodeList2(XmlNode node) : XmlNodeList
    {
        public override int Count => 1;
        public override XmlNode? Item(int index) => index == 0 ? node : null;
        public override System.Collections.IEnumerator GetEnumerator() { yield return node; }
    }
}
