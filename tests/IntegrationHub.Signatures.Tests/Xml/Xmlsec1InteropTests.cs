using System.Text;
using IntegrationHub.Signatures.Validation;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Documents signed by xmlsec1 (an independent implementation) are read into evidence that verifies.</summary>
[Collection(XmlPkiCollection.Name)]
public sealed class Xmlsec1InteropTests(XmlTestPki pki)
{
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    [RequiresToolFact("xmlsec1")]
    public void Xmlsec1_RSA_enveloped_signature_reads_into_evidence_that_verifies()
    {
        var signed = SignWithXmlsec1(pki, "rsa", Xmlsec1Template(RsaSha256));

        var evidence = Assert.Single(Read(signed));

        AssertSound(evidence, pki.RsaSigner);
        Assert.Equal("XMLDSIG", evidence.Format);
        Assert.Equal("RSA", evidence.SignatureAlgorithm.KeyAlgorithm);
        Assert.Equal("1.2.840.113549.1.1.11", evidence.SignatureAlgorithm.Oid);
        Assert.False(evidence.HasEtsiSignedAttributes);
        Assert.Contains("signed: /", evidence.References[0].Detail);
    }

    [RequiresToolFact("xmlsec1")]
    public void Xmlsec1_ECDSA_signature_value_is_given_as_DER_and_verifies()
    {
        var signed = SignWithXmlsec1(pki, "ec", Xmlsec1Template(EcdsaSha256));

        var evidence = Assert.Single(Read(signed));

        AssertSound(evidence, pki.EcSigner);
        Assert.Equal("ECDSA", evidence.SignatureAlgorithm.KeyAlgorithm);
        Assert.Equal(0x30, evidence.SignatureValue[0]); // DER SEQUENCE, not XML's 64-byte r||s
        Assert.NotEqual(64, evidence.SignatureValue.Length);
    }

    [RequiresToolFact("xmlsec1")]
    public void Xmlsec1_signature_with_inclusive_C14N_reads_and_verifies()
    {
        var signed = SignWithXmlsec1(pki, "rsa", Xmlsec1Template(RsaSha256, "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"));

        AssertSound(Assert.Single(Read(signed)), pki.RsaSigner);
    }

    [RequiresToolFact("xmlsec1")]
    public void Tampered_content_after_xmlsec1_signing_leaves_the_reference_not_intact()
    {
        var signed = Encoding.UTF8.GetString(SignWithXmlsec1(pki, "rsa", Xmlsec1Template(RsaSha256)));
        var tampered = signed.Replace("261128-0001", "261128-0002");
        Assert.NotEqual(signed, tampered);

        var evidence = Assert.Single(Read(tampered));

        var reference = Assert.Single(evidence.References);
        Assert.True(reference.Found);
        Assert.False(reference.Intact);
        Assert.True(SignatureVerifies(evidence, pki.RsaSigner)); // SignedInfo itself is untouched
    }

    [RequiresToolFact("xmlsec1")]
    public void Flipped_signature_byte_gives_evidence_whose_value_does_not_verify()
    {
        var signed = Encoding.UTF8.GetString(SignWithXmlsec1(pki, "rsa", Xmlsec1Template(RsaSha256)));
        var start = signed.IndexOf("<SignatureValue>", StringComparison.Ordinal) + "<SignatureValue>".Length;
        var end = signed.IndexOf("</SignatureValue>", StringComparison.Ordinal);
        var value = Convert.FromBase64String(signed[start..end]);
        value[10] ^= 0x01;
        var flipped = signed[..start] + Convert.ToBase64String(value) + signed[end..];

        var evidence = Assert.Single(Read(flipped));

        Assert.False(SignatureVerifies(evidence, pki.RsaSigner));
        Assert.All(evidence.References, r => Assert.True(r.Intact));
    }
}
