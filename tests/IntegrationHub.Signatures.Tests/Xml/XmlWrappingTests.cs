using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using IntegrationHub.Signatures.Validation;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// Signature wrapping (XSW): the signed element is moved or copied so that a naive verifier passes while the
/// caller reads other content. Each variant below still has intact references and a valid signature value
/// where the attack allows it, yet must carry a wrapping failure (TOTAL_FAILED), never pass.
/// </summary>
[Collection(XmlPkiCollection.Name)]
public sealed class XmlWrappingTests(XmlTestPki pki)
{
    private const string DsNs = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>An enveloped signature over "#doc" (the document element's Id), made by SignedXml.</summary>
    private XmlDocument SignedById()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Document);
        var signed = new SignedXml(document) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        var reference = new Reference("#doc") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(pki.RsaSigner));
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
        return document;
    }

    private static (XmlDocument Document, XmlElement Original, XmlElement Signature) Parts(XmlDocument signed)
    {
        var signature = (XmlElement)signed.GetElementsByTagName("Signature", DsNs)[0]!;
        var original = (XmlElement)signed.DocumentElement!.CloneNode(true);
        original.RemoveChild(original.GetElementsByTagName("Signature", DsNs)[0]!);
        return (signed, original, signature);
    }

    private static XmlElement EvilRoot(XmlDocument document, string id)
    {
        var evil = document.CreateElement("hoSo", "urn:integrationhub:test");
        evil.SetAttribute("Id", id);
        evil.AppendChild(document.CreateElement("maHoSo", "urn:integrationhub:test"))!.InnerText = "EVIL-0001";
        return evil;
    }

    [Fact]
    public void Untouched_signature_over_the_document_element_Id_has_no_wrapping_failure()
    {
        var evidence = Assert.Single(Read(SignedById().OuterXml));

        AssertSound(evidence, pki.RsaSigner);
        Assert.Contains("signed: /hoSo[1]", evidence.References[0].Detail);
    }

    [Fact]
    public void Signed_element_moved_into_an_Object_fails_although_digest_and_value_check_out()
    {
        var (document, original, signature) = Parts(SignedById());
        var evil = EvilRoot(document, "evil");
        var dsObject = document.CreateElement("ds", "Object", DsNs);
        dsObject.AppendChild(original);
        signature.AppendChild(dsObject);
        evil.AppendChild(signature);
        document.ReplaceChild(evil, document.DocumentElement!);

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.True(SignatureVerifies(evidence, pki.RsaSigner));
        Assert.True(evidence.References[0].Intact); // a naive verifier would pass this
        Assert.Contains(evidence.Failures, f => f.SubIndication == SubIndication.FormatFailure && f.Message.Contains("wrapping"));
    }

    [Fact]
    public void Duplicate_Id_fails()
    {
        var (document, original, signature) = Parts(SignedById());
        var evil = EvilRoot(document, "doc");
        var dsObject = document.CreateElement("ds", "Object", DsNs);
        dsObject.AppendChild(original);
        signature.AppendChild(dsObject);
        evil.AppendChild(signature);
        document.ReplaceChild(evil, document.DocumentElement!);

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.Contains(evidence.Failures, f => f.Message.Contains("'doc' is carried by several elements"));
        Assert.False(evidence.References[0].Found);
    }

    [Fact]
    public void Enveloped_signature_over_a_copied_element_nested_in_another_document_fails()
    {
        var (document, _, _) = Parts(SignedById());
        var signedRoot = document.DocumentElement!;
        var evil = EvilRoot(document, "evil");
        document.ReplaceChild(evil, signedRoot);
        evil.AppendChild(document.CreateElement("dinhKem", "urn:integrationhub:test"))!.AppendChild(signedRoot);

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.True(SignatureVerifies(evidence, pki.RsaSigner));
        Assert.True(evidence.References[0].Intact);
        Assert.Contains(evidence.Failures, f => f.Message.Contains("not the document element"));
    }

    private XmlDocument SignedPart()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<goi><phan Id=\"p1\">signed part</phan><phan>unsigned part</phan></goi>");
        var signed = new SignedXml(document) { SigningKey = pki.RsaSigner.GetRSAPrivateKey() };
        signed.AddReference(new Reference("#p1") { DigestMethod = SignedXml.XmlDsigSHA256Url });
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(pki.RsaSigner));
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
        return document;
    }

    [Fact]
    public void Embedded_signature_over_a_sibling_element_is_sound_and_warns_that_only_that_element_is_signed()
    {
        var evidence = Assert.Single(Read(SignedPart().OuterXml));

        AssertSound(evidence, pki.RsaSigner);
        Assert.Contains(evidence.Warnings, w => w.Contains("covers only /goi[1]/phan[1]") && w.Contains("not signed"));
    }

    [Fact]
    public void Signed_part_moved_into_the_signature_KeyInfo_and_replaced_fails()
    {
        var document = SignedPart();
        var part = (XmlElement)document.DocumentElement!.FirstChild!;
        var signature = (XmlElement)document.GetElementsByTagName("Signature", DsNs)[0]!;
        var evil = document.CreateElement("phan");
        evil.SetAttribute("Id", "p1-evil");
        evil.InnerText = "forged part";
        document.DocumentElement.ReplaceChild(evil, part);
        signature.GetElementsByTagName("KeyInfo", DsNs)[0]!.AppendChild(part);

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.True(SignatureVerifies(evidence, pki.RsaSigner));
        Assert.True(evidence.References[0].Intact); // a naive verifier would pass this
        Assert.Contains(evidence.Failures, f => f.Message.Contains("inside a ds:Signature"));
    }

    [Fact]
    public void Duplicate_Id_anywhere_in_the_document_fails_even_off_the_reference_path()
    {
        var document = SignedById();
        var twin = document.CreateElement("ghiChu", "urn:integrationhub:test");
        twin.SetAttribute("ID", "x");
        var twin2 = (XmlElement)twin.CloneNode(true);
        twin2.SetAttribute("id", "x");
        var holder = document.CreateElement("extra");
        holder.AppendChild(twin);
        holder.AppendChild(twin2);
        document.DocumentElement!.GetElementsByTagName("Signature", DsNs)[0]!.AppendChild(
            document.CreateElement("ds", "Object", DsNs))!.AppendChild(holder);

        var evidence = Assert.Single(Read(document.OuterXml));

        Assert.Contains(evidence.Failures, f => f.Message.Contains("'x'"));
    }
}
