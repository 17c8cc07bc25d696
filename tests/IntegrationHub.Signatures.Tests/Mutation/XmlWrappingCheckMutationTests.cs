using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The signature-wrapping rules one by one, on documents and reference resolutions made here: each rule's failure with
/// its exact message, the cases each rule lets through, and the warning that says what part of a document is signed.
/// </summary>
public sealed class XmlWrappingCheckMutationTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

    private static XmlDocument Load(string xml) => SafeXml.Load(Encoding.UTF8.GetBytes(xml));

    private static XmlElement Element(XmlDocument doc, string localName) =>
        doc.GetElementsByTagName(localName).OfType<XmlElement>().FirstOrDefault()
        ?? doc.GetElementsByTagName(localName, Ds).OfType<XmlElement>().First();

    private static ReferenceResolution To(XmlElement target, bool enveloped = false, string? type = null) =>
        new("#" + target.GetAttribute("Id"), type, true, true, null, target, Enveloped: enveloped);

    private static ReferenceResolution Whole(bool enveloped = true) => new("", null, true, true, null, null, WholeDocument: true, Enveloped: enveloped);

    private static (List<(string SubIndication, string Message)> Failures, List<string> Warnings) Check(
        XmlDocument doc, XmlElement? signedProperties, params ReferenceResolution[] references) =>
        XmlWrappingCheck.Check((XmlElement)doc.GetElementsByTagName("Signature", Ds)[0]!, references, new XmlIdIndex(doc), signedProperties);

    private const string Document = "<doc Id=\"d\"><part Id=\"p\"/><other Id=\"o\"/>"
        + "<ds:Signature xmlns:ds=\"" + Ds + "\" Id=\"s\"><ds:KeyInfo><hidden Id=\"k\"/></ds:KeyInfo><ds:Object Id=\"obj\"><kept Id=\"e\"/></ds:Object></ds:Signature></doc>";

    [Fact]
    public void A_signature_over_the_whole_document_or_its_element_has_no_finding()
    {
        var doc = Load(Document);

        var whole = Check(doc, null, Whole());
        Assert.Empty(whole.Failures);
        Assert.Empty(whole.Warnings);

        var byId = Check(doc, null, To(doc.DocumentElement!, enveloped: true));
        Assert.Empty(byId.Failures);
        Assert.Empty(byId.Warnings);
    }

    [Fact]
    public void Every_duplicated_Id_is_a_failure()
    {
        var doc = Load("<doc><a Id=\"x\"/><b Id=\"x\"/><c Id=\"y\"/><d Id=\"y\"/><ds:Signature xmlns:ds=\"" + Ds + "\"/></doc>");

        var (failures, _) = Check(doc, null, Whole());

        Assert.Equal([
            (SubIndication.FormatFailure, "signature wrapping: the Id 'x' is carried by several elements"),
            (SubIndication.FormatFailure, "signature wrapping: the Id 'y' is carried by several elements"),
        ], failures);
    }

    [Fact]
    public void Without_a_data_reference_nothing_is_signed()
    {
        var doc = Load(Document);
        var signedProperties = Element(doc, "kept");

        var (failures, _) = Check(doc, signedProperties, To(signedProperties, type: SignedPropertiesType));

        Assert.Equal("signature wrapping: no data object is signed", Assert.Single(failures).Message);
    }

    [Fact]
    public void The_SignedProperties_reference_must_point_at_this_signatures_properties()
    {
        var doc = Load(Document);
        var properties = Element(doc, "kept");
        var elsewhere = Element(doc, "other");

        Assert.Empty(Check(doc, properties, Whole(), To(properties, type: SignedPropertiesType)).Failures);

        var wrong = Check(doc, properties, Whole(), To(elsewhere, type: SignedPropertiesType)).Failures;
        Assert.Equal("signature wrapping: the SignedProperties reference #o does not point at this signature's xades:SignedProperties",
            Assert.Single(wrong).Message);

        var none = Check(doc, null, Whole(), To(properties, type: SignedPropertiesType)).Failures;
        Assert.Single(none);

        // One that resolves to nothing is reported by the reference check itself, not here.
        var missing = new ReferenceResolution("#gone", SignedPropertiesType, false, false, "no element");
        Assert.Empty(Check(doc, properties, Whole(), missing).Failures);
    }

    [Fact]
    public void An_enveloped_signature_must_sign_the_document_element()
    {
        var doc = Load(Document);

        var (failures, _) = Check(doc, null, To(Element(doc, "part"), enveloped: true));

        Assert.Equal("signature wrapping: the enveloped signature signs /doc[1]/part[1], not the document element /doc[1]", Assert.Single(failures).Message);
        Assert.Empty(Check(doc, null, To(Element(doc, "part"), enveloped: false)).Failures);
        Assert.Empty(Check(doc, null, new ReferenceResolution("#p", null, false, false, null, Enveloped: true)).Failures);
    }

    [Fact]
    public void Signed_data_inside_a_signature_fails_unless_the_signature_envelops_it_in_its_own_Object()
    {
        var doc = Load(Document);

        var inKeyInfo = Check(doc, null, To(Element(doc, "hidden"))).Failures;
        Assert.Equal("signature wrapping: the signed element /doc[1]/ds:Signature[1]/ds:KeyInfo[1]/hidden[1] sits inside a ds:Signature, "
                     + "where the document's reader does not look", Assert.Single(inKeyInfo).Message);

        // Inside this signature's Object, but the signature is not the document: still hidden from the reader.
        Assert.Single(Check(doc, null, To(Element(doc, "kept"))).Failures);

        var enveloping = Load("<ds:Signature xmlns:ds=\"" + Ds + "\" Id=\"s\"><ds:KeyInfo><hidden Id=\"k\"/></ds:KeyInfo>"
                              + "<ds:Object><kept Id=\"e\"><deep Id=\"q\"/></kept></ds:Object></ds:Signature>");
        Assert.Empty(Check(enveloping, null, To(Element(enveloping, "kept"))).Failures);
        Assert.Empty(Check(enveloping, null, To(Element(enveloping, "deep"))).Failures);
        Assert.Single(Check(enveloping, null, To(Element(enveloping, "hidden"))).Failures);
        Assert.Empty(Check(enveloping, null, To(Element(enveloping, "kept"))).Warnings);
    }

    [Fact]
    public void Data_inside_another_signature_of_an_enveloping_one_is_hidden_too()
    {
        var doc = Load("<ds:Signature xmlns:ds=\"" + Ds + "\" Id=\"s\"><ds:Object><ds:Signature Id=\"inner\"><ds:Object><kept Id=\"e\"/></ds:Object></ds:Signature></ds:Object></ds:Signature>");

        Assert.Single(Check(doc, null, To(Element(doc, "kept"))).Failures);
    }

    [Fact]
    public void A_signature_over_parts_warns_naming_them_and_the_document()
    {
        var doc = Load(Document);
        var external = new ReferenceResolution("form.pdf", null, true, true, null, External: true);
        var notFound = new ReferenceResolution("#zz", null, false, false, "no element");

        var (failures, warnings) = Check(doc, null, To(Element(doc, "part")), To(Element(doc, "other")), external, notFound);

        Assert.Empty(failures);
        Assert.Equal("The signature covers only /doc[1]/part[1], /doc[1]/other[1]: the rest of the document (/doc[1]) is not signed.", Assert.Single(warnings));
    }

    [Fact]
    public void A_part_signed_alongside_the_whole_document_or_only_external_data_gives_no_warning()
    {
        var doc = Load(Document);

        Assert.Empty(Check(doc, null, To(Element(doc, "part")), Whole()).Warnings);
        Assert.Empty(Check(doc, null, new ReferenceResolution("form.pdf", null, true, true, null, External: true)).Warnings);
    }
}
