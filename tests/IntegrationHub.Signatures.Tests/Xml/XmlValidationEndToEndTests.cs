using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Tests.Timestamps;
using IntegrationHub.Signatures.Tests.Validation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;
using Microsoft.Extensions.Time.Testing;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>XML files through the whole validation core (path validation faked as trusted): the report's indications.</summary>
/// <remarks>SHA-1 under vn-default: the core reports INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE (ETSI places it there).</remarks>
[Collection(XmlPkiCollection.Name)]
public sealed class XmlValidationEndToEndTests(XmlTestPki pki)
{
    private static readonly DateTimeOffset SigningTime = new(2026, 11, 28, 2, 30, 0, TimeSpan.Zero);
    private readonly FakePathValidator _paths = new();

    private ValidationReport Validate(byte[] xml, byte[]? detached = null) =>
        new SignatureValidator(new FakeTimeProvider(SigningTime.AddHours(1)))
            .Validate(new SignedFile("hoso.xml", new MemoryStream(xml), detached is null ? null : new MemoryStream(detached)), new ValidationOptions(_paths));

    private async Task<byte[]> Xades(X509Certificate2 signer, bool withTimestamp = false, ITimestampClient? tsa = null, DateTimeOffset? signingTime = null)
    {
        var parameters = new SigningParameters(signingTime ?? SigningTime, HashAlgorithmName.SHA256, WithTimestamp: withTimestamp);
        return await LocalSigner.SignAsync(new XadesSigner(), Encoding.UTF8.GetBytes(Document), signer, parameters, tsa);
    }

    [Fact]
    public async Task Our_XAdES_B_B_is_TOTAL_PASSED_at_level_B_B()
    {
        var report = Validate(await Xades(pki.EcSigner));

        Assert.Equal(("XADES", Indication.TotalPassed), (report.Format, report.Indication));
        var s = Assert.Single(report.Signatures);
        Assert.Equal("B-B", s.Level);
        Assert.Equal(SigningTime, s.SigningTime);
        Assert.Equal("ECDSA", s.SignatureAlgorithm);
    }

    [Fact]
    public async Task Our_XAdES_B_T_timestamp_from_a_loopback_TSA_is_verified_and_is_the_best_signature_time()
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(SigningTime.AddMinutes(2))));
        using var http = new HttpClient();
        var signed = await Xades(pki.RsaSigner, withTimestamp: true, new TimestampClient(http, tsa.Url));

        var s = Assert.Single(Validate(signed).Signatures);

        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal("B-T", s.Level);
        Assert.Equal(SigningTime.AddMinutes(2), s.BestSignatureTime);
        Assert.Equal(Indication.TotalPassed, Assert.Single(s.Timestamps).Indication);
        if (ExternalTool.IsOnPath("xmlsec1"))
            Assert.Equal(0, VerifyWithXmlsec1(pki, signed).ExitCode);
    }

    [Fact]
    public async Task Timestamp_grafted_onto_another_signature_does_not_verify_and_gives_no_proof_of_existence()
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(SigningTime.AddMinutes(2))));
        using var http = new HttpClient();
        var stamped = Encoding.UTF8.GetString(await Xades(pki.RsaSigner, withTimestamp: true, new TimestampClient(http, tsa.Url)));
        var other = Encoding.UTF8.GetString(await Xades(pki.RsaSigner, signingTime: SigningTime.AddSeconds(1)));
        var start = stamped.IndexOf("<xades:UnsignedProperties>", StringComparison.Ordinal);
        var end = stamped.IndexOf("</xades:UnsignedProperties>", StringComparison.Ordinal) + "</xades:UnsignedProperties>".Length;
        var grafted = other.Replace("</xades:QualifyingProperties>", stamped[start..end] + "</xades:QualifyingProperties>");

        var s = Assert.Single(Validate(Encoding.UTF8.GetBytes(grafted)).Signatures);

        Assert.NotEqual(Indication.TotalPassed, Assert.Single(s.Timestamps).Indication);
        Assert.NotEqual(SigningTime.AddMinutes(2), s.BestSignatureTime);
        Assert.NotEqual("B-T", s.Level);
    }

    [RequiresToolFact("xmlsec1")]
    public void Xmlsec1_signature_is_TOTAL_PASSED_as_XMLDSIG_without_ETSI_level()
    {
        var signed = SignWithXmlsec1(pki, "rsa", Xmlsec1Template("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));

        var report = Validate(signed);

        Assert.True(report.Indication == Indication.TotalPassed, System.Text.Json.JsonSerializer.Serialize(report));
    }

    [Fact]
    public async Task Tampered_XAdES_content_is_TOTAL_FAILED_with_HASH_FAILURE()
    {
        var signed = Encoding.UTF8.GetString(await Xades(pki.RsaSigner)).Replace("261128-0001", "261128-0002");

        var s = Assert.Single(Validate(Encoding.UTF8.GetBytes(signed)).Signatures);

        Assert.Equal((Indication.TotalFailed, SubIndication.HashFailure), (s.Indication, s.SubIndication));
    }

    [Fact]
    public async Task Flipped_XAdES_signature_value_is_TOTAL_FAILED_with_SIG_CRYPTO_FAILURE()
    {
        var signed = Encoding.UTF8.GetString(await Xades(pki.RsaSigner));
        var value = Convert.ToBase64String(Assert.Single(Read(signed)).SignatureValue);
        var bytes = Convert.FromBase64String(value);
        bytes[^1] ^= 1;

        var s = Assert.Single(Validate(Encoding.UTF8.GetBytes(signed.Replace(value, Convert.ToBase64String(bytes)))).Signatures);

        Assert.Equal((Indication.TotalFailed, SubIndication.SigCryptoFailure), (s.Indication, s.SubIndication));
    }

    [Fact]
    public async Task Wrapped_XAdES_document_is_TOTAL_FAILED()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Encoding.UTF8.GetString(await Xades(pki.RsaSigner)));
        var signedRoot = document.DocumentElement!;
        var evil = document.CreateElement("hoSo", "urn:integrationhub:test");
        evil.InnerXml = "<maHoSo xmlns=\"urn:integrationhub:test\">EVIL</maHoSo>";
        document.ReplaceChild(evil, signedRoot);
        evil.AppendChild(signedRoot);

        var report = Validate(Encoding.UTF8.GetBytes(document.OuterXml));

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.NotEqual(Indication.TotalPassed, Assert.Single(report.Signatures).Indication);
    }

    [Fact]
    public void XXE_file_is_a_FORMAT_FAILURE_report_not_an_exception()
    {
        var report = Validate(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"));

        Assert.Equal((Indication.Indeterminate, SubIndication.FormatFailure), (report.Indication, report.SubIndication));
        Assert.DoesNotContain("root:", string.Join(" ", report.Errors ?? []));
    }

    [Fact]
    public void RSA_SHA1_XML_signature_is_read_and_rejected_by_the_policy()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Document);
        var signed = new SignedXml(document) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        var reference = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA1Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA1Url;
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(pki.RsaSigner));
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));

        var evidence = Assert.Single(Read(document.OuterXml));
        AssertSound(evidence, pki.RsaSigner);
        var s = Assert.Single(Validate(Encoding.UTF8.GetBytes(document.OuterXml)).Signatures);

        Assert.Equal(SubIndication.CryptoConstraintsFailure, s.SubIndication);
        Assert.NotEqual(Indication.TotalPassed, s.Indication);
    }
}
