using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Reading files and checking evidence the way the validation core will: with .NET's own RSA/ECDSA, independently of the reader.</summary>
public static class XmlTestSupport
{
    public const string Document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hoSo xmlns=\"urn:integrationhub:test\" Id=\"doc\">\n  <maHoSo>000.00.25.H47-261128-0001</maHoSo>\n  <nguoiNop>Tr\u1ea7n T\u1ea5n Ph\u00fa</nguoiNop>\n</hoSo>\n";

    public static IReadOnlyList<SignatureEvidence> Read(byte[] xml, byte[]? detached = null) =>
        new XmlSignatureFormat().Read(new SignedFile("test.xml", new MemoryStream(xml), detached is null ? null : new MemoryStream(detached)));

    public static IReadOnlyList<SignatureEvidence> Read(string xml, byte[]? detached = null) => Read(Encoding.UTF8.GetBytes(xml), detached);

    /// <summary>Does the evidence's signature value verify over its SignedDigest with this certificate? (What the core checks.)</summary>
    public static bool SignatureVerifies(SignatureEvidence evidence, X509Certificate2 certificate)
    {
        if (evidence.SignatureAlgorithm.KeyAlgorithm == "ECDSA")
        {
            using var ec = certificate.GetECDsaPublicKey()!;
            return ec.VerifyHash(evidence.SignedDigest, evidence.SignatureValue, DSASignatureFormat.Rfc3279DerSequence);
        }
        using var rsa = certificate.GetRSAPublicKey()!;
        var padding = evidence.SignatureAlgorithm.Padding == "PSS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return rsa.VerifyHash(evidence.SignedDigest, evidence.SignatureValue, evidence.DigestAlgorithm, padding);
    }

    public static void AssertSound(SignatureEvidence evidence, X509Certificate2 certificate)
    {
        Assert.True(SignatureVerifies(evidence, certificate), "signature value must verify over SignedDigest");
        Assert.NotEmpty(evidence.References);
        Assert.All(evidence.References, r => Assert.True(r.Found && r.Intact, $"{r.Name}: {r.Detail}"));
        Assert.Empty(evidence.Failures);
        Assert.Empty(evidence.FormatErrors);
        Assert.Equal(certificate.RawData, evidence.Signer.Certificate?.RawData);
    }

    public static string Xmlsec1Template(string signatureMethod, string c14n = "http://www.w3.org/2001/10/xml-exc-c14n#") =>
        Document.Replace("</hoSo>",
            "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>" +
            $"<CanonicalizationMethod Algorithm=\"{c14n}\"/><SignatureMethod Algorithm=\"{signatureMethod}\"/>" +
            "<Reference URI=\"\"><Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/></Transforms>" +
            "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue/></Reference></SignedInfo>" +
            "<SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature></hoSo>");

    /// <summary>Signs a template with xmlsec1 and returns the signed document.</summary>
    public static byte[] SignWithXmlsec1(XmlTestPki pki, string keyName, string template)
    {
        var input = pki.NewFile("template.xml");
        var output = pki.NewFile("signed.xml");
        File.WriteAllText(input, template);
        var result = ExternalTool.Run("xmlsec1", "--sign", "--privkey-pem", $"{pki.KeyPem(keyName)},{pki.CertPem(keyName)}", "--output", output, input);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(output);
    }

    /// <summary>Verifies a signed file with xmlsec1 against the test root; XAdES SignedProperties are declared as Id holders.</summary>
    public static ExternalTool.Result VerifyWithXmlsec1(XmlTestPki pki, byte[] signed)
    {
        var file = pki.NewFile("verify.xml");
        File.WriteAllBytes(file, signed);
        return ExternalTool.Run("xmlsec1", "--verify", "--trusted-pem", pki.RootPem,
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", file);
    }
}
